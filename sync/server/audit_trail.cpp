// The audit trail; see audit_trail.hpp.
#include "audit_trail.hpp"

#include "device_registry.hpp"
#include "utc_clock.hpp"

#include <sstream>

namespace faltstod::server {

AuditActor server_cli_actor() { return {std::nullopt, "server CLI"}; }

AuditActor device_actor(const Device& device) { return {device.id, device.name}; }

const char* audit_action_name(AuditAction action) {
    switch (action) {
        case AuditAction::EnrollmentCodeCreated: return "enrollment_code_created";
        case AuditAction::DeviceRevoked: return "device_revoked";
        case AuditAction::DeviceWipeOrdered: return "device_wipe_ordered";
        case AuditAction::ContentPublished: return "content_published";
        case AuditAction::ExactStatsViewed: return "exact_stats_viewed";
    }
    return "unknown";
}

void record_audit(sqlite::Database& db, const AuditActor& actor, AuditAction action, const std::optional<std::string>& target_device,
                  const nlohmann::json& details) {
    db.prepare("INSERT INTO audit_log (at, actor_device_id, actor, action, target_device_id, details) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(1, now_utc_iso())
        .bind(2, actor.device_id)
        .bind(3, actor.name)
        .bind(4, audit_action_name(action))
        .bind(5, target_device)
        .bind(6, details.dump())
        .run();
}

std::vector<AuditEntry> read_audit(sqlite::Database& db, int limit) {
    auto stmt = db.prepare(
        "SELECT seq, at, actor_device_id, actor, action, target_device_id, details FROM "
        "(SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?) ORDER BY seq");
    stmt.bind(1, limit > 0 ? static_cast<std::int64_t>(limit) : std::int64_t{-1});
    std::vector<AuditEntry> entries;
    while (stmt.step()) {
        entries.push_back({stmt.column_int(0), stmt.column_text(1), stmt.column_optional_text(2), stmt.column_text(3),
                           stmt.column_text(4), stmt.column_optional_text(5),
                           nlohmann::json::parse(stmt.column_text(6), nullptr, false)});
    }
    return entries;
}

std::string audit_to_table(const std::vector<AuditEntry>& entries) {
    std::ostringstream out;
    if (entries.empty()) out << "The audit trail is empty.\n";
    for (const auto& e : entries) {
        out << e.at << "  " << e.action << "  by " << (e.actor_device_id ? "device " + *e.actor_device_id + " (" + e.actor + ")" : e.actor);
        if (e.target_device_id) out << "  device " << *e.target_device_id;
        if (e.details.is_object() && !e.details.empty()) out << "  " << e.details.dump();
        out << "\n";
    }
    return out.str();
}

}  // namespace faltstod::server
