// The outbox of consultation logs; see outbox.hpp.
#include "outbox.hpp"

#include <uuid/uuid.h>

#include <chrono>
#include <stdexcept>

namespace faltstod::sync {

namespace {

// Local time is information only (the server orders by its own clock).
std::string now_local_iso() {
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buffer;
}

int count(sqlite::Database& db, const char* sql) {
    auto stmt = db.prepare(sql);
    stmt.step();
    return static_cast<int>(stmt.column_int(0));
}

}  // namespace

std::string new_uuid() {
    uuid_t raw;
    uuid_generate_random(raw);
    char text[37];
    uuid_unparse_lower(raw, text);
    return text;
}

std::string enqueue_consultation(sqlite::Database& db, const protocol::ConsultationRecord& record,
                                 const protocol::ConsultationRules& rules) {
    const auto data = protocol::to_json(record);
    std::string reason;
    if (!protocol::parse_consultation(data, rules, reason)) throw std::invalid_argument(reason);
    const std::string id = new_uuid();
    db.prepare("INSERT INTO local.outbox (id, kind, payload, created_at) VALUES (?, 'consultation', ?, ?)")
        .bind(1, id)
        .bind(2, data.dump())
        .bind(3, now_local_iso())
        .run();
    return id;
}

std::vector<OutboxRecord> pending_records(sqlite::Database& db, int limit) {
    auto stmt = db.prepare("SELECT id, kind, payload FROM local.outbox WHERE quarantined_reason IS NULL ORDER BY created_at, id LIMIT ?");
    stmt.bind(1, limit);
    std::vector<OutboxRecord> records;
    while (stmt.step()) records.push_back({stmt.column_text(0), stmt.column_text(1), nlohmann::json::parse(stmt.column_text(2))});
    return records;
}

void settle_outbox(sqlite::Database& db, const std::vector<RecordOutcome>& outcomes) {
    sqlite::Transaction tx(db);
    auto remove = db.prepare("DELETE FROM local.outbox WHERE id = ?");
    auto quarantine = db.prepare("UPDATE local.outbox SET quarantined_reason = ?, attempts = attempts + 1 WHERE id = ?");
    for (const auto& outcome : outcomes) {
        if (outcome.status == "applied" || outcome.status == "duplicate") {
            remove.reset();
            remove.bind(1, outcome.id).run();
        } else if (outcome.status == "rejected" || outcome.status == "conflict") {
            quarantine.reset();
            quarantine.bind(1, outcome.reason.empty() ? outcome.status : outcome.reason).bind(2, outcome.id).run();
        }
    }
    tx.commit();
}

void note_failed_attempt(sqlite::Database& db, const std::vector<OutboxRecord>& records, const std::string& error) {
    sqlite::Transaction tx(db);
    auto update = db.prepare("UPDATE local.outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?");
    for (const auto& record : records) {
        update.reset();
        update.bind(1, error).bind(2, record.id).run();
    }
    tx.commit();
}

std::vector<RecordOutcome> quarantined_records(sqlite::Database& db) {
    auto stmt = db.prepare("SELECT id, quarantined_reason FROM local.outbox WHERE quarantined_reason IS NOT NULL ORDER BY created_at, id");
    std::vector<RecordOutcome> records;
    while (stmt.step()) records.push_back({stmt.column_text(0), "rejected", stmt.column_text(1)});
    return records;
}

std::vector<RejectedLog> rejected_logs(sqlite::Database& db) {
    auto stmt = db.prepare("SELECT id, quarantined_reason, payload FROM local.outbox WHERE quarantined_reason IS NOT NULL ORDER BY created_at, id");
    std::vector<RejectedLog> logs;
    while (stmt.step()) {
        // A payload that is not JSON (it never should be) still lists the log, so it can be removed.
        auto data = nlohmann::json::parse(stmt.column_text(2), nullptr, false);
        logs.push_back({stmt.column_text(0), stmt.column_text(1), data.is_discarded() ? nlohmann::json() : std::move(data)});
    }
    return logs;
}

int outbox_size(sqlite::Database& db) { return count(db, "SELECT count(*) FROM local.outbox WHERE quarantined_reason IS NULL"); }
int quarantined_count(sqlite::Database& db) { return count(db, "SELECT count(*) FROM local.outbox WHERE quarantined_reason IS NOT NULL"); }

bool discard_quarantined(sqlite::Database& db, const std::string& id) {
    db.prepare("DELETE FROM local.outbox WHERE id = ? AND quarantined_reason IS NOT NULL").bind(1, id).run();
    return db.changes() > 0;
}

int erase_local_logs(sqlite::Database& db) {
    const int total = count(db, "SELECT count(*) FROM local.outbox");
    db.exec("DELETE FROM local.outbox");
    // Deleted rows could linger in free pages and the WAL; secure_delete is on for the replica
    // (see replica_schema.cpp), and a checkpoint moves the WAL's copy out.
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    return total;
}

}  // namespace faltstod::sync
