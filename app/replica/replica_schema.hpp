// The kiosk's local replica: a SQLite file (WAL, foreign keys on) whose schema is versioned
// with PRAGMA user_version and moved forward by numbered migrations, never backward.
#pragma once

#include "schema_migrations.hpp"
#include "sqlite_db.hpp"

#include <string>
#include <vector>

namespace faltstod::replica {

// All migrations, in order; migrations()[i].version == i + 1.
const std::vector<sqlite::Migration>& migrations();
int latest_schema_version();

// Brings the replica to `target` (see sqlite::apply_migrations); throws sqlite::SchemaTooNew
// for a file written by a newer Fältstöd.
void migrate(sqlite::Database& db, int target = latest_schema_version());

// Opens (creating if needed) the replica at `path` in WAL mode and migrates it to the latest
// schema. Creates the parent folder (mode 0700) when it is missing.
sqlite::Database open_replica(const std::string& path);

}  // namespace faltstod::replica
