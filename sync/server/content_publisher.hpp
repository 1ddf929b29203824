// Publishing a validated bundle into the server database: rows whose content hash changed are
// upserted with a new change number, rows no longer in the bundle become tombstones, all in one
// transaction, with its counts written to the audit trail in the same transaction. Publishing
// the same bundle again changes nothing (but is recorded).
#pragma once

#include "audit_trail.hpp"
#include "content_rows.hpp"
#include "sqlite_db.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace faltstod::server {

struct PublishResult {
    int inserted = 0;
    int updated = 0;
    int deleted = 0;
    int unchanged = 0;
    std::int64_t last_seq = 0;  // the change number after publishing
    int changes() const { return inserted + updated + deleted; }
};

PublishResult publish_rows(sqlite::Database& db, const std::vector<protocol::ContentRow>& rows, const AuditActor& actor);

// Removes tombstones older than `cutoff_iso` (UTC ISO time) and raises the tombstone horizon to
// the highest change number removed: a device whose cursor is below it must reset. Returns the
// number of tombstones removed.
int purge_tombstones(sqlite::Database& db, const std::string& cutoff_iso);

}  // namespace faltstod::server
