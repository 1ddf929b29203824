// Upserts of content rows into the replica; see content_store.hpp.
#include "content_store.hpp"

#include "value_formats.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <stdexcept>
#include <utility>

namespace faltstod::replica {

using sqlite::Database;

namespace {

std::string json_list(const std::vector<std::string>& values) { return nlohmann::json(values).dump(); }

void replace_hours(Database& db, const std::string& owner_id, const std::optional<content::OpeningHours>& hours) {
    db.prepare_cached("DELETE FROM opening_hours WHERE owner_id = ?")->bind(1, owner_id).run();
    if (!hours) return;
    db.prepare_cached("INSERT INTO opening_hours (owner_id, always_open, public_holidays, note_sv, note_en) VALUES (?, ?, ?, ?, ?)")
        ->bind(1, owner_id)
        .bind(2, hours->always_open)
        .bind(3, content::holiday_rule_name(hours->public_holidays))
        .bind(4, hours->note.sv)
        .bind(5, hours->note.en)
        .run();
    auto range = db.prepare_cached("INSERT INTO opening_ranges (owner_id, weekday, opens, closes) VALUES (?, ?, ?, ?)");
    for (const auto& r : hours->weekly) {
        range->reset();
        range->bind(1, owner_id).bind(2, r.weekday).bind(3, r.open).bind(4, r.close).run();
    }
    auto exception = db.prepare_cached(
        "INSERT INTO opening_exceptions (owner_id, date, closed, opens, closes, note_sv, note_en) VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (const auto& e : hours->exceptions) {
        exception->reset();
        exception->bind(1, owner_id).bind(2, e.date).bind(3, e.closed).bind(4, e.open).bind(5, e.close).bind(6, e.note.sv).bind(7, e.note.en).run();
    }
}

}  // namespace

void upsert_topic(Database& db, const content::Topic& topic) {
    db.prepare_cached("INSERT INTO topics (id, name_sv, name_en) VALUES (?, ?, ?) "
               "ON CONFLICT (id) DO UPDATE SET name_sv = excluded.name_sv, name_en = excluded.name_en")
        ->bind(1, topic.id).bind(2, topic.name.sv).bind(3, topic.name.en).run();
}

void upsert_county(Database& db, const content::County& county) {
    db.prepare_cached("INSERT INTO counties (code, slug, name) VALUES (?, ?, ?) "
               "ON CONFLICT (code) DO UPDATE SET slug = excluded.slug, name = excluded.name")
        ->bind(1, county.code).bind(2, county.slug).bind(3, county.name).run();
}

void upsert_guidance(Database& db, const content::GuidanceArticle& a) {
    db.prepare_cached("INSERT INTO guidance (id, language, title, summary, topics, audience, updated, body_markdown, body_text) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id, language) DO UPDATE SET "
               "title = excluded.title, summary = excluded.summary, topics = excluded.topics, audience = excluded.audience, "
               "updated = excluded.updated, body_markdown = excluded.body_markdown, body_text = excluded.body_text")
        ->bind(1, a.id).bind(2, a.language).bind(3, a.title).bind(4, a.summary).bind(5, json_list(a.topics))
        .bind(6, json_list(a.audience)).bind(7, a.updated).bind(8, a.body_markdown).bind(9, a.body_text)
        .run();
}

void upsert_contact(Database& db, const content::Contact& c) {
    db.prepare_cached("INSERT INTO contacts (id, kind, name, county_code, municipality, phone, url, email, description_sv, description_en, "
               "address) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, "
               "name = excluded.name, county_code = excluded.county_code, municipality = excluded.municipality, "
               "phone = excluded.phone, url = excluded.url, email = excluded.email, description_sv = excluded.description_sv, "
               "description_en = excluded.description_en, address = excluded.address")
        ->bind(1, c.id).bind(2, c.kind).bind(3, c.name).bind(4, c.county_code).bind(5, c.municipality).bind(6, c.phone)
        .bind(7, c.url).bind(8, c.email).bind(9, c.description.sv).bind(10, c.description.en).bind(11, c.address)
        .run();
    replace_hours(db, c.id, c.hours);
}

void upsert_support_line(Database& db, const content::SupportLine& l) {
    db.prepare_cached("INSERT INTO support_lines (id, name, number, audience, who_sv, who_en, free, anonymous, languages, url, sort_order) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
               "number = excluded.number, audience = excluded.audience, who_sv = excluded.who_sv, who_en = excluded.who_en, "
               "free = excluded.free, anonymous = excluded.anonymous, languages = excluded.languages, url = excluded.url, "
               "sort_order = excluded.sort_order")
        ->bind(1, l.id).bind(2, l.name).bind(3, l.number).bind(4, json_list(l.audience)).bind(5, l.who.sv).bind(6, l.who.en)
        .bind(7, l.free).bind(8, l.anonymous).bind(9, json_list(l.languages)).bind(10, l.url).bind(11, l.sort_order)
        .run();
    replace_hours(db, l.id, l.hours);
}

void upsert_checklist(Database& db, const content::Checklist& c) {
    db.prepare_cached("INSERT INTO checklists (id, title_sv, title_en, intro_sv, intro_en, topics) VALUES (?, ?, ?, ?, ?, ?) "
               "ON CONFLICT (id) DO UPDATE SET title_sv = excluded.title_sv, title_en = excluded.title_en, "
               "intro_sv = excluded.intro_sv, intro_en = excluded.intro_en, topics = excluded.topics")
        ->bind(1, c.id).bind(2, c.title.sv).bind(3, c.title.en).bind(4, c.intro.sv).bind(5, c.intro.en).bind(6, json_list(c.topics))
        .run();
    db.prepare_cached("DELETE FROM checklist_items WHERE checklist_id = ?")->bind(1, c.id).run();
    auto item = db.prepare_cached("INSERT INTO checklist_items (checklist_id, position, text_sv, text_en, detail_sv, detail_en) VALUES (?, ?, ?, ?, ?, ?)");
    for (std::size_t i = 0; i < c.items.size(); ++i) {
        const auto& it = c.items[i];
        item->reset();
        item->bind(1, c.id).bind(2, static_cast<int>(i)).bind(3, it.text.sv).bind(4, it.text.en).bind(5, it.detail.sv).bind(6, it.detail.en).run();
    }
}

void upsert_event(Database& db, const content::Event& e) {
    db.prepare_cached("INSERT INTO events (id, title_sv, title_en, kind, starts, ends, location, county_code, organiser, url, "
               "description_sv, description_en, audience) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
               "ON CONFLICT (id) DO UPDATE SET title_sv = excluded.title_sv, title_en = excluded.title_en, kind = excluded.kind, "
               "starts = excluded.starts, ends = excluded.ends, location = excluded.location, county_code = excluded.county_code, "
               "organiser = excluded.organiser, url = excluded.url, description_sv = excluded.description_sv, "
               "description_en = excluded.description_en, audience = excluded.audience")
        ->bind(1, e.id).bind(2, e.title.sv).bind(3, e.title.en).bind(4, e.kind).bind(5, e.starts).bind(6, e.ends)
        .bind(7, e.location).bind(8, e.county_code).bind(9, e.organiser).bind(10, e.url).bind(11, e.description.sv)
        .bind(12, e.description.en).bind(13, json_list(e.audience))
        .run();
}

void remove_content(Database& db, const std::string& table, const std::string& id) {
    // Table names cannot be bound as parameters, so only known names are accepted.
    static constexpr std::array<std::pair<const char*, const char*>, 7> kDeletes = {{
        {"topics", "DELETE FROM topics WHERE id = ?"},
        {"counties", "DELETE FROM counties WHERE code = ?"},
        {"guidance", "DELETE FROM guidance WHERE id = ?"},
        {"contacts", "DELETE FROM contacts WHERE id = ?"},
        {"support_lines", "DELETE FROM support_lines WHERE id = ?"},
        {"checklists", "DELETE FROM checklists WHERE id = ?"},
        {"events", "DELETE FROM events WHERE id = ?"},
    }};
    for (const auto& [name, sql] : kDeletes) {
        if (table != name) continue;
        db.prepare_cached(sql)->bind(1, id).run();
        if (table == "contacts" || table == "support_lines")
            db.prepare_cached("DELETE FROM opening_hours WHERE owner_id = ?")->bind(1, id).run();
        return;
    }
    throw std::invalid_argument("unknown content table '" + table + "'");
}

void remove_guidance(Database& db, const std::string& id, const std::string& language) {
    db.prepare_cached("DELETE FROM guidance WHERE id = ? AND language = ?")->bind(1, id).bind(2, language).run();
}

void clear_all_content(Database& db) {
    db.exec("DELETE FROM guidance; DELETE FROM contacts; DELETE FROM support_lines; DELETE FROM opening_hours; "
            "DELETE FROM checklists; DELETE FROM events; DELETE FROM topics; DELETE FROM counties;");
}

ContentCounts replace_all_content(Database& db, const content::Bundle& bundle) {
    sqlite::Transaction tx(db);
    clear_all_content(db);
    for (const auto& t : bundle.topics) upsert_topic(db, t);
    for (const auto& c : bundle.counties) upsert_county(db, c);
    for (const auto& g : bundle.guidance) upsert_guidance(db, g);
    for (const auto& c : bundle.contacts) upsert_contact(db, c);
    for (const auto& l : bundle.support_lines) upsert_support_line(db, l);
    for (const auto& c : bundle.checklists) upsert_checklist(db, c);
    for (const auto& e : bundle.events) upsert_event(db, e);
    tx.commit();
    return count_content(db);
}

ContentCounts count_content(Database& db) {
    auto count = [&](const char* sql) {
        auto stmt = db.prepare(sql);
        stmt.step();
        return static_cast<int>(stmt.column_int(0));
    };
    return {count("SELECT count(*) FROM guidance"), count("SELECT count(*) FROM contacts"),
            count("SELECT count(*) FROM support_lines"), count("SELECT count(*) FROM checklists"),
            count("SELECT count(*) FROM events")};
}

}  // namespace faltstod::replica
