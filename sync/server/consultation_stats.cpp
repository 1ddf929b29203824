// Consultation statistics: filter checks, the access rule and the counting queries; see
// consultation_stats.hpp. Every value reaches SQL as a bound parameter.
#include "consultation_stats.hpp"

#include "consultation_record.hpp"
#include "stats_suppression.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
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

using protocol::StatsCell;

std::vector<StatsCell> counts(sqlite::Database& db, const std::string& sql, const Where& where) {
    auto stmt = db.prepare(sql);
    for (std::size_t i = 0; i < where.values.size(); ++i) stmt.bind(static_cast<int>(i + 1), where.values[i]);
    std::vector<StatsCell> out;
    while (stmt.step()) out.push_back({stmt.column_text(0), stmt.column_int(1)});
    return out;
}

// Counts of one column of the consultations table. `column` is one of our fixed column names,
// never caller input.
std::vector<StatsCell> by_column(sqlite::Database& db, const char* column, const Where& where) {
    const std::string c = std::string("c.") + column;
    return counts(db, "SELECT " + c + ", count(*) FROM consultations c" + where.sql + " GROUP BY " + c, where);
}

// Every key of `keys`, in that order, with its count from `found` (0 when absent). A key the
// protocol does not know (a row stored before a choice was removed) is kept at the end, so
// every table still adds up to the total.
std::vector<StatsCell> complete(const std::vector<std::string_view>& keys, const std::vector<StatsCell>& found) {
    std::vector<StatsCell> out;
    for (auto key : keys) {
        const auto it = std::find_if(found.begin(), found.end(), [&](const StatsCell& c) { return c.key == key; });
        out.push_back({std::string(key), it != found.end() ? it->count : 0});
    }
    for (const auto& cell : found)
        if (std::find(keys.begin(), keys.end(), cell.key) == keys.end()) out.push_back(cell);
    return out;
}

int month_index(const std::string& month) { return std::stoi(month.substr(0, 4)) * 12 + std::stoi(month.substr(5, 2)) - 1; }

std::string month_text(int index) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d", index / 12, index % 12 + 1);
    return text;
}

// Every month of the period, with 0 for months without logs (see read_exact_stats).
std::vector<StatsCell> complete_months(const StatsFilter& filter, const std::vector<StatsCell>& found) {
    std::optional<int> data_first, data_last;
    if (!found.empty()) {
        data_first = month_index(found.front().key);  // found is ordered by month
        data_last = month_index(found.back().key);
    }
    std::optional<int> first = filter.from ? std::optional(month_index(*filter.from)) : data_first;
    std::optional<int> last = filter.to ? std::optional(month_index(*filter.to)) : data_last;
    if (!first) first = last;
    if (!last) last = first;
    if (!first) return {};
    if (*last < *first) last = first;
    if (*last - *first + 1 > kMaxListedMonths && data_first) {
        first = std::max(*first, *data_first);
        last = std::min(*last, *data_last);
    }
    std::vector<StatsCell> out;
    std::size_t next = 0;
    for (int m = *first; m <= *last && out.size() <= static_cast<std::size_t>(kMaxListedMonths) * 2; ++m) {
        const std::string key = month_text(m);
        while (next < found.size() && found[next].key < key) ++next;
        out.push_back({key, next < found.size() && found[next].key == key ? found[next].count : 0});
    }
    return out;
}

std::vector<std::string_view> counties_for(const StatsFilter& filter) {
    if (filter.county) return {*filter.county};
    return protocol::county_codes();
}

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

protocol::StatsTables read_exact_stats(sqlite::Database& db, const StatsFilter& filter) {
    protocol::StatsTables stats;
    stats.county = filter.county;
    stats.from = filter.from;
    stats.to = filter.to;
    stats.exact = true;
    const Where where = where_for(filter);
    sqlite::ReadTransaction tx(db);
    {
        auto total = db.prepare("SELECT count(*) FROM consultations c" + where.sql);
        for (std::size_t i = 0; i < where.values.size(); ++i) total.bind(static_cast<int>(i + 1), where.values[i]);
        total.step();
        stats.total = total.column_int(0);
    }
    stats.by_month = complete_months(
        filter, counts(db, "SELECT substr(c.date, 1, 7) AS month, count(*) FROM consultations c" + where.sql +
                               " GROUP BY month ORDER BY month", where));
    stats.by_county = complete(counties_for(filter), by_column(db, "county", where));
    // A record counts once per topic it names (DISTINCT: a topic listed twice counts once).
    stats.by_topic = complete(protocol::consultation_topics(),
                              counts(db, "SELECT t.value, count(DISTINCT c.id) FROM consultations c, json_each(c.topics) t" +
                                             where.sql + " GROUP BY t.value", where));
    stats.by_profession = complete(protocol::professions(), by_column(db, "profession", where));
    stats.by_outcome = complete(protocol::outcomes(), by_column(db, "outcome", where));
    stats.by_age_band = complete(protocol::age_bands(), by_column(db, "age_band", where));
    stats.by_channel = complete(protocol::channels(), by_column(db, "channel", where));
    return stats;
}

protocol::StatsTables read_protected_stats(sqlite::Database& db, const StatsFilter& filter, int threshold) {
    return suppress_small_counts(read_exact_stats(db, filter), threshold);
}

std::string stats_to_table(const protocol::StatsTables& s) {
    std::ostringstream out;
    out << "Consultations: " << protocol::display_count(s.total, s.total_shown, s.threshold) << " ("
        << (s.county ? "county " + *s.county : std::string("all counties"));
    if (s.from) out << ", from " << *s.from;
    if (s.to) out << ", to " << *s.to;
    out << ")\n";
    if (s.exact) {
        out << "EXACT counts, small ones included: for the centre's own follow-up only; do not pass them on. This view is in the audit trail.\n";
    } else {
        out << "\"< " << s.threshold << "\": fewer than " << s.threshold
            << " (from 1), not shown so that no one can be singled out; \"x\": not shown so that such a count cannot be worked out "
               "from the total and the other counts.\n";
    }
    const std::pair<const char*, const std::vector<StatsCell>*> sections[] = {
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
        for (const auto& item : *list)
            out << "  " << item.key << std::string(width - item.key.size() + 2, ' ') << protocol::display_count(item, s.threshold) << "\n";
    }
    return out.str();
}

}  // namespace faltstod::server
