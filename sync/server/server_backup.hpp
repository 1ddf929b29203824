// Consistent copies of the server database while it serves, with SQLite's online backup API:
// the copy is a single point in time even when pushes commit during it.
#pragma once

#include <string>

namespace faltstod::server {

// Copies the database at `db_path` to `target` (which must not exist). Throws on failure and
// leaves no partial file behind.
void backup_database(const std::string& db_path, const std::string& target);

// Replaces the database at `db_path` with the copy at `source` (checked first: it must be a
// Fältstöd server database that passes integrity_check). Run with the server stopped.
void restore_database(const std::string& source, const std::string& db_path);

}  // namespace faltstod::server
