// The kiosk's local replica: two SQLite files (WAL, foreign keys on), each versioned with its
// own PRAGMA user_version and moved forward by numbered migrations, never backward.
//
// - The content file (`replica.db`, schema "main"): everything that comes from the server —
//   guidance and its full-text index, contacts, support lines, hours, checklists, events — and
//   the cursor of that content (sync_state). A content reset or a content file replaced whole
//   changes this file only.
// - The local file (`replica-local.db` beside it, attached as schema "local"): what the device
//   itself owns — the outbox of consultation logs (with quarantined records), favourites, and
//   the device's own sync state (device_state: last successful sync). It outlives any content.
//
// Every connection to the replica comes from open_replica(), which attaches the local file, so
// SQL names local tables `local.<table>` and content tables without a schema.
#pragma once

#include "schema_migrations.hpp"
#include "sqlite_db.hpp"

#include <string>
#include <vector>

namespace faltstod::replica {

// The content file's migrations, in order; migrations()[i].version == i + 1. Up to version 6
// the device's own tables lived in the content file too; version 7 moves them to the local file.
const std::vector<sqlite::Migration>& migrations();
int latest_schema_version();

// The local file's migrations, in order, applied to schema "local".
const std::vector<sqlite::Migration>& local_migrations();
int latest_local_schema_version();

// The local file that belongs to the content file at `content_path`: `replica.db` gives
// `replica-local.db` in the same folder; ":memory:" gives ":memory:".
std::string local_state_path(const std::string& content_path);

// Brings the content file to `target` (see sqlite::apply_migrations); throws
// sqlite::SchemaTooNew for a file written by a newer Fältstöd. A target of 7 or more needs the
// local file attached and migrated (open_replica does both): version 7 copies the local state
// into it and commits there before removing it from the content file, so a crash at any point
// loses nothing and, run again, copies nothing twice.
void migrate(sqlite::Database& db, int target = latest_schema_version());

// Opens (creating if needed) the replica at `path` — the content file at `path`, the local file
// at local_state_path(path) attached as "local" — both in WAL mode, 0600 with their -wal and
// -shm whatever the umask, migrates both to their latest schema, and returns the connection.
// Creates the parent folder (mode 0700) when it is missing.
sqlite::Database open_replica(const std::string& path);

}  // namespace faltstod::replica
