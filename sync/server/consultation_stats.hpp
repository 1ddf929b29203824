// Consultation statistics for GET /v1/stats and `faltstod-server stats`: counts of the
// anonymous consultation logs per month, county, topic, profession, outcome, age band and
// channel, for an optional county and month range. Only aggregates leave this file: never a
// note, a record id or a device id. The filter checks and the access rule live here too, so
// the HTTP route and the command line answer the same way with the same words.
#pragma once

#include "device_registry.hpp"
#include "sqlite_db.hpp"

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

struct StatsCount {
    std::string key;
    std::int64_t count = 0;
};

struct ConsultationStats {
    StatsFilter filter;
    std::int64_t total = 0;
    std::vector<StatsCount> by_month;  // YYYY-MM ascending
    std::vector<StatsCount> by_county;  // the rest by count descending, then key
    std::vector<StatsCount> by_topic;   // consultations per topic: one record may count for several topics
    std::vector<StatsCount> by_profession;
    std::vector<StatsCount> by_outcome;
    std::vector<StatsCount> by_age_band;
    std::vector<StatsCount> by_channel;
};

// Reads every count in one read transaction, so the dimensions agree with each other.
ConsultationStats read_consultation_stats(sqlite::Database& db, const StatsFilter& filter);

// The answer of GET /v1/stats (docs/openapi.yaml, StatsAnswer).
nlohmann::json stats_to_json(const ConsultationStats& stats);

// A readable table per dimension, for the command line.
std::string stats_to_table(const ConsultationStats& stats);

}  // namespace faltstod::server
