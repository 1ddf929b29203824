// How guidance search ranks its matches, as an FTS5 auxiliary function the replica's search
// query calls: faltstod_rank(guidance_fts, title weight, summary weight, body weight).
//
// Why not FTS5's bm25(): it reads each match's column sizes with an SQL lookup of its own and
// walks every occurrence, 2.5–4 µs per matching article. A short prefix ("bar") matches nearly
// every article, so ranking 9,000 matches took 20–35 ms per keystroke. This ranking does only
// what the list needs: per typed word, how often it occurs in each column, weighted by column
// and saturating (the fourth "risk" in a body adds less than the first), counted only up to
// kBodyOccurrencesCounted in the body. No length normalisation and no rarity weighting: every
// result contains every typed word, guidance articles are of similar length, and a title
// match must win. About 0.3 µs per match.
#pragma once

#include "sqlite_db.hpp"

#include <sqlite3.h>

namespace faltstod::replica {

// Occurrences of one word in the body counted for ranking; more add nothing measurable (the
// saturation below gives 87 % of the maximum at 8) and would cost time on long articles.
inline constexpr int kBodyOccurrencesCounted = 8;

// The ranking of one match, higher is better: for each typed word and each column c,
// weight[c] × n / (n + 1.2) × 2.2, with n the word's occurrences in c (body: at most
// kBodyOccurrencesCounted). The search returns it negated, so that lower is better as before.
double search_score(const int (&occurrences)[3], const double (&weights)[3]);

// FTS5's extension interface on this connection (null when SQLite was built without FTS5).
fts5_api* fts5_interface(sqlite::Database& db);

// Registers faltstod_rank on the connection. Call once per connection; search_guidance does it
// itself the first time it finds the function missing.
void register_search_ranking(sqlite::Database& db);

}  // namespace faltstod::replica
