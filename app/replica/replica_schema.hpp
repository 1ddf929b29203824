// The kiosk's local replica: a SQLite file (WAL, foreign keys on) whose schema is versioned
// with PRAGMA user_version and moved forward by numbered migrations, never backward.
#pragma once

#include "sqlite_db.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace faltstod::replica {

struct Migration {
    int version;              // user_version after this migration ran
    const char* description;  // for logs and docs
    const char* sql;
};

// All migrations, in order; migrations()[i].version == i + 1.
const std::vector<Migration>& migrations();
int latest_schema_version();

// Thrown when the file was written by a newer Fältstöd (its version is above ours): we must
// not guess at a schema we do not know, and must not destroy the data either.
class SchemaTooNew : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Applies every migration above the file's version up to `target`, each in its own
// transaction together with its user_version bump, so a crash leaves a whole version.
void migrate(sqlite::Database& db, int target = latest_schema_version());

// Opens (creating if needed) the replica at `path` in WAL mode and migrates it to the latest
// schema. Creates the parent folder (mode 0700) when it is missing.
sqlite::Database open_replica(const std::string& path);

}  // namespace faltstod::replica
