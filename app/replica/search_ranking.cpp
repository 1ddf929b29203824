// The FTS5 ranking function behind guidance search; see search_ranking.hpp for why.
#include "search_ranking.hpp"

#include <string>

namespace faltstod::replica {

namespace {

constexpr int kColumns = 3;  // title, summary, body_text: the order of guidance_fts's columns
constexpr int kBodyColumn = 2;
constexpr double kSaturation = 1.2;  // bm25's usual k1

// Called by SQLite for every matching row: faltstod_rank(guidance_fts, w_title, w_summary, w_body).
void faltstod_rank(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* result, int argc, sqlite3_value** argv) {
    double weights[kColumns] = {1.0, 1.0, 1.0};
    for (int c = 0; c < kColumns && c < argc; ++c) weights[c] = sqlite3_value_double(argv[c]);
    double score = 0;
    const int words = api->xPhraseCount(fts);
    for (int word = 0; word < words; ++word) {
        int occurrences[kColumns] = {0, 0, 0};
        Fts5PhraseIter it;
        int column = -1;
        int offset = -1;
        if (api->xPhraseFirst(fts, word, &it, &column, &offset) != SQLITE_OK) {
            sqlite3_result_error(result, "faltstod_rank: cannot read the match's positions", -1);
            return;
        }
        // Occurrences come column by column, in order, so the body's come last.
        while (column >= 0 && column < kColumns) {
            if (++occurrences[column] >= kBodyOccurrencesCounted && column == kBodyColumn) break;
            api->xPhraseNext(fts, &it, &column, &offset);
        }
        score += search_score(occurrences, weights);
    }
    sqlite3_result_double(result, -score);
}

}  // namespace

double search_score(const int (&occurrences)[3], const double (&weights)[3]) {
    double score = 0;
    for (int c = 0; c < kColumns; ++c) {
        const double n = occurrences[c];
        score += weights[c] * n * (kSaturation + 1) / (n + kSaturation);
    }
    return score;
}

fts5_api* fts5_interface(sqlite::Database& db) {
    fts5_api* api = nullptr;
    auto stmt = db.prepare("SELECT fts5(?1)");
    stmt.bind_pointer(1, static_cast<void*>(&api), "fts5_api_ptr");
    stmt.step();
    return api;
}

void register_search_ranking(sqlite::Database& db) {
    fts5_api* api = fts5_interface(db);
    if (!api) throw sqlite::SqliteError(SQLITE_ERROR, "this SQLite has no FTS5, which guidance search needs");
    const int rc = api->xCreateFunction(api, "faltstod_rank", nullptr, &faltstod_rank, nullptr);
    if (rc != SQLITE_OK) throw sqlite::SqliteError(rc, "cannot register the search ranking: " + std::string(sqlite3_errstr(rc)));
}

}  // namespace faltstod::replica
