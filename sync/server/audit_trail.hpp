// The server's audit trail: who created which enrollment code (role, county, validity), who
// revoked a device or ordered a wipe, who published content (with the counts), and who used the
// exact statistics view. One row per act in the audit_log table (schema version 4), written in
// the same transaction as the act itself, so an act without its row (or the reverse) cannot
// happen; shown by `faltstod-server audit`.
//
// The trail holds ids, roles, counties, counts and filters only: never a token, an enrollment
// code or anything of a consultation log.
#pragma once

#include "sqlite_db.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace faltstod::server {

struct Device;

// Who acted: an admin device (by id and its generated name) or the server's own command line,
// which anyone with access to the database file runs.
struct AuditActor {
    std::optional<std::string> device_id;
    std::string name;
};
AuditActor server_cli_actor();
AuditActor device_actor(const Device& device);

enum class AuditAction { EnrollmentCodeCreated, DeviceRevoked, DeviceWipeOrdered, ContentPublished, ExactStatsViewed };

// The stable name stored in the table ("enrollment_code_created", …).
const char* audit_action_name(AuditAction action);

// Appends one row. Call inside the transaction of the act it records.
void record_audit(sqlite::Database& db, const AuditActor& actor, AuditAction action, const std::optional<std::string>& target_device,
                  const nlohmann::json& details);

struct AuditEntry {
    std::int64_t seq = 0;
    std::string at;
    std::optional<std::string> actor_device_id;
    std::string actor;
    std::string action;
    std::optional<std::string> target_device_id;
    nlohmann::json details;
};

// The newest `limit` rows (all when 0), oldest first.
std::vector<AuditEntry> read_audit(sqlite::Database& db, int limit = 0);

// One line per row: time, who, what, to which device, and the details.
std::string audit_to_table(const std::vector<AuditEntry>& entries);

}  // namespace faltstod::server
