// Database::prepare_cached: a statement compiled once per connection and reused. It must give
// the same answers as a fresh statement, work when the same SQL is in use twice at once, and
// never keep a read open once its handle is gone (a held read would hide other connections'
// later writes from this one).
#include "sqlite_db.hpp"
#include "support/temp_dir.hpp"

#include <doctest/doctest.h>

using namespace faltstod;

namespace {

std::string value_of(sqlite::Database& db, const std::string& key) {
    auto stmt = db.prepare_cached("SELECT value FROM kv WHERE key = ?");
    stmt->bind(1, key);
    return stmt->step() ? stmt->column_text(0) : "(none)";
}

}  // namespace

TEST_CASE("a cached statement answers like a fresh one, for each new binding") {
    test::TempDir dir;
    sqlite::Database db((dir.path() / "kv.db").string());
    db.exec("CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT)");
    for (const char* key : {"a", "b", "c"})
        db.prepare_cached("INSERT INTO kv (key, value) VALUES (?, ?)")->bind(1, key).bind(2, std::string(key) + "!").run();
    CHECK(value_of(db, "b") == "b!");
    CHECK(value_of(db, "a") == "a!");
    CHECK(value_of(db, "x") == "(none)");
    CHECK(value_of(db, "c") == "c!");
    // A step left half-way (one row of three read) does not leak into the next use.
    {
        auto all = db.prepare_cached("SELECT key FROM kv ORDER BY key");
        REQUIRE(all->step());
        CHECK(all->column_text(0) == "a");
    }
    auto all = db.prepare_cached("SELECT key FROM kv ORDER BY key");
    REQUIRE(all->step());
    CHECK(all->column_text(0) == "a");
}

TEST_CASE("the same SQL in use twice at once gets two statements") {
    test::TempDir dir;
    sqlite::Database db((dir.path() / "kv.db").string());
    db.exec("CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT); INSERT INTO kv VALUES ('a', '1'), ('b', '2');");
    auto outer = db.prepare_cached("SELECT key, value FROM kv WHERE key >= ? ORDER BY key");
    outer->bind(1, "a");
    std::string seen;
    while (outer->step()) {
        auto inner = db.prepare_cached("SELECT key, value FROM kv WHERE key >= ? ORDER BY key");
        inner->bind(1, outer->column_text(0));
        while (inner->step()) seen += outer->column_text(0) + inner->column_text(0) + " ";
    }
    CHECK(seen == "aa ab bb ");
}

TEST_CASE("a cached statement holds no read after use: another connection's write is seen") {
    test::TempDir dir;
    const auto path = (dir.path() / "kv.db").string();
    sqlite::Database reader(path);
    reader.exec("PRAGMA journal_mode = WAL; CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT); INSERT INTO kv VALUES ('a', 'old');");
    sqlite::Database writer(path);
    CHECK(value_of(reader, "a") == "old");  // stepped once, never to the end
    writer.exec("UPDATE kv SET value = 'new' WHERE key = 'a'");
    CHECK(value_of(reader, "a") == "new");
}
