// Forward-only schema migrations keyed on PRAGMA user_version, shared by the kiosk's replica
// and the server's database.
#pragma once

#include "sqlite_db.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace faltstod::sqlite {

struct Migration {
    int version;              // user_version after this migration ran; versions are 1..N
    const char* description;  // for logs and docs
    const char* sql;
    // When set, runs and commits in a transaction of its own before `sql`. For a migration that
    // moves rows into another attached file: a transaction over two WAL files is atomic in each
    // file but not across both, so the rows are first copied and committed in the file they go
    // to, and only then removed from this one (with the version bump). It must be idempotent
    // (INSERT OR IGNORE): after a crash between the two, both run again.
    const char* before_sql = nullptr;
};

// Thrown when the file was written by a newer program (its version is above ours): we must
// not guess at a schema we do not know, and must not destroy the data either.
class SchemaTooNew : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Applies every migration above the file's version up to `target`, each in its own
// transaction together with its user_version bump, so a crash leaves a whole version.
// `what` names the database in messages ("the replica", "the server database"); `schema` is
// the one whose user_version counts ("main", or an attached file's name).
void apply_migrations(Database& db, const std::vector<Migration>& migrations, int target, const std::string& what,
                      const std::string& schema = "main");

}  // namespace faltstod::sqlite
