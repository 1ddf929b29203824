// Applying change pages and snapshots to the replica; see replica_sync.hpp.
#include "replica_sync.hpp"

#include "content_rows.hpp"
#include "content_store.hpp"
#include "protocol.hpp"

#include <fstream>
#include <stdexcept>
#include <variant>

namespace faltstod::sync {

using nlohmann::json;

// Both files of the replica (replica_schema.hpp): the content file for content and its cursor,
// the local file for the time of the last successful sync.
ContentDurability::ContentDurability(sqlite::Database& db) : db_(db) {
    db_.exec("PRAGMA main.synchronous = NORMAL; PRAGMA local.synchronous = NORMAL");
}

ContentDurability::~ContentDurability() {
    try {
        db_.exec("PRAGMA main.synchronous = FULL; PRAGMA local.synchronous = FULL");
    } catch (const sqlite::SqliteError&) {
        // Only fails on a closed or broken connection, which writes nothing more.
    }
}

std::optional<std::string> sync_state(sqlite::Database& db, const std::string& key) {
    auto stmt = db.prepare_cached(key == kCursorKey ? "SELECT value FROM main.sync_state WHERE key = ?"
                                                    : "SELECT value FROM local.device_state WHERE key = ?");
    stmt->bind(1, key);
    if (!stmt->step()) return std::nullopt;
    return stmt->column_text(0);
}

void set_sync_state(sqlite::Database& db, const std::string& key, const std::string& value) {
    db.prepare_cached(key == kCursorKey ? "INSERT INTO main.sync_state (key, value) VALUES (?, ?) "
                                          "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
                                        : "INSERT INTO local.device_state (key, value) VALUES (?, ?) "
                                          "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
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

namespace {

int content_rows(sqlite::Database& db) {
    const auto c = replica::count_content(db);
    return c.guidance + c.contacts + c.support_lines + c.checklists + c.events;
}

bool is_content_table(const std::string& name) {
    for (const auto table : protocol::kContentTables)
        if (table == name) return true;
    return false;
}

// One change or snapshot row, checked field by field before it is applied.
void apply_checked_row(sqlite::Database& db, const json& change, bool snapshot) {
    if (!change.is_object()) throw ContentRefused(SyncProblem::AnswerUnreadable, "a change is not an object");
    const auto table = change.find("table");
    const auto key = change.find("key");
    const auto data = change.find("data");
    if (table == change.end() || !table->is_string() || !is_content_table(table->get<std::string>()))
        throw ContentRefused(SyncProblem::AnswerUnreadable, "a change names no content table");
    if (key == change.end() || !key->is_string() || key->get<std::string>().empty() || key->get<std::string>().size() > 300)
        throw ContentRefused(SyncProblem::AnswerUnreadable, "a change has no usable key");
    bool deleted = false;
    if (!snapshot) {
        const auto flag = change.find("deleted");
        if (flag == change.end() || !flag->is_boolean()) throw ContentRefused(SyncProblem::AnswerUnreadable, "a change lacks 'deleted'");
        deleted = flag->get<bool>();
    }
    if (!deleted && (data == change.end() || !data->is_object()))
        throw ContentRefused(SyncProblem::AnswerUnreadable, "a change has no row");
    try {
        apply_content_row(db, table->get<std::string>(), key->get<std::string>(), deleted, deleted ? json() : *data);
    } catch (const ContentRefused&) {
        throw;
    } catch (const std::invalid_argument& e) {
        throw ContentRefused(SyncProblem::AnswerUnreadable, std::string("a row could not be read: ") + e.what());
    } catch (const json::exception& e) {
        throw ContentRefused(SyncProblem::AnswerUnreadable, std::string("a row could not be read: ") + e.what());
    }
}

}  // namespace

PageResult apply_change_page(sqlite::Database& db, const std::string& body, std::optional<std::int64_t> asked_since) {
    json page;
    try {
        page = json::parse(body);
    } catch (const json::exception&) {
        throw ContentRefused(SyncProblem::AnswerUnreadable, "the change page is not valid JSON");
    }
    if (!page.is_object() || !page.contains("changes") || !page.at("changes").is_array() || !page.contains("cursor") ||
        !page.at("cursor").is_number_integer())
        throw ContentRefused(SyncProblem::AnswerUnreadable, "the change page lacks 'changes' or 'cursor'");
    if (page.contains("more") && !page.at("more").is_boolean())
        throw ContentRefused(SyncProblem::AnswerUnreadable, "'more' is not true or false");
    PageResult result;
    result.cursor = page.at("cursor").get<std::int64_t>();
    result.more = page.value("more", false);
    if (result.cursor < 0) throw ContentRefused(SyncProblem::CursorInvalid, "negative cursor " + std::to_string(result.cursor));
    if (asked_since && result.cursor < *asked_since)
        throw ContentRefused(SyncProblem::CursorInvalid, "the cursor went back from " + std::to_string(*asked_since) + " to " +
                                                             std::to_string(result.cursor));
    const ContentDurability content_only(db);
    sqlite::Transaction tx(db);
    for (const auto& change : page.at("changes")) {
        apply_checked_row(db, change, false);
        ++result.rows;
    }
    set_sync_state(db, kCursorKey, std::to_string(result.cursor));
    tx.commit();
    return result;
}

std::int64_t apply_snapshot_file(sqlite::Database& db, const std::filesystem::path& file,
                                 const std::function<void(std::int64_t)>& progress, const SnapshotRules& rules) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw ContentRefused(SyncProblem::SnapshotIncomplete, "cannot read the downloaded snapshot");
    const ContentDurability content_only(db);
    sqlite::Transaction tx(db);
    const int rows_before = content_rows(db);
    const bool synced_before = stored_cursor(db).has_value();  // else the content came with the installation
    replica::clear_all_content(db);
    std::int64_t rows = 0;
    std::optional<std::int64_t> cursor, count;
    // Each element of "rows" is applied as soon as it is parsed and then dropped from the
    // document (the callback returns false), so only one row is in memory at a time.
    const json::parser_callback_t on_value = [&](int depth, json::parse_event_t event, json& parsed) {
        if (depth == 2 && event == json::parse_event_t::object_end) {
            apply_checked_row(db, parsed, true);
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
        throw ContentRefused(SyncProblem::SnapshotIncomplete, std::string("the snapshot is incomplete or damaged: ") + e.what());
    }
    if (top.contains("cursor") && top.at("cursor").is_number_integer()) cursor = top.at("cursor").get<std::int64_t>();
    if (top.contains("count") && top.at("count").is_number_integer()) count = top.at("count").get<std::int64_t>();
    if (!cursor || !count || *count != rows)
        throw ContentRefused(SyncProblem::SnapshotIncomplete, "the snapshot is incomplete (" + std::to_string(rows) + " rows read)");
    if (*cursor < 0) throw ContentRefused(SyncProblem::CursorInvalid, "negative snapshot cursor " + std::to_string(*cursor));
    const int rows_after = content_rows(db);
    if (rows_before > 0 && (rows_after == 0 || (synced_before && rows_before >= rules.min_rows &&
                                                                 static_cast<double>(rows_after) < rules.min_kept_share * rows_before)))
        throw ContentRefused(SyncProblem::SnapshotWouldEmpty, "the snapshot holds " + std::to_string(rows_after) +
                                                                  " content rows where the replica has " + std::to_string(rows_before));
    set_sync_state(db, kCursorKey, std::to_string(*cursor));
    tx.commit();
    if (progress) progress(rows);
    return rows;
}

}  // namespace faltstod::sync
