// Online backup and restore of the server database; see server_backup.hpp.
#include "server_backup.hpp"

#include "private_database_file.hpp"
#include "server_schema.hpp"
#include "sqlite_db.hpp"

#include <filesystem>
#include <stdexcept>

namespace faltstod::server {

namespace {

// Copies all pages from `from` to `to` in steps, so writers are not blocked for long.
void copy_pages(sqlite::Database& from, sqlite::Database& to) {
    sqlite3_backup* backup = sqlite3_backup_init(to.handle(), "main", from.handle(), "main");
    if (!backup) throw std::runtime_error(std::string("backup cannot start: ") + sqlite3_errmsg(to.handle()));
    int rc = SQLITE_OK;
    while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
        rc = sqlite3_backup_step(backup, 256);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
    }
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) throw std::runtime_error(std::string("backup failed: ") + sqlite3_errstr(rc));
}

void check_copy(const std::string& path) {
    sqlite::Database db(path, sqlite::Database::Mode::ReadOnly);
    auto check = db.prepare("PRAGMA integrity_check");
    if (!check.step() || check.column_text(0) != "ok") throw std::runtime_error(path + " fails integrity_check");
    auto tables = db.prepare("SELECT count(*) FROM sqlite_schema WHERE name IN ('content_rows', 'devices', 'consultations')");
    tables.step();
    if (tables.column_int(0) != 3) throw std::runtime_error(path + " is not a Fältstöd server database");
}

}  // namespace

void backup_database(const std::string& db_path, const std::string& target) {
    if (std::filesystem::exists(target)) throw std::runtime_error(target + " exists already; choose a new file name");
    try {
        sqlite::Database source(db_path, sqlite::Database::Mode::ReadWrite);
        sqlite::make_private_database_file(target);  // a backup holds what the database holds
        sqlite::Database copy(target);
        copy_pages(source, copy);
    } catch (...) {
        std::filesystem::remove(target);
        throw;
    }
    check_copy(target);
}

void restore_database(const std::string& source, const std::string& db_path) {
    check_copy(source);
    sqlite::Database from(source, sqlite::Database::Mode::ReadOnly);
    auto to = open_server_db(db_path);
    copy_pages(from, to);
    // The copy may come from an older version: bring it to this version's schema.
    sqlite::apply_migrations(to, server_migrations(), server_migrations().back().version, "the restored database");
}

}  // namespace faltstod::server
