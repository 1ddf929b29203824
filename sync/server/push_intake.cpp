// Per-record validation and storage of pushes; see push_intake.hpp.
#include "push_intake.hpp"

#include "consultation_record.hpp"
#include "protocol.hpp"
#include "token_crypto.hpp"
#include "utc_clock.hpp"

#include <sqlite3.h>


namespace faltstod::server {

namespace {

using protocol::push_status::kApplied;
using protocol::push_status::kConflict;
using protocol::push_status::kDuplicate;
using protocol::push_status::kRejected;

PushOutcome store_consultation(sqlite::Database& db, const Device& device, const std::string& id, const nlohmann::json& data,
                               const std::string& received_at, const protocol::ConsultationRules& rules) {
    std::string reason;
    const auto record = protocol::parse_consultation(data, rules, reason);
    if (!record) return {id, kRejected, reason};

    const std::string hash = sha256_hex(protocol::to_json(*record).dump());
    auto existing = db.prepare("SELECT hash FROM consultations WHERE id = ?");
    existing.bind(1, id);
    if (existing.step()) {
        if (existing.column_text(0) == hash) return {id, kDuplicate, ""};
        return {id, kConflict, "a different record with this id was received before; records cannot be changed once sent"};
    }
    auto insert = db.prepare("INSERT INTO consultations (id, device_id, received_at, hash, date, county, profession, topics, age_band, "
                             "channel, outcome, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, id)
        .bind(2, device.id)
        .bind(3, received_at)
        .bind(4, hash)
        .bind(5, record->date)
        .bind(6, record->county)
        .bind(7, record->profession)
        .bind(8, nlohmann::json(record->topics).dump())
        .bind(9, record->age_band)
        .bind(10, record->channel)
        .bind(11, record->outcome)
        .bind(12, record->note.empty() ? std::nullopt : std::optional<std::string>(record->note))
        .run();
    return {id, kApplied, ""};
}

// The reasons below name only the protocol's fields and values, never what the device sent: a
// field name or a kind could hold personal data typed into the wrong place, and a reason is
// stored on the device and shown.
PushOutcome judge_record(sqlite::Database& db, const Device& device, const nlohmann::json& record, const std::string& received_at,
                         const protocol::ConsultationRules& rules) {
    if (!record.is_object()) return {"", kRejected, "a record must be an object with id, kind and data"};
    const auto id_it = record.find("id");
    const std::string id = (id_it != record.end() && id_it->is_string()) ? id_it->get<std::string>() : "";
    // An id that is not a UUID is not echoed either: the answer carries "" for it.
    if (!protocol::is_uuid(id)) return {"", kRejected, "field 'id' must be a UUID made by the device"};
    for (const auto& [key, value] : record.items())
        if (key != "id" && key != "kind" && key != "data") return {id, kRejected, "the record has a field other than id, kind and data"};
    const auto kind = record.find("kind");
    const auto data = record.find("data");
    if (kind == record.end() || !kind->is_string()) return {id, kRejected, "field 'kind' is required and must be a string"};
    if (data == record.end()) return {id, kRejected, "field 'data' is required"};
    if (*kind == "consultation") return store_consultation(db, device, id, *data, received_at, rules);
    return {id, kRejected, "this kind of record is not accepted (this server accepts: consultation)"};
}

}  // namespace

std::vector<PushOutcome> store_pushed_records(sqlite::Database& db, const Device& device, const nlohmann::json& records,
                                              const IntakeRules& intake) {
    std::vector<PushOutcome> outcomes;
    const std::string received_at = now_utc_iso();
    const protocol::ConsultationRules rules{protocol::utc_today(), intake.window, device.county, intake.published};
    sqlite::Transaction tx(db);
    for (const auto& record : records) {
        // A savepoint per record: a record that fails half-way leaves nothing behind.
        db.exec("SAVEPOINT record");
        try {
            outcomes.push_back(judge_record(db, device, record, received_at, rules));
            db.exec("RELEASE record");
        } catch (const sqlite::SqliteError& e) {
            db.exec("ROLLBACK TO record");
            db.exec("RELEASE record");
            // Only a constraint the record breaks is the record's fault. A disk error, a full
            // disk or a busy database is the server's: the whole push fails with a 5xx and the
            // device sends it again. Answering "rejected" would make the kiosk set the log
            // aside for good, losing it over a passing fault.
            if ((e.code() & 0xff) != SQLITE_CONSTRAINT) throw;
            const auto id = record.is_object() ? record.find("id") : record.end();
            const std::string text = id != record.end() && id->is_string() ? id->get<std::string>() : "";
            outcomes.push_back({protocol::is_uuid(text) ? text : "", kRejected, "the record could not be stored"});
        }
    }
    // Two records with the same id in one batch: the second sees the first (same transaction)
    // and is judged duplicate or conflict, exactly as if it came in a later batch.
    tx.commit();
    return outcomes;
}

}  // namespace faltstod::server
