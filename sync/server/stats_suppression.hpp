// Statistics that single no one out: small-cell suppression of the consultation counts before
// they leave the server, for every consumer (GET /v1/stats, the kiosk's charts, `faltstod-server
// stats`, the CSV exports). Pure: exact tables in, protected tables out.
//
// The rules, with t the threshold (default 5, never below 3):
//  1. Nothing at all (a total of 0) is shown as it is: there is no one to single out.
//  2. A total below t hides everything: the total and every count of every table show "< t",
//     the zeros too — a table of one consultation with its zeros shown tells every attribute of
//     that one consultation (the /v1/stats?from=1900-01&to=1900-01 case).
//  3. Primary suppression: a count from 1 to t-1 shows "< t".
//  4. Secondary suppression, in every table whose counts add up to the total (months, counties,
//     professions, outcomes, age bands, channels): a hidden count must not be recoverable from
//     the total and the counts shown beside it. Someone who reads the table knows the total,
//     every shown count, that a "< t" count lies in 1..t-1 and that an "x" count is 0 or at
//     least t (it is not a small one). For every hidden count the values that fit all of that
//     are worked out; while one of them has only one value, the smallest shown count above 0
//     is hidden as "x" as well.
//  5. When a table cannot be protected even with all its counts above 0 hidden (a total of 6
//     made of 5 and 1: "1 and 5" is the only way), the whole answer is hidden: total and every
//     count "x".
// Topics are not additive (a consultation may name several), so they get rule 3 only: no sum
// ties a topic's count to the others.
//
// Tables are listed in the protocol's fixed order, never sorted by count: an order by size
// would place a hidden count between two shown ones and so bound it.
#pragma once

#include "stats_tables.hpp"

#include <cstdint>
#include <vector>

namespace faltstod::server {

protocol::StatsTables suppress_small_counts(const protocol::StatsTables& exact, int threshold);

// Rule 4's test, public for the tests: how many values the hidden cell `cell` of an additive
// table can have, given the total and everything `published` shows (hidden cells carry 0),
// counted up to 2. 1 means someone can work it out.
int feasible_values(const std::vector<protocol::StatsCell>& published, std::int64_t total, int threshold, std::size_t cell);

}  // namespace faltstod::server
