// RAII wrappers around the SQLite C API, shared by the kiosk's replica and the server.
//
// Contract: every handle is owned by exactly one object and closed in its destructor; every
// statement is finalized. Errors become SqliteError exceptions that carry SQLite's message and
// the SQL that failed, so callers at a boundary can turn them into values a person can act on.
//
// Thread safety: a Database is used by one thread at a time (one connection per thread, as
// DESIGN.md asks). WAL mode lets the kiosk's UI connection read while the sync thread writes.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <unordered_map>

namespace faltstod::sqlite {

class SqliteError : public std::runtime_error {
public:
    SqliteError(int code, const std::string& message);
    int code() const noexcept { return code_; }

private:
    int code_;
};

class Statement;
class CachedStatement;

class Database {
public:
    enum class Mode { ReadWriteCreate, ReadWrite, ReadOnly };

    // Opens (and with ReadWriteCreate creates) the file, turns on foreign keys, sets a busy
    // timeout so a concurrent writer makes us wait instead of failing at once.
    explicit Database(const std::string& path, Mode mode = Mode::ReadWriteCreate);

    Database(Database&&) noexcept = default;
    Database& operator=(Database&&) noexcept = default;

    // Runs one or more statements that return no rows we need.
    void exec(std::string_view sql);
    Statement prepare(std::string_view sql);
    // The statement for `sql`, compiled on first use and kept on this connection for the next
    // (compiling costs more than running most of our one-row queries: 40 % of an idle poll,
    // 22 % of applying a change page). The handle resets it when it goes out of scope, so no
    // cached statement holds a read open. For SQL text that is the same on every call; a
    // statement already in use (nested use of the same SQL) is compiled anew for that use.
    CachedStatement prepare_cached(std::string_view sql);

    // PRAGMA user_version of `schema`: "main", or the name an attached file was given.
    int user_version(const std::string& schema = "main");
    void set_user_version(int version, const std::string& schema = "main");
    std::int64_t last_insert_rowid() const;
    int changes() const;
    sqlite3* handle() const { return db_.get(); }

private:
    struct Closer {
        void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
    };
    struct CacheEntry;
    std::unique_ptr<sqlite3, Closer> db_;
    // Declared after db_, so the statements are finalized before the connection closes.
    std::unordered_map<std::string, std::unique_ptr<CacheEntry>> cache_;
    friend class CachedStatement;
};

// A prepared statement with bound parameters (1-based, as in SQLite).
class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);

    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind_null(int index);
    Statement& bind(int index, const std::optional<std::string>& text);
    // SQLite's pointer passing (sqlite3_bind_pointer): how an extension such as FTS5 hands out
    // its interface. `type` must be a string literal that outlives the statement.
    Statement& bind_pointer(int index, void* pointer, const char* type);

    // Steps once: true while a row is available, false when done.
    bool step();
    // Steps until done; for INSERT/UPDATE/DELETE.
    void run();
    void reset();

    std::string column_text(int column) const;
    std::optional<std::string> column_optional_text(int column) const;
    std::int64_t column_int(int column) const;
    double column_double(int column) const;
    bool column_is_null(int column) const;
    int column_count() const { return sqlite3_column_count(stmt_.get()); }

private:
    struct Finalizer {
        void operator()(sqlite3_stmt* stmt) const noexcept { sqlite3_finalize(stmt); }
    };
    sqlite3* db_;
    std::unique_ptr<sqlite3_stmt, Finalizer> stmt_;
    void check_bind(int rc);
};

struct Database::CacheEntry {
    Statement statement;
    bool in_use = false;
};

// A statement from Database::prepare_cached: use it like a Statement (through -> or *); on
// destruction it is reset and its bindings cleared, ready for the next use.
class CachedStatement {
public:
    CachedStatement(CachedStatement&& other) noexcept
        : entry_(std::exchange(other.entry_, nullptr)), own_(std::move(other.own_)) {}
    CachedStatement(const CachedStatement&) = delete;
    CachedStatement& operator=(const CachedStatement&) = delete;
    CachedStatement& operator=(CachedStatement&&) = delete;
    ~CachedStatement();

    Statement& operator*() { return entry_ ? entry_->statement : *own_; }
    Statement* operator->() { return &**this; }

private:
    friend class Database;
    explicit CachedStatement(Database::CacheEntry* entry) : entry_(entry) {}
    explicit CachedStatement(Statement own) : own_(std::move(own)) {}
    Database::CacheEntry* entry_ = nullptr;
    std::optional<Statement> own_;
};

// BEGIN IMMEDIATE on construction, ROLLBACK in the destructor unless commit() was called.
// IMMEDIATE takes the write lock up front so two writers fail early, not half-way.
class Transaction {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Database& db_;
    bool done_ = false;
};

// A deferred read transaction: every read inside sees the snapshot taken at the first one, so
// several queries answer about the same state of the database. Ends (COMMIT) on scope exit;
// it writes nothing, so there is nothing to roll back.
class ReadTransaction {
public:
    explicit ReadTransaction(Database& db) : db_(db) { db_.exec("BEGIN"); }
    ~ReadTransaction() {
        try {
            db_.exec("COMMIT");
        } catch (...) {
            // A destructor must not throw; the connection ends the transaction when it closes.
        }
    }
    ReadTransaction(const ReadTransaction&) = delete;
    ReadTransaction& operator=(const ReadTransaction&) = delete;

private:
    Database& db_;
};

}  // namespace faltstod::sqlite
