// The outbox: anonymous consultation logs written on the laptop and waiting for the server.
// A record leaves the outbox only when the server acknowledged it (applied or duplicate);
// a record the server rejected is quarantined with the reason, kept and shown, and never
// blocks the others.
#pragma once

#include "consultation_record.hpp"
#include "sqlite_db.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace faltstod::sync {

// Validates the record as the server will (no free text, fixed choices, the date window, the
// device's county, the note guarded) under `rules`, and stores it with a new random UUID;
// returns the UUID. Throws std::invalid_argument with the reason (in English) when invalid:
// callers that talk to a person check first with protocol::consultation_problem in the
// person's language.
std::string enqueue_consultation(sqlite::Database& db, const protocol::ConsultationRecord& record,
                                 const protocol::ConsultationRules& rules = protocol::rules_for_utc_today());

struct OutboxRecord {
    std::string id;
    std::string kind;
    nlohmann::json data;
};

// The oldest records not quarantined, at most `limit`.
std::vector<OutboxRecord> pending_records(sqlite::Database& db, int limit);

struct RecordOutcome {
    std::string id;
    std::string status;  // protocol::push_status
    std::string reason;
};

// Removes acknowledged records, quarantines rejected and conflicting ones; in one transaction.
void settle_outbox(sqlite::Database& db, const std::vector<RecordOutcome>& outcomes);
// Counts a failed delivery attempt for these records.
void note_failed_attempt(sqlite::Database& db, const std::vector<OutboxRecord>& records, const std::string& error);

// A log the server refused, set aside until a person removes it: the server's reason as it was
// given, and the log's data, so the kiosk can say why in its own words and language.
struct RejectedLog {
    std::string id;
    std::string server_reason;
    nlohmann::json data;
};
std::vector<RejectedLog> rejected_logs(sqlite::Database& db);
// Records the server rejected, with its reasons, oldest first (to show the person).
std::vector<RecordOutcome> quarantined_records(sqlite::Database& db);

int outbox_size(sqlite::Database& db);        // waiting, not quarantined
int quarantined_count(sqlite::Database& db);  // rejected by the server
// Deletes one record the server rejected (the person read why and let it go); false when no
// quarantined record has that id. A waiting record cannot be discarded this way.
bool discard_quarantined(sqlite::Database& db, const std::string& id);
// Erases every local consultation log (a wipe order); returns how many.
int erase_local_logs(sqlite::Database& db);

std::string new_uuid();

}  // namespace faltstod::sync
