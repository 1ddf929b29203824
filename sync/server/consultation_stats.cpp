// Consultation statistics: filter checks, the access rule and the counting queries; see
// consultation_stats.hpp. Every value reaches SQL as a bound parameter.
#include "consultation_stats.hpp"

#include "consultation_record.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>
#include <tuple>
#include <utility>

namespace faltstod::server {

namespace {

bool is_month(const std::string& text) {
    if (text.size() != 7 || text[4] != '-') return false;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u})
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    const int month = (text[5] - '0') * 10 + (text[6] - '0');
    return month >= 1 && month <= 12 && text.substr(0, 4) != "0000";
}


// The WHERE clause for a filter (fixed text) and the values to bind, in order.
struct Where {
    std::string sql = " WHERE 1 = 1";
    std::vector<std::string> values;
};

Where where_for(const StatsFilter& filter) {
    Where w;
    if (filter.county) {
        w.sql += " AND c.county = ?";
        w.values.push_back(*filter.county);
    }
    // Dates are YYYY-MM-DD, so text order is date order; "-31" is past every day of a month.
    if (filter.from) {
        w.sql += " AND c.date >= ?";
        w.values.push_back(*filter.from + "-01");
    }
    if (filter.to) {
        w.sql += " AND c.date <= ?";
        w.values.push_back(*filter.to + "-31");
    }
    return w;
}

std::vector<StatsCount> counts(sqlite::Database& db, const std::string& sql, const Where& where) {
    auto stmt = db.prepare(sql);
    for (std::size_t i = 0; i < where.values.size(); ++i) stmt.bind(static_cast<int>(i + 1), where.values[i]);
    std::vector<StatsCount> out;
    while (stmt.step()) out.push_back({stmt.column_text(0), stmt.column_int(1)});
    return out;
}

// Counts of one column of the consultations table, biggest first. `column` is one of our
// fixed column names, never caller input.
std::vector<StatsCount> by_column(sqlite::Database& db, const char* column, const Where& where) {
    const std::string c = std::string("c.") + column;
    return counts(db, "SELECT " + c + ", count(*) FROM consultations c" + where.sql + " GROUP BY " + c + " ORDER BY 2 DESC, 1",
                  where);
}

nlohmann::json list_json(const std::vector<StatsCount>& list) {
    auto out = nlohmann::json::array();
    for (const auto& item : list) out.push_back({{"key", item.key}, {"count", item.count}});
    return out;
}

nlohmann::json optional_json(const std::optional<std::string>& value) { return value ? nlohmann::json(*value) : nlohmann::json(nullptr); }

}  // namespace

std::optional<StatsFilter> parse_stats_filter(const std::optional<std::string>& county, const std::optional<std::string>& from,
                                              const std::optional<std::string>& to, std::string& problem) {
    StatsFilter filter;
    if (county) {
        const auto& codes = protocol::county_codes();
        if (*county == "all") {
            filter.all_counties_asked = true;
        } else if (std::find(codes.begin(), codes.end(), *county) != codes.end()) {
            filter.county = *county;
        } else {
            problem = "'county' must be a county code such as \"05\" (two digits, as SCB numbers them), or \"all\"";
            return std::nullopt;
        }
    }
    for (const auto& [name, value, out] : {std::tuple{"from", &from, &filter.from}, std::tuple{"to", &to, &filter.to}}) {
        if (!*value) continue;
        if (!is_month(**value)) {
            problem = std::string("'") + name + "' must be a month written YYYY-MM, such as 2026-01";
            return std::nullopt;
        }
        *out = **value;
    }
    if (filter.from && filter.to && *filter.from > *filter.to) {
        problem = "'from' (" + *filter.from + ") is after 'to' (" + *filter.to + "); the period would be empty";
        return std::nullopt;
    }
    return filter;
}

StatsAccess decide_stats_access(const Device& device, const StatsFilter& asked) {
    StatsAccess access;
    access.effective = asked;
    if (device.role == Role::Reader) {
        access.refusal = "statistics need the role 'editor' or 'admin'; this device has 'reader'";
        return access;
    }
    if (device.role == Role::Editor && device.county) {
        const std::string& own = *device.county;
        const std::string intro = "this device is an editor for county " + own + " and may see statistics only for county " + own;
        if (asked.all_counties_asked) {
            access.refusal = intro + ", not for all counties";
            return access;
        }
        if (asked.county && *asked.county != own) {
            access.refusal = intro + ", not for county " + *asked.county;
            return access;
        }
        access.effective.county = own;
    }
    access.allowed = true;
    return access;
}

ConsultationStats read_consultation_stats(sqlite::Database& db, const StatsFilter& filter) {
    ConsultationStats stats;
    stats.filter = filter;
    const Where where = where_for(filter);
    sqlite::ReadTransaction tx(db);
    {
        auto total = db.prepare("SELECT count(*) FROM consultations c" + where.sql);
        for (std::size_t i = 0; i < where.values.size(); ++i) total.bind(static_cast<int>(i + 1), where.values[i]);
        total.step();
        stats.total = total.column_int(0);
    }
    stats.by_month = counts(db, "SELECT substr(c.date, 1, 7) AS month, count(*) FROM consultations c" + where.sql +
                                    " GROUP BY month ORDER BY month", where);
    stats.by_county = by_column(db, "county", where);
    // A record counts once per topic it names (DISTINCT: a topic listed twice counts once).
    stats.by_topic = counts(db, "SELECT t.value, count(DISTINCT c.id) FROM consultations c, json_each(c.topics) t" + where.sql +
                                    " GROUP BY t.value ORDER BY 2 DESC, 1", where);
    stats.by_profession = by_column(db, "profession", where);
    stats.by_outcome = by_column(db, "outcome", where);
    stats.by_age_band = by_column(db, "age_band", where);
    stats.by_channel = by_column(db, "channel", where);
    return stats;
}

nlohmann::json stats_to_json(const ConsultationStats& s) {
    return {{"filter", {{"county", optional_json(s.filter.county)}, {"from", optional_json(s.filter.from)}, {"to", optional_json(s.filter.to)}}},
            {"total", s.total},
            {"by_month", list_json(s.by_month)},
            {"by_county", list_json(s.by_county)},
            {"by_topic", list_json(s.by_topic)},
            {"by_profession", list_json(s.by_profession)},
            {"by_outcome", list_json(s.by_outcome)},
            {"by_age_band", list_json(s.by_age_band)},
            {"by_channel", list_json(s.by_channel)}};
}

std::string stats_to_table(const ConsultationStats& s) {
    std::ostringstream out;
    out << "Consultations: " << s.total << " (" << (s.filter.county ? "county " + *s.filter.county : std::string("all counties"));
    if (s.filter.from) out << ", from " << *s.filter.from;
    if (s.filter.to) out << ", to " << *s.filter.to;
    out << ")\n";
    const std::pair<const char*, const std::vector<StatsCount>*> sections[] = {
        {"By month", &s.by_month},
        {"By county", &s.by_county},
        {"By topic (a consultation may name several topics)", &s.by_topic},
        {"By profession", &s.by_profession},
        {"By outcome", &s.by_outcome},
        {"By age band", &s.by_age_band},
        {"By channel", &s.by_channel}};
    for (const auto& [title, list] : sections) {
        out << "\n" << title << "\n";
        if (list->empty()) out << "  (none)\n";
        std::size_t width = 0;
        for (const auto& item : *list) width = std::max(width, item.key.size());
        for (const auto& item : *list) out << "  " << item.key << std::string(width - item.key.size() + 2, ' ') << item.count << "\n";
    }
    return out.str();
}

}  // namespace faltstod::server
