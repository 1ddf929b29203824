// Consultation statistics on the wire and in CSV; see stats_tables.hpp.
#include "stats_tables.hpp"

#include <stdexcept>

namespace faltstod::protocol {

namespace {

nlohmann::json count_json(std::int64_t count, CellShown shown, int threshold) {
    if (shown == CellShown::Exact) return count;
    return display_count(count, shown, threshold);
}

// An integer, "< N" or "x".
void read_count(const nlohmann::json& value, std::int64_t& count, CellShown& shown) {
    if (value.is_number_integer()) {
        count = value.get<std::int64_t>();
        if (count < 0) throw std::invalid_argument("a negative count");
        shown = CellShown::Exact;
        return;
    }
    const auto text = value.get<std::string>();  // throws type_error for anything else
    count = 0;
    if (text == "x") shown = CellShown::Hidden;
    else if (text.rfind("< ", 0) == 0) shown = CellShown::Small;
    else throw std::invalid_argument("a count that is neither a number, \"< N\" nor \"x\"");
}

nlohmann::json cells_json(const std::vector<StatsCell>& cells, int threshold) {
    auto out = nlohmann::json::array();
    for (const auto& cell : cells) out.push_back({{"key", cell.key}, {"count", count_json(cell.count, cell.shown, threshold)}});
    return out;
}

std::vector<StatsCell> cells_from(const nlohmann::json& list) {
    std::vector<StatsCell> out;
    for (const auto& item : list) {
        StatsCell cell;
        cell.key = item.at("key").get<std::string>();
        read_count(item.at("count"), cell.count, cell.shown);
        out.push_back(std::move(cell));
    }
    return out;
}

nlohmann::json optional_json(const std::optional<std::string>& value) { return value ? nlohmann::json(*value) : nlohmann::json(nullptr); }

std::optional<std::string> optional_text(const nlohmann::json& value) {
    return value.is_string() ? std::optional<std::string>(value.get<std::string>()) : std::nullopt;
}

// A CSV field: quoted when it holds a comma, a quote or a line break (keys never do; the rule
// is kept so a future key cannot break a spreadsheet).
std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string out = "\"";
    for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

}  // namespace

std::string display_count(std::int64_t count, CellShown shown, int threshold) {
    switch (shown) {
        case CellShown::Exact: return std::to_string(count);
        case CellShown::Small: return "< " + std::to_string(threshold);
        case CellShown::Hidden: return "x";
    }
    return "x";
}

std::string display_count(const StatsCell& cell, int threshold) { return display_count(cell.count, cell.shown, threshold); }

std::vector<StatsSection> stats_sections(const StatsTables& t) {
    return {{"by_month", &t.by_month},       {"by_county", &t.by_county},   {"by_topic", &t.by_topic},
            {"by_profession", &t.by_profession}, {"by_outcome", &t.by_outcome}, {"by_age_band", &t.by_age_band},
            {"by_channel", &t.by_channel}};
}

nlohmann::json to_json(const StatsTables& t) {
    nlohmann::json out = {
        {"filter", {{"county", optional_json(t.county)}, {"from", optional_json(t.from)}, {"to", optional_json(t.to)}}},
        {"suppression", {{"threshold", t.threshold}, {"exact", t.exact}}},
        {"total", count_json(t.total, t.total_shown, t.threshold)}};
    for (const auto& section : stats_sections(t)) out[section.name] = cells_json(*section.cells, t.threshold);
    return out;
}

StatsTables stats_from_json(const nlohmann::json& data) {
    StatsTables t;
    const auto& filter = data.at("filter");
    t.county = optional_text(filter.at("county"));
    t.from = optional_text(filter.at("from"));
    t.to = optional_text(filter.at("to"));
    const auto& suppression = data.at("suppression");
    t.threshold = suppression.at("threshold").get<int>();
    t.exact = suppression.at("exact").get<bool>();
    read_count(data.at("total"), t.total, t.total_shown);
    t.by_month = cells_from(data.at("by_month"));
    t.by_county = cells_from(data.at("by_county"));
    t.by_topic = cells_from(data.at("by_topic"));
    t.by_profession = cells_from(data.at("by_profession"));
    t.by_outcome = cells_from(data.at("by_outcome"));
    t.by_age_band = cells_from(data.at("by_age_band"));
    t.by_channel = cells_from(data.at("by_channel"));
    return t;
}

std::string stats_to_csv(const StatsTables& t) {
    std::string out = "table,key,count\r\n";
    out += "total,," + csv_field(display_count(t.total, t.total_shown, t.threshold)) + "\r\n";
    for (const auto& section : stats_sections(t)) {
        for (const auto& cell : *section.cells)
            out += std::string(section.name) + "," + csv_field(cell.key) + "," + csv_field(display_count(cell, t.threshold)) + "\r\n";
    }
    return out;
}

}  // namespace faltstod::protocol
