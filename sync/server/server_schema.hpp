// The server's database: content rows with their change sequence, devices, enrollment codes
// and received consultation logs. WAL mode, synchronous=FULL: a push is acknowledged only
// after its commit has reached the disk.
#pragma once

#include "schema_migrations.hpp"
#include "sqlite_db.hpp"

#include <string>
#include <vector>

namespace faltstod::server {

const std::vector<sqlite::Migration>& server_migrations();

// Opens (creating if needed, mode 0600: private_database_file.hpp) and migrates the server database.
sqlite::Database open_server_db(const std::string& path);

// meta table access (last_seq, tombstone_horizon, …), as integers.
std::int64_t read_meta_int(sqlite::Database& db, const std::string& key, std::int64_t fallback = 0);
void write_meta_int(sqlite::Database& db, const std::string& key, std::int64_t value);

}  // namespace faltstod::server
