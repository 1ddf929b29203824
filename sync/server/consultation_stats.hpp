// Consultation statistics for GET /v1/stats and `faltstod-server stats`: counts of the
// anonymous consultation logs per month, county, topic, profession, outcome, age band and
// channel, for an optional county and month range. Only aggregates leave this file: never a
// note, a record id or a device id, and never a small count (stats_suppression.hpp protects
// every answer; only the admin's audited exact view on the server's own command line reads the
// counts as they are). The filter checks and the access rule live here too, so the HTTP route
// and the command line answer the same way with the same words.
#pragma once

#include "device_registry.hpp"
#include "sqlite_db.hpp"
#include "stats_tables.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace faltstod::server {

struct StatsFilter {
    std::optional<std::string> county;  // SCB code; nullopt: every county
    std::optional<std::string> from;    // YYYY-MM, inclusive, on the consultation's date
    std::optional<std::string> to;      // YYYY-MM, inclusive
    bool all_counties_asked = false;    // the caller wrote county=all (not just left it out)
};

// Checks the raw values as they were given (county: a code or "all"; months: YYYY-MM).
// Returns the filter, or nullopt with `problem` set to a sentence that says what is wrong.
std::optional<StatsFilter> parse_stats_filter(const std::optional<std::string>& county, const std::optional<std::string>& from,
                                              const std::optional<std::string>& to, std::string& problem);

struct StatsAccess {
    bool allowed = false;
    std::string refusal;  // why not, for a 403
    StatsFilter effective;  // with a scoped editor's county filled in
};

// Who may see what: admins every county; editors without a county scope every county;
// editors with a scope only their county (their county when none is asked); readers nothing.
StatsAccess decide_stats_access(const Device& device, const StatsFilter& asked);

// Every count as it is, in one read transaction so the tables agree with each other: every
// month of the period (months without logs are 0; the period is the filter's, or from the
// first to the last month with logs, at most kMaxListedMonths), every county (or the one
// filtered on) and every choice of the protocol, in the protocol's order. NOT for a client:
// pass it through suppress_small_counts first, or use it in the audited exact view.
protocol::StatsTables read_exact_stats(sqlite::Database& db, const StatsFilter& filter);

// What every client gets: read_exact_stats with suppress_small_counts(threshold) applied.
protocol::StatsTables read_protected_stats(sqlite::Database& db, const StatsFilter& filter, int threshold);

constexpr int kMaxListedMonths = 1200;  // 100 years; a longer period lists the months that have logs

// A readable table per dimension, for the command line, with a line saying what "< 5" and "x"
// mean (or that the counts are exact).
std::string stats_to_table(const protocol::StatsTables& stats);

}  // namespace faltstod::server
