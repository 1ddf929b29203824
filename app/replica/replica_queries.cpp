// The replica's read queries; see replica_queries.hpp.
#include "replica_queries.hpp"

#include "value_formats.hpp"

#include <nlohmann/json.hpp>

#include <unordered_map>

namespace faltstod::replica {

using sqlite::Database;
using sqlite::Statement;

namespace {

// Markers FTS5's snippet() puts around matches; control characters never occur in content.
constexpr char kMatchStart = '\x02';
constexpr char kMatchEnd = '\x03';

std::vector<std::string> parse_list(const std::string& json_text) {
    try {
        return nlohmann::json::parse(json_text).get<std::vector<std::string>>();
    } catch (const nlohmann::json::exception&) {
        return {};  // CHECK (json_valid(...)) makes this unreachable for rows we wrote
    }
}

std::vector<SnippetPart> split_snippet(const std::string& text) {
    std::vector<SnippetPart> parts;
    std::string current;
    bool highlighted = false;
    for (char c : text) {
        if (c == kMatchStart || c == kMatchEnd) {
            if (!current.empty()) parts.push_back({current, highlighted});
            current.clear();
            highlighted = (c == kMatchStart);
        } else {
            current += c;
        }
    }
    if (!current.empty()) parts.push_back({current, highlighted});
    return parts;
}

content::GuidanceArticle guidance_from_row(const Statement& row) {
    content::GuidanceArticle a;
    a.id = row.column_text(0);
    a.language = row.column_text(1);
    a.title = row.column_text(2);
    a.summary = row.column_text(3);
    a.topics = parse_list(row.column_text(4));
    a.audience = parse_list(row.column_text(5));
    a.updated = row.column_text(6);
    a.body_markdown = row.column_text(7);
    a.body_text = row.column_text(8);
    return a;
}

constexpr const char* kGuidanceColumns = "id, language, title, summary, topics, audience, updated, body_markdown, body_text";

// Rows in `language`, plus Swedish rows that have no version in `language`.
constexpr const char* kLanguageFilter =
    "(g.language = ?1 OR (g.language = 'sv' AND NOT EXISTS "
    "(SELECT 1 FROM guidance t WHERE t.id = g.id AND t.language = ?1)))";

// The opening hours of every contact the filter selects, in three queries for the whole list
// instead of three per contact (20,000 contacts took 1.6 s to list that way). Each contact gets
// exactly what opening_hours() returns for it: ranges by weekday and time, exceptions by date.
void attach_contact_hours(Database& db, const ContactFilter& filter, std::vector<content::Contact>& contacts) {
    std::unordered_map<std::string, content::Contact*> by_id;
    by_id.reserve(contacts.size());
    for (auto& c : contacts) by_id.emplace(c.id, &c);
    auto owner = [&](const Statement& row) -> content::OpeningHours* {
        const auto it = by_id.find(row.column_text(0));
        return it != by_id.end() && it->second->hours ? &*it->second->hours : nullptr;
    };
    const std::string selected =
        " JOIN contacts c ON c.id = x.owner_id WHERE (?1 IS NULL OR c.county_code = ?1) AND (?2 IS NULL OR c.municipality = ?2) "
        "AND (?3 IS NULL OR c.kind = ?3)";
    auto head = db.prepare("SELECT x.owner_id, x.always_open, x.public_holidays, x.note_sv, x.note_en FROM opening_hours x" + selected);
    head.bind(1, filter.county_code).bind(2, filter.municipality).bind(3, filter.kind);
    while (head.step()) {
        const auto it = by_id.find(head.column_text(0));
        if (it == by_id.end()) continue;
        content::OpeningHours hours;
        hours.always_open = head.column_int(1) != 0;
        hours.public_holidays = content::parse_holiday_rule(head.column_text(2)).value_or(content::HolidayRule::Normal);
        hours.note = {head.column_text(3), head.column_text(4)};
        it->second->hours = std::move(hours);
    }
    auto ranges = db.prepare("SELECT x.owner_id, x.weekday, x.opens, x.closes FROM opening_ranges x" + selected +
                             " ORDER BY x.weekday, x.opens");
    ranges.bind(1, filter.county_code).bind(2, filter.municipality).bind(3, filter.kind);
    while (ranges.step())
        if (auto* hours = owner(ranges))
            hours->weekly.push_back({static_cast<int>(ranges.column_int(1)), static_cast<int>(ranges.column_int(2)),
                                     static_cast<int>(ranges.column_int(3))});
    auto exceptions = db.prepare("SELECT x.owner_id, x.date, x.closed, x.opens, x.closes, x.note_sv, x.note_en FROM opening_exceptions x" +
                                 selected + " ORDER BY x.date");
    exceptions.bind(1, filter.county_code).bind(2, filter.municipality).bind(3, filter.kind);
    while (exceptions.step())
        if (auto* hours = owner(exceptions))
            hours->exceptions.push_back({exceptions.column_text(1), exceptions.column_int(2) != 0, static_cast<int>(exceptions.column_int(3)),
                                         static_cast<int>(exceptions.column_int(4)), {exceptions.column_text(5), exceptions.column_text(6)}});
}

}  // namespace

std::string fts_query_from_user_text(std::string_view text) {
    std::string query;
    std::string word;
    auto flush = [&] {
        if (word.empty()) return;
        if (!query.empty()) query += ' ';
        query += '"' + word + "\"*";
        word.clear();
    };
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        // Letters and digits of any script: ASCII alphanumerics and every UTF-8 multi-byte
        // sequence (å ä ö é …). Everything else separates words.
        const bool part_of_word = (byte >= 0x80) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (part_of_word) word += c;
        else flush();
    }
    flush();
    return query;
}

std::vector<SearchHit> search_guidance(Database& db, std::string_view text, const std::string& language, int limit) {
    std::vector<SearchHit> hits;
    const std::string query = fts_query_from_user_text(text);
    if (query.empty()) return hits;
    // `rank MATCH 'bm25(…)'` lets FTS5 itself hand the rows over best first (no sorter over the
    // SELECT), so the outer query stops after `limit` rows and snippet() — the costly part after
    // ranking — runs only for the rows returned, not for every match (a one-letter prefix
    // matches nearly every article). The ranking is the same bm25 with the same weights.
    auto stmt = db.prepare(std::string("SELECT g.id, g.language, g.title, g.summary, "
                                       "snippet(guidance_fts, -1, char(2), char(3), '…', 14), guidance_fts.rank "
                                       "FROM guidance_fts JOIN guidance g ON g.num = guidance_fts.rowid "
                                       "WHERE guidance_fts MATCH ?2 AND guidance_fts.rank MATCH 'bm25(10.0, 4.0, 1.0)' AND ") +
                           kLanguageFilter + " ORDER BY guidance_fts.rank LIMIT ?3");
    stmt.bind(1, language).bind(2, query).bind(3, limit);
    while (stmt.step()) {
        hits.push_back({stmt.column_text(0), stmt.column_text(1), stmt.column_text(2), stmt.column_text(3),
                        split_snippet(stmt.column_text(4)), stmt.column_double(5)});
    }
    return hits;
}

std::optional<content::GuidanceArticle> find_guidance(Database& db, const std::string& id, const std::string& language) {
    auto stmt = db.prepare(std::string("SELECT ") + kGuidanceColumns +
                           " FROM guidance WHERE id = ?1 AND language IN (?2, 'sv') ORDER BY language = ?2 DESC LIMIT 1");
    stmt.bind(1, id).bind(2, language);
    if (!stmt.step()) return std::nullopt;
    return guidance_from_row(stmt);
}

std::vector<content::GuidanceArticle> guidance_by_topic(Database& db, const std::string& topic, const std::string& language) {
    auto stmt = db.prepare(std::string("SELECT ") + kGuidanceColumns + " FROM guidance g WHERE " + kLanguageFilter +
                           " AND (?2 = '' OR EXISTS (SELECT 1 FROM json_each(g.topics) WHERE value = ?2))"
                           " ORDER BY g.updated DESC, g.title");
    stmt.bind(1, language).bind(2, topic);
    std::vector<content::GuidanceArticle> articles;
    while (stmt.step()) articles.push_back(guidance_from_row(stmt));
    return articles;
}

std::vector<content::Topic> all_topics(Database& db) {
    auto stmt = db.prepare("SELECT id, name_sv, name_en FROM topics ORDER BY name_sv");
    std::vector<content::Topic> topics;
    while (stmt.step()) topics.push_back({stmt.column_text(0), {stmt.column_text(1), stmt.column_text(2)}});
    return topics;
}

std::vector<content::County> all_counties(Database& db) {
    auto stmt = db.prepare("SELECT code, slug, name FROM counties ORDER BY code");
    std::vector<content::County> counties;
    while (stmt.step()) counties.push_back({stmt.column_text(0), stmt.column_text(1), stmt.column_text(2)});
    return counties;
}

std::vector<std::string> municipalities_in(Database& db, const std::string& county_code) {
    auto stmt = db.prepare("SELECT DISTINCT municipality FROM contacts WHERE county_code = ? AND municipality IS NOT NULL "
                           "ORDER BY municipality");
    stmt.bind(1, county_code);
    std::vector<std::string> names;
    while (stmt.step()) names.push_back(stmt.column_text(0));
    return names;
}

std::vector<content::Contact> find_contacts(Database& db, const ContactFilter& filter) {
    auto stmt = db.prepare(
        "SELECT id, kind, name, county_code, municipality, phone, url, email, description_sv, description_en, address FROM contacts "
        "WHERE (?1 IS NULL OR county_code = ?1) AND (?2 IS NULL OR municipality = ?2) AND (?3 IS NULL OR kind = ?3) "
        "ORDER BY municipality IS NOT NULL, municipality, name");
    stmt.bind(1, filter.county_code).bind(2, filter.municipality).bind(3, filter.kind);
    std::vector<content::Contact> contacts;
    while (stmt.step()) {
        content::Contact c;
        c.id = stmt.column_text(0);
        c.kind = stmt.column_text(1);
        c.name = stmt.column_text(2);
        c.county_code = stmt.column_text(3);
        c.municipality = stmt.column_optional_text(4);
        c.phone = stmt.column_text(5);
        c.url = stmt.column_optional_text(6);
        c.email = stmt.column_optional_text(7);
        c.description = {stmt.column_text(8), stmt.column_text(9)};
        c.address = stmt.column_optional_text(10);
        contacts.push_back(std::move(c));
    }
    attach_contact_hours(db, filter, contacts);
    return contacts;
}

std::vector<content::SupportLine> support_lines(Database& db, const std::optional<std::string>& audience) {
    auto stmt = db.prepare(
        "SELECT id, name, number, audience, who_sv, who_en, free, anonymous, languages, url, sort_order FROM support_lines l "
        "WHERE ?1 IS NULL OR EXISTS (SELECT 1 FROM json_each(l.audience) WHERE value = ?1) ORDER BY sort_order, name");
    stmt.bind(1, audience);
    std::vector<content::SupportLine> lines;
    while (stmt.step()) {
        content::SupportLine l;
        l.id = stmt.column_text(0);
        l.name = stmt.column_text(1);
        l.number = stmt.column_text(2);
        l.audience = parse_list(stmt.column_text(3));
        l.who = {stmt.column_text(4), stmt.column_text(5)};
        l.free = stmt.column_int(6) != 0;
        l.anonymous = stmt.column_int(7) != 0;
        l.languages = parse_list(stmt.column_text(8));
        l.url = stmt.column_optional_text(9);
        l.sort_order = static_cast<int>(stmt.column_int(10));
        lines.push_back(std::move(l));
    }
    for (auto& l : lines) l.hours = opening_hours(db, l.id).value_or(content::OpeningHours{});
    return lines;
}

std::vector<content::Checklist> all_checklists(Database& db) {
    auto stmt = db.prepare("SELECT id, title_sv, title_en, intro_sv, intro_en, topics FROM checklists ORDER BY title_sv");
    std::vector<content::Checklist> lists;
    while (stmt.step()) {
        content::Checklist c;
        c.id = stmt.column_text(0);
        c.title = {stmt.column_text(1), stmt.column_text(2)};
        c.intro = {stmt.column_text(3), stmt.column_text(4)};
        c.topics = parse_list(stmt.column_text(5));
        lists.push_back(std::move(c));
    }
    auto items = db.prepare("SELECT text_sv, text_en, detail_sv, detail_en FROM checklist_items WHERE checklist_id = ? ORDER BY position");
    for (auto& c : lists) {
        items.reset();
        items.bind(1, c.id);
        while (items.step()) c.items.push_back({{items.column_text(0), items.column_text(1)}, {items.column_text(2), items.column_text(3)}});
    }
    return lists;
}

std::vector<content::Event> events_from(Database& db, const std::string& from_date, bool past) {
    auto stmt = db.prepare(past ? "SELECT id, title_sv, title_en, kind, starts, ends, location, county_code, organiser, url, description_sv, "
                                  "description_en, audience FROM events WHERE ends < ? ORDER BY starts DESC"
                                : "SELECT id, title_sv, title_en, kind, starts, ends, location, county_code, organiser, url, description_sv, "
                                  "description_en, audience FROM events WHERE ends >= ? ORDER BY starts");
    stmt.bind(1, from_date);
    std::vector<content::Event> events;
    while (stmt.step()) {
        content::Event e;
        e.id = stmt.column_text(0);
        e.title = {stmt.column_text(1), stmt.column_text(2)};
        e.kind = stmt.column_text(3);
        e.starts = stmt.column_text(4);
        e.ends = stmt.column_text(5);
        e.location = stmt.column_text(6);
        e.county_code = stmt.column_optional_text(7);
        e.organiser = stmt.column_text(8);
        e.url = stmt.column_optional_text(9);
        e.description = {stmt.column_text(10), stmt.column_text(11)};
        e.audience = parse_list(stmt.column_text(12));
        events.push_back(std::move(e));
    }
    return events;
}

std::optional<content::OpeningHours> opening_hours(Database& db, const std::string& owner_id) {
    // Cached: the contacts list asks this for every contact it shows.
    auto head = db.prepare_cached("SELECT always_open, public_holidays, note_sv, note_en FROM opening_hours WHERE owner_id = ?");
    head->bind(1, owner_id);
    if (!head->step()) return std::nullopt;
    content::OpeningHours hours;
    hours.always_open = head->column_int(0) != 0;
    hours.public_holidays = content::parse_holiday_rule(head->column_text(1)).value_or(content::HolidayRule::Normal);
    hours.note = {head->column_text(2), head->column_text(3)};
    auto ranges = db.prepare_cached("SELECT weekday, opens, closes FROM opening_ranges WHERE owner_id = ? ORDER BY weekday, opens");
    ranges->bind(1, owner_id);
    while (ranges->step())
        hours.weekly.push_back({static_cast<int>(ranges->column_int(0)), static_cast<int>(ranges->column_int(1)),
                                static_cast<int>(ranges->column_int(2))});
    auto exceptions = db.prepare_cached(
        "SELECT date, closed, opens, closes, note_sv, note_en FROM opening_exceptions WHERE owner_id = ? ORDER BY date");
    exceptions->bind(1, owner_id);
    while (exceptions->step())
        hours.exceptions.push_back({exceptions->column_text(0), exceptions->column_int(1) != 0, static_cast<int>(exceptions->column_int(2)),
                                    static_cast<int>(exceptions->column_int(3)), {exceptions->column_text(4), exceptions->column_text(5)}});
    return hours;
}

}  // namespace faltstod::replica
