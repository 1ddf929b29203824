// Applying change pages and snapshots to the replica; see replica_sync.hpp.
#include "replica_sync.hpp"

#include "content_rows.hpp"
#include "content_store.hpp"

#include <fstream>
#include <stdexcept>
#include <variant>

namespace faltstod::sync {

using nlohmann::json;

ContentDurability::ContentDurability(sqlite::Database& db) : db_(db) { db_.exec("PRAGMA synchronous = NORMAL"); }

ContentDurability::~ContentDurability() {
    try {
        db_.exec("PRAGMA synchronous = FULL");
    } catch (const sqlite::SqliteError&) {
        // Only fails on a closed or broken connection, which writes nothing more.
    }
}

std::optional<std::string> sync_state(sqlite::Database& db, const std::string& key) {
    auto stmt = db.prepare_cached("SELECT value FROM sync_state WHERE key = ?");
    stmt->bind(1, key);
    if (!stmt->step()) return std::nullopt;
    return stmt->column_text(0);
}

void set_sync_state(sqlite::Database& db, const std::string& key, const std::string& value) {
    db.prepare_cached("INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        ->bind(1, key)
        .bind(2, value)
        .run();
}

std::optional<std::int64_t> stored_cursor(sqlite::Database& db) {
    const auto text = sync_state(db, kCursorKey);
    if (!text) return std::nullopt;
    return std::stoll(*text);
}

void apply_content_row(sqlite::Database& db, const std::string& table, const std::string& key, bool deleted, const json& data) {
    if (deleted) {
        if (table == "guidance") {
            const auto at = key.rfind('@');
            if (at == std::string::npos) throw std::invalid_argument("guidance key '" + key + "' lacks '@language'");
            replica::remove_guidance(db, key.substr(0, at), key.substr(at + 1));
        } else {
            replica::remove_content(db, table, key);
        }
        return;
    }
    const auto item = protocol::item_from_row(table, data);
    std::visit(
        [&](const auto& value) {
            using T = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<T, content::Topic>) replica::upsert_topic(db, value);
            else if constexpr (std::is_same_v<T, content::County>) replica::upsert_county(db, value);
            else if constexpr (std::is_same_v<T, content::GuidanceArticle>) replica::upsert_guidance(db, value);
            else if constexpr (std::is_same_v<T, content::Contact>) replica::upsert_contact(db, value);
            else if constexpr (std::is_same_v<T, content::SupportLine>) replica::upsert_support_line(db, value);
            else if constexpr (std::is_same_v<T, content::Checklist>) replica::upsert_checklist(db, value);
            else replica::upsert_event(db, value);
        },
        item);
}

PageResult apply_change_page(sqlite::Database& db, const std::string& body) {
    json page;
    try {
        page = json::parse(body);
    } catch (const json::parse_error&) {
        throw std::invalid_argument("the change page is not valid JSON");
    }
    if (!page.is_object() || !page.contains("changes") || !page.at("changes").is_array() || !page.contains("cursor") ||
        !page.at("cursor").is_number_integer())
        throw std::invalid_argument("the change page lacks 'changes' or 'cursor'");
    PageResult result;
    result.cursor = page.at("cursor").get<std::int64_t>();
    result.more = page.value("more", false);
    const ContentDurability content_only(db);
    sqlite::Transaction tx(db);
    for (const auto& change : page.at("changes")) {
        try {
            apply_content_row(db, change.at("table").get<std::string>(), change.at("key").get<std::string>(),
                              change.at("deleted").get<bool>(), change.at("data"));
        } catch (const json::exception& e) {
            throw std::invalid_argument(std::string("a change could not be read: ") + e.what());
        }
        ++result.rows;
    }
    set_sync_state(db, kCursorKey, std::to_string(result.cursor));
    tx.commit();
    return result;
}

std::int64_t apply_snapshot_file(sqlite::Database& db, const std::filesystem::path& file,
                                 const std::function<void(std::int64_t)>& progress) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::invalid_argument("cannot read the downloaded snapshot");
    const ContentDurability content_only(db);
    sqlite::Transaction tx(db);
    replica::clear_all_content(db);
    std::int64_t rows = 0;
    std::optional<std::int64_t> cursor, count;
    // Each element of "rows" is applied as soon as it is parsed and then dropped from the
    // document (the callback returns false), so only one row is in memory at a time.
    const json::parser_callback_t on_value = [&](int depth, json::parse_event_t event, json& parsed) {
        if (depth == 2 && event == json::parse_event_t::object_end) {
            apply_content_row(db, parsed.at("table").get<std::string>(), parsed.at("key").get<std::string>(), false,
                              parsed.at("data"));
            ++rows;
            if (progress && rows % 100 == 0) progress(rows);
            return false;
        }
        return true;
    };
    json top;
    try {
        top = json::parse(in, on_value);
    } catch (const json::exception& e) {
        throw std::invalid_argument(std::string("the snapshot is incomplete or damaged: ") + e.what());
    }
    if (top.contains("cursor") && top.at("cursor").is_number_integer()) cursor = top.at("cursor").get<std::int64_t>();
    if (top.contains("count") && top.at("count").is_number_integer()) count = top.at("count").get<std::int64_t>();
    if (!cursor || !count || *count != rows)
        throw std::invalid_argument("the snapshot is incomplete (" + std::to_string(rows) + " rows read)");
    set_sync_state(db, kCursorKey, std::to_string(*cursor));
    tx.commit();
    if (progress) progress(rows);
    return rows;
}

}  // namespace faltstod::sync
