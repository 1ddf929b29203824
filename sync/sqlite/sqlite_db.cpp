// Implementation of the RAII SQLite wrappers; see sqlite_db.hpp for the contracts.
#include "sqlite_db.hpp"

namespace faltstod::sqlite {

namespace {
constexpr int kBusyTimeoutMs = 5000;

[[noreturn]] void fail(sqlite3* db, int rc, std::string_view what) {
    std::string message(what);
    message += ": ";
    message += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    throw SqliteError(rc, message);
}
}  // namespace

SqliteError::SqliteError(int code, const std::string& message)
    : std::runtime_error(message), code_(code) {}

Database::Database(const std::string& path, Mode mode) {
    int flags = SQLITE_OPEN_NOMUTEX;
    switch (mode) {
        case Mode::ReadWriteCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
        case Mode::ReadWrite: flags |= SQLITE_OPEN_READWRITE; break;
        case Mode::ReadOnly: flags |= SQLITE_OPEN_READONLY; break;
    }
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    db_.reset(raw);  // owned even when opening failed: sqlite3_open_v2 may still allocate
    if (rc != SQLITE_OK) fail(raw, rc, "cannot open database '" + path + "'");
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, kBusyTimeoutMs);
    exec("PRAGMA foreign_keys = ON");
}

void Database::exec(std::string_view sql) {
    const std::string text(sql);
    char* error = nullptr;
    const int rc = sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
        std::string message = error ? error : sqlite3_errstr(rc);
        sqlite3_free(error);
        throw SqliteError(rc, message + " (in: " + text.substr(0, 120) + ")");
    }
}

Statement Database::prepare(std::string_view sql) { return Statement(db_.get(), sql); }

CachedStatement Database::prepare_cached(std::string_view sql) {
    auto found = cache_.find(std::string(sql));
    if (found == cache_.end())
        found = cache_.emplace(std::string(sql), std::make_unique<CacheEntry>(CacheEntry{prepare(sql), false})).first;
    CacheEntry& entry = *found->second;
    if (entry.in_use) return CachedStatement(prepare(sql));
    entry.in_use = true;
    return CachedStatement(&entry);
}

CachedStatement::~CachedStatement() {
    if (!entry_) return;
    entry_->statement.reset();
    entry_->in_use = false;
}

int Database::user_version(const std::string& schema) {
    auto stmt = prepare("PRAGMA " + schema + ".user_version");
    stmt.step();
    return static_cast<int>(stmt.column_int(0));
}

void Database::set_user_version(int version, const std::string& schema) {
    // PRAGMA takes no bound parameters; the value is an int and the schema a name, both ours.
    exec("PRAGMA " + schema + ".user_version = " + std::to_string(version));
}

std::int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_.get()); }
int Database::changes() const { return sqlite3_changes(db_.get()); }

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
    sqlite3_stmt* raw = nullptr;
    const int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
    stmt_.reset(raw);
    if (rc != SQLITE_OK) fail(db, rc, "cannot prepare '" + std::string(sql.substr(0, 120)) + "'");
}

void Statement::check_bind(int rc) {
    if (rc != SQLITE_OK) fail(db_, rc, "cannot bind parameter");
}

Statement& Statement::bind(int index, std::string_view text) {
    check_bind(sqlite3_bind_text(stmt_.get(), index, text.data(), static_cast<int>(text.size()),
                                 SQLITE_TRANSIENT));
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
    check_bind(sqlite3_bind_int64(stmt_.get(), index, value));
    return *this;
}

Statement& Statement::bind(int index, double value) {
    check_bind(sqlite3_bind_double(stmt_.get(), index, value));
    return *this;
}

Statement& Statement::bind_pointer(int index, void* pointer, const char* type) {
    check_bind(sqlite3_bind_pointer(stmt_.get(), index, pointer, type, nullptr));
    return *this;
}

Statement& Statement::bind_null(int index) {
    check_bind(sqlite3_bind_null(stmt_.get(), index));
    return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& text) {
    return text ? bind(index, std::string_view(*text)) : bind_null(index);
}

bool Statement::step() {
    const int rc = sqlite3_step(stmt_.get());
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(db_, rc, "statement failed");
}

void Statement::run() {
    while (step()) {
    }
}

void Statement::reset() {
    sqlite3_reset(stmt_.get());
    sqlite3_clear_bindings(stmt_.get());
}

std::string Statement::column_text(int column) const {
    const auto* text = sqlite3_column_text(stmt_.get(), column);
    const int size = sqlite3_column_bytes(stmt_.get(), column);
    return text ? std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(size))
                : std::string();
}

std::optional<std::string> Statement::column_optional_text(int column) const {
    if (column_is_null(column)) return std::nullopt;
    return column_text(column);
}

std::int64_t Statement::column_int(int column) const {
    return sqlite3_column_int64(stmt_.get(), column);
}

double Statement::column_double(int column) const {
    return sqlite3_column_double(stmt_.get(), column);
}

bool Statement::column_is_null(int column) const {
    return sqlite3_column_type(stmt_.get(), column) == SQLITE_NULL;
}

Transaction::Transaction(Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
    if (!done_) {
        try {
            db_.exec("ROLLBACK");
        } catch (...) {
            // A failed rollback leaves SQLite to roll back when the connection closes.
        }
    }
}

void Transaction::commit() {
    db_.exec("COMMIT");
    done_ = true;
}

}  // namespace faltstod::sqlite
