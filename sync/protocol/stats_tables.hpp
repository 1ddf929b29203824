// Consultation statistics as they travel: the answer of GET /v1/stats, what `faltstod-server
// stats` prints, the kiosk's charts and both CSV exports. One type, one encoder and one decoder
// here, used by the server and the kiosk alike.
//
// Counts are protected before they leave the server (sync/server/stats_suppression.hpp): a
// count below the threshold (default 5) is not sent, only that it is small ("< 5" on the wire
// and on screen), and a count that would let someone work such a small count out from the total
// and the other counts is not sent either ("x"). A hidden count is 0 in these structs: its true
// value never reaches a client. Only the exact view of the server's own command line, for
// admins and written to the audit trail, carries every count (`exact`).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace faltstod::protocol {

enum class CellShown {
    Exact,   // the count as it is
    Small,   // more than nothing and fewer than the threshold: "< 5"
    Hidden,  // not shown so that a small count beside it cannot be worked out: "x"
};

struct StatsCell {
    std::string key;  // a month (YYYY-MM), county code or choice id from consultation_record.hpp
    std::int64_t count = 0;  // 0 unless shown == Exact
    CellShown shown = CellShown::Exact;
};

constexpr int kDefaultStatsThreshold = 5;
constexpr int kLowestStatsThreshold = 3;

struct StatsTables {
    // The filter the server applied: a county-scoped editor who asked for none gets its county.
    std::optional<std::string> county, from, to;
    int threshold = kDefaultStatsThreshold;
    bool exact = false;  // true only in the server's audited exact view
    std::int64_t total = 0;  // 0 unless total_shown == Exact
    CellShown total_shown = CellShown::Exact;
    std::vector<StatsCell> by_month;  // every month of the period, ascending; months without logs are 0
    std::vector<StatsCell> by_county;  // the rest: every choice, in the protocol's order
    std::vector<StatsCell> by_topic;   // a consultation may count under several topics
    std::vector<StatsCell> by_profession;
    std::vector<StatsCell> by_outcome;
    std::vector<StatsCell> by_age_band;
    std::vector<StatsCell> by_channel;
};

// "12", "< 5" or "x".
std::string display_count(std::int64_t count, CellShown shown, int threshold);
std::string display_count(const StatsCell& cell, int threshold);

// The JSON of GET /v1/stats (docs/openapi.yaml, StatsAnswer): every count is an integer, or the
// string "< 5" (the threshold in force) or "x".
nlohmann::json to_json(const StatsTables& tables);
// Reads that JSON; throws nlohmann::json::exception (or std::invalid_argument for a count that
// is neither) when it does not have that shape.
StatsTables stats_from_json(const nlohmann::json& json);

// The tables as CSV (RFC 4180, comma separated, CRLF line ends, for spreadsheets): a header
// "table,key,count", then the total and every row of every table, with the same "< 5" and "x".
std::string stats_to_csv(const StatsTables& tables);

// The sections of the tables, in the order the CLI and the CSV show them.
struct StatsSection {
    const char* name;  // "by_month", …
    const std::vector<StatsCell>* cells;
};
std::vector<StatsSection> stats_sections(const StatsTables& tables);

}  // namespace faltstod::protocol
