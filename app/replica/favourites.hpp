// The articles a professional starred, kept on this laptop only (never synced).
#pragma once

#include "sqlite_db.hpp"

#include <set>
#include <string>

namespace faltstod::replica {

std::set<std::string> favourite_ids(sqlite::Database& db);
void set_favourite(sqlite::Database& db, const std::string& guidance_id, bool favourite);

}  // namespace faltstod::replica
