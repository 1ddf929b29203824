// Change pages and snapshots; see change_feed.hpp and docs/protocol.md for the body format.
#include "change_feed.hpp"

#include "protocol.hpp"
#include "server_schema.hpp"

#include <nlohmann/json.hpp>

namespace faltstod::server {

namespace {

std::string quoted(const std::string& text) { return nlohmann::json(text).dump(); }


}  // namespace

std::int64_t current_seq(sqlite::Database& db) { return read_meta_int(db, "last_seq"); }

FeedPosition feed_position(sqlite::Database& db) {
    // Kept on the connection: every idle poll reads it. Absent keys read as 0, as read_meta_int's.
    auto stmt = db.prepare_cached(
        "SELECT coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'last_seq'), 0), "
        "coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'tombstone_horizon'), 0)");
    FeedPosition position;
    if (stmt->step()) {
        position.last_seq = stmt->column_int(0);
        position.tombstone_horizon = stmt->column_int(1);
    }
    return position;
}

std::optional<ChangePage> read_change_page(sqlite::Database& db, std::int64_t since, int limit) {
    sqlite::ReadTransaction tx(db);
    ChangePage page;
    page.since = since;
    page.last_seq = read_meta_int(db, "last_seq");
    if (since < read_meta_int(db, "tombstone_horizon") || since > page.last_seq) return std::nullopt;

    auto cached = db.prepare_cached("SELECT seq, tbl, key, deleted, data FROM content_rows WHERE seq > ? ORDER BY seq LIMIT ?");
    auto& stmt = *cached;
    stmt.bind(1, since).bind(2, limit + 1);
    std::string changes;
    int count = 0;
    page.cursor = since;
    while (stmt.step()) {
        if (count == limit) {
            page.more = true;
            break;
        }
        const bool deleted = stmt.column_int(3) != 0;
        page.cursor = stmt.column_int(0);
        if (count++) changes += ",\n";
        changes += "{\"seq\":" + std::to_string(page.cursor) + ",\"table\":" + quoted(stmt.column_text(1)) +
                   ",\"key\":" + quoted(stmt.column_text(2)) + ",\"deleted\":" + (deleted ? "true" : "false") +
                   ",\"data\":" + (deleted ? std::string("null") : stmt.column_text(4)) + "}";
    }
    if (!page.more) page.cursor = std::max(page.cursor, since);
    page.json = "{\"protocol\":" + std::to_string(protocol::kVersion) + ",\"since\":" + std::to_string(since) +
                ",\"cursor\":" + std::to_string(page.cursor) + ",\"more\":" + (page.more ? "true" : "false") +
                ",\"changes\":[\n" + changes + "]}";
    return page;
}

SnapshotStream::SnapshotStream(sqlite::Database& db, const protocol::SigningKey* key) : db_(db), key_(key) {
    db_.exec("BEGIN");
    cursor_ = read_meta_int(db_, "last_seq");
}

SnapshotStream::~SnapshotStream() {
    rows_.reset();
    try {
        db_.exec("COMMIT");
    } catch (...) {
    }
}

bool SnapshotStream::next(std::string& out, std::size_t chunk_bytes) {
    if (finished_) return false;
    const std::size_t first = out.size();
    const bool more = fill(out, chunk_bytes);
    hash_.update(std::string_view(out).substr(first));
    if (!more && key_) {
        // The signature covers every byte before its own field (content_signature.hpp).
        out += std::string(protocol::kSnapshotSignatureField) + key_->sign(protocol::snapshot_statement(hash_.hex_digest())) + "\"";
    }
    if (!more) out += "}";
    return true;
}

bool SnapshotStream::fill(std::string& out, std::size_t chunk_bytes) {
    if (!started_) {
        out += "{\"protocol\":" + std::to_string(protocol::kVersion) + ",\"cursor\":" + std::to_string(cursor_) + ",\"rows\":[\n";
        started_ = true;
    }
    const std::size_t start = out.size();
    while (out.size() - start < chunk_bytes) {
        if (!rows_) {
            if (table_index_ == protocol::kContentTables.size()) {
                out += "],\"count\":" + std::to_string(count_);
                finished_ = true;
                return false;
            }
            rows_.emplace(db_.prepare("SELECT key, data FROM content_rows WHERE tbl = ? AND deleted = 0 ORDER BY key"));
            rows_->bind(1, std::string(protocol::kContentTables[table_index_]));
        }
        if (!rows_->step()) {
            rows_.reset();
            ++table_index_;
            continue;
        }
        if (count_++) out += ",\n";
        out += "{\"table\":" + quoted(std::string(protocol::kContentTables[table_index_])) + ",\"key\":" +
               quoted(rows_->column_text(0)) + ",\"data\":" + rows_->column_text(1) + "}";
    }
    return true;
}

}  // namespace faltstod::server
