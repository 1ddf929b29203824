// The replica's read queries; see replica_queries.hpp.
#include "replica_queries.hpp"

#include "search_ranking.hpp"
#include "search_snippet.hpp"
#include "value_formats.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <unordered_map>
#include <unordered_set>

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

// The opening hours of the rows of `owners` (a table whose key is `id`, aliased o) that `where`
// selects (its parameters set by `bind`), in three queries for the whole list instead of three
// per owner (20,000 contacts took 1.6 s to list that way, 1,000 support lines 10 ms of the
// kiosk's first frame). The owners drive the join (CROSS JOIN keeps SQLite from scanning every
// owner's ranges instead: 17 ms instead of 9 for 1,000 lines beside 9,000 contacts). Each owner
// gets exactly what opening_hours() returns for it: ranges by weekday and time, exceptions by
// date; owners without hours are not in the map.
std::unordered_map<std::string, content::OpeningHours> hours_of(Database& db, const std::string& owners, const std::string& where,
                                                               const std::function<void(Statement&)>& bind) {
    auto from = [&](const char* table) { return " FROM " + owners + " o CROSS JOIN " + table + " x ON x.owner_id = o.id WHERE " + where; };
    std::unordered_map<std::string, content::OpeningHours> by_owner;
    auto head = db.prepare("SELECT x.owner_id, x.always_open, x.public_holidays, x.note_sv, x.note_en" + from("opening_hours"));
    bind(head);
    while (head.step()) {
        content::OpeningHours hours;
        hours.always_open = head.column_int(1) != 0;
        hours.public_holidays = content::parse_holiday_rule(head.column_text(2)).value_or(content::HolidayRule::Normal);
        hours.note = {head.column_text(3), head.column_text(4)};
        by_owner.emplace(head.column_text(0), std::move(hours));
    }
    auto owner = [&](const Statement& row) -> content::OpeningHours* {
        const auto it = by_owner.find(row.column_text(0));
        return it != by_owner.end() ? &it->second : nullptr;
    };
    auto ranges = db.prepare("SELECT x.owner_id, x.weekday, x.opens, x.closes" + from("opening_ranges") +
                             " ORDER BY x.weekday, x.opens");
    bind(ranges);
    while (ranges.step())
        if (auto* hours = owner(ranges))
            hours->weekly.push_back({static_cast<int>(ranges.column_int(1)), static_cast<int>(ranges.column_int(2)),
                                     static_cast<int>(ranges.column_int(3))});
    auto exceptions = db.prepare("SELECT x.owner_id, x.date, x.closed, x.opens, x.closes, x.note_sv, x.note_en" +
                                 from("opening_exceptions") + " ORDER BY x.date");
    bind(exceptions);
    while (exceptions.step())
        if (auto* hours = owner(exceptions))
            hours->exceptions.push_back({exceptions.column_text(1), exceptions.column_int(2) != 0, static_cast<int>(exceptions.column_int(3)),
                                         static_cast<int>(exceptions.column_int(4)), {exceptions.column_text(5), exceptions.column_text(6)}});
    return by_owner;
}

// The contacts' columns as contact_from_row reads them; the filter find_contacts and
// contact_ids share (?1 county, ?2 municipality, ?3 kind, each NULL for any); and their order:
// county-wide contacts before municipal ones, by municipality, by name, and by id so that two
// contacts of the same name keep one order in every query. The index contacts_in_list_order
// (replica_schema.cpp, version 8) holds exactly this order: change both together.
constexpr const char* kContactColumns =
    "id, kind, name, county_code, municipality, phone, url, email, description_sv, description_en, address";
constexpr const char* kContactFilter = "(?1 IS NULL OR county_code = ?1) AND (?2 IS NULL OR municipality = ?2) AND (?3 IS NULL OR kind = ?3)";
constexpr const char* kContactOrder = " ORDER BY municipality IS NOT NULL, municipality, name, id";

content::Contact contact_from_row(const Statement& row) {
    content::Contact c;
    c.id = row.column_text(0);
    c.kind = row.column_text(1);
    c.name = row.column_text(2);
    c.county_code = row.column_text(3);
    c.municipality = row.column_optional_text(4);
    c.phone = row.column_text(5);
    c.url = row.column_optional_text(6);
    c.email = row.column_optional_text(7);
    c.description = {row.column_text(8), row.column_text(9)};
    c.address = row.column_optional_text(10);
    return c;
}

void attach_contact_hours(Database& db, const ContactFilter& filter, std::vector<content::Contact>& contacts) {
    auto hours = hours_of(db, "contacts",
                          "(?1 IS NULL OR o.county_code = ?1) AND (?2 IS NULL OR o.municipality = ?2) AND (?3 IS NULL OR o.kind = ?3)",
                          [&](Statement& stmt) { stmt.bind(1, filter.county_code).bind(2, filter.municipality).bind(3, filter.kind); });
    for (auto& c : contacts)
        if (const auto it = hours.find(c.id); it != hours.end()) c.hours = std::move(it->second);
}

}  // namespace

std::vector<std::string> search_words(std::string_view text) {
    std::vector<std::string> words;
    std::string word;
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        const bool part_of_word = (byte >= 0x80) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (part_of_word) {
            word += c;
        } else if (!word.empty()) {
            words.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) words.push_back(std::move(word));
    return words;
}

bool searched_as_prefix(std::string_view word) {
    // UTF-8: every byte but continuation bytes (10xxxxxx) starts a character.
    const auto letters = std::count_if(word.begin(), word.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
    return static_cast<std::size_t>(letters) >= kPrefixSearchLetters;
}

bool only_short_words(std::string_view text) {
    const auto words = search_words(text);
    return !words.empty() && std::none_of(words.begin(), words.end(), [](const std::string& w) { return searched_as_prefix(w); });
}

std::string fts_query_from_user_text(std::string_view text) {
    std::string query;
    for (const auto& word : search_words(text)) {
        if (!query.empty()) query += ' ';
        query += '"' + word + (searched_as_prefix(word) ? "\"*" : "\"");
    }
    return query;
}

namespace {

// The articles not listed in `language`: English ones in Swedish, and in English the Swedish
// originals of translated articles (the inverse of kLanguageFilter, for a CHECK-ed language of
// 'sv' or 'en'). Usually few or none, found through the language index.
std::unordered_set<std::int64_t> hidden_in_language(Database& db, const std::string& language) {
    auto stmt = db.prepare_cached(
        "SELECT num FROM guidance WHERE language = 'en' AND ?1 <> 'en' "
        "UNION ALL SELECT s.num FROM guidance t JOIN guidance s ON s.id = t.id AND s.language = 'sv' WHERE t.language = ?1 AND ?1 <> 'sv'");
    stmt->bind(1, language);
    std::unordered_set<std::int64_t> hidden;
    while (stmt->step()) hidden.insert(stmt->column_int(0));
    return hidden;
}

// The ranking query, registering faltstod_rank on this connection the first time it is missing.
sqlite::CachedStatement prepare_ranked_search(Database& db) {
    static constexpr const char* kSql =
        "SELECT rowid, faltstod_rank(guidance_fts, 10.0, 4.0, 1.0) AS score FROM guidance_fts "
        "WHERE guidance_fts MATCH ?1 ORDER BY score, rowid LIMIT ?2";
    try {
        return db.prepare_cached(kSql);
    } catch (const sqlite::SqliteError&) {
        register_search_ranking(db);
        return db.prepare_cached(kSql);
    }
}

std::vector<QueryWord> query_words(const SearchTokenizer& tokenizer, std::string_view text) {
    std::vector<QueryWord> words;
    for (const auto& word : search_words(text)) {
        QueryWord query_word;
        for (auto& token : tokenizer.tokens(word)) query_word.tokens.push_back(std::move(token.folded));
        query_word.prefix = searched_as_prefix(word);
        if (!query_word.tokens.empty()) words.push_back(std::move(query_word));
    }
    return words;
}

}  // namespace

std::vector<SearchHit> search_guidance(Database& db, std::string_view text, const std::string& language, int limit) {
    std::vector<SearchHit> hits;
    const std::string query = fts_query_from_user_text(text);
    if (query.empty() || limit <= 0) return hits;
    // First the best `limit` matches, rowids and ranks only: SQLite works out a query's result
    // columns before sorting, so anything more here would be paid for every match. Articles
    // of the other language are left out here, not in SQL, where checking each match cost more
    // than ranking it: asking for as many more rows as there are hidden ones gives exactly the
    // best `limit` of those shown.
    const auto hidden = hidden_in_language(db, language);
    std::vector<std::pair<std::int64_t, double>> best;
    {
        auto ranked = prepare_ranked_search(db);
        ranked->bind(1, query).bind(2, static_cast<std::int64_t>(limit) + static_cast<std::int64_t>(hidden.size()));
        while (static_cast<int>(best.size()) < limit && ranked->step())
            if (!hidden.count(ranked->column_int(0))) best.emplace_back(ranked->column_int(0), ranked->column_double(1));
    }
    if (best.empty()) return hits;
    // Then the text of those rows, and their snippets.
    const SearchTokenizer tokenizer(db);
    const auto words = query_words(tokenizer, text);
    auto row = db.prepare_cached("SELECT id, language, title, summary, body_text FROM guidance WHERE num = ?1");
    for (const auto& [num, rank] : best) {
        row->reset();
        row->bind(1, num);
        if (!row->step()) continue;
        const std::string title = row->column_text(2);
        const std::string summary = row->column_text(3);
        hits.push_back({row->column_text(0), row->column_text(1), title, summary,
                        split_snippet(marked_snippet(tokenizer, words, title, summary, row->column_text(4))), rank});
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

std::optional<std::string> content_date(Database& db) {
    auto stmt = db.prepare("SELECT max(updated) FROM guidance");
    if (!stmt.step() || stmt.column_is_null(0)) return std::nullopt;
    return stmt.column_text(0);
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

namespace {

// ContactFilter::text: each typed word, folded as the search index folds (the FTS5 unicode61
// tokenizer: lower case, no diacritics), must occur somewhere in the contact's folded name,
// municipality and kind. Folding through the same tokenizer keeps "Linköping" and "linkoping"
// one word here as in search.
class ContactTextMatch {
public:
    ContactTextMatch(Database& db, const ContactFilter& filter) : tokenizer_(db), folded_(filter.folded) {
        if (filter.text) words_ = typed_words(tokenizer_, *filter.text);
    }
    bool active() const { return !words_.empty(); }
    // Whether the contact's folded copy decides (nullopt: not among the copies, fold its row).
    std::optional<bool> matches_copy(const std::string& id) const {
        if (!folded_) return std::nullopt;
        const auto it = folded_->find(id);
        if (it == folded_->end()) return std::nullopt;
        return contains_all(words_, it->second);
    }
    bool has_copies() const { return folded_ != nullptr; }
    bool matches(const std::string& id, std::string_view name, const std::optional<std::string>& municipality, std::string_view kind) const {
        if (folded_)
            if (const auto it = folded_->find(id); it != folded_->end()) return contains_all(words_, it->second);
        return contains_all(words_, folded_words(tokenizer_, {name, municipality.value_or(""), kind}));
    }

private:
    SearchTokenizer tokenizer_;
    const FoldedContacts* folded_;
    std::vector<std::string> words_;
};

}  // namespace

std::vector<content::Contact> find_contacts(Database& db, const ContactFilter& filter) {
    auto stmt = db.prepare(std::string("SELECT ") + kContactColumns + " FROM contacts WHERE " + kContactFilter + kContactOrder);
    stmt.bind(1, filter.county_code).bind(2, filter.municipality).bind(3, filter.kind);
    const ContactTextMatch match(db, filter);
    std::vector<content::Contact> contacts;
    while (stmt.step()) {
        auto contact = contact_from_row(stmt);
        if (!match.active() || match.matches(contact.id, contact.name, contact.municipality, contact.kind)) contacts.push_back(std::move(contact));
    }
    attach_contact_hours(db, filter, contacts);
    return contacts;
}

std::vector<std::string> contact_ids(Database& db, const ContactFilter& filter) {
    const ContactTextMatch match(db, filter);
    // Without words, or with the folded copies, the ids alone (the index holds the order); else
    // what the words are matched against too. A contact the copies lack is read by itself.
    const bool ids_only = !match.active() || match.has_copies();
    auto stmt = db.prepare(std::string(ids_only ? "SELECT id" : "SELECT id, name, municipality, kind") + " FROM contacts WHERE " +
                           kContactFilter + kContactOrder);
    stmt.bind(1, filter.county_code).bind(2, filter.municipality).bind(3, filter.kind);
    std::vector<std::string> ids;
    while (stmt.step()) {
        auto id = stmt.column_text(0);
        bool keep = true;
        if (!match.active()) {
        } else if (const auto by_copy = match.matches_copy(id)) {
            keep = *by_copy;
        } else if (ids_only) {
            auto row = db.prepare_cached("SELECT name, municipality, kind FROM contacts WHERE id = ?1");
            row->reset();
            row->bind(1, id);
            keep = row->step() && match.matches(id, row->column_text(0), row->column_optional_text(1), row->column_text(2));
        } else {
            keep = match.matches(id, stmt.column_text(1), stmt.column_optional_text(2), stmt.column_text(3));
        }
        if (keep) ids.push_back(std::move(id));
    }
    return ids;
}

std::vector<content::Contact> contacts_with_ids(Database& db, const std::vector<std::string>& ids) {
    if (ids.empty()) return {};
    const std::string wanted = nlohmann::json(ids).dump();
    constexpr const char* kWanted = "o.id IN (SELECT value FROM json_each(?1))";
    auto stmt = db.prepare(std::string("SELECT ") + kContactColumns + " FROM contacts o WHERE " + kWanted);
    stmt.bind(1, wanted);
    std::unordered_map<std::string, content::Contact> by_id;
    while (stmt.step()) {
        auto c = contact_from_row(stmt);
        by_id.emplace(c.id, std::move(c));
    }
    auto hours = hours_of(db, "contacts", kWanted, [&](Statement& hours_query) { hours_query.bind(1, wanted); });
    std::vector<content::Contact> contacts;
    contacts.reserve(by_id.size());
    for (const auto& id : ids) {
        const auto it = by_id.find(id);
        if (it == by_id.end()) continue;
        if (const auto h = hours.find(id); h != hours.end()) it->second.hours = std::move(h->second);
        contacts.push_back(std::move(it->second));
        by_id.erase(it);  // an id asked for twice comes back once
    }
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
    auto hours = hours_of(db, "support_lines", "?1 IS NULL OR EXISTS (SELECT 1 FROM json_each(o.audience) WHERE value = ?1)",
                          [&](Statement& hours_query) { hours_query.bind(1, audience); });
    for (auto& l : lines)
        if (const auto it = hours.find(l.id); it != hours.end()) l.hours = std::move(it->second);
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

PublicContactDetails public_contact_details(Database& db) {
    PublicContactDetails details;
    auto phones = db.prepare("SELECT phone FROM contacts UNION SELECT number FROM support_lines");
    while (phones.step()) details.phones.push_back(phones.column_text(0));
    auto emails = db.prepare("SELECT DISTINCT email FROM contacts WHERE email IS NOT NULL AND email != ''");
    while (emails.step()) details.emails.push_back(emails.column_text(0));
    return details;
}

}  // namespace faltstod::replica
