// The replica's schema: created whole, migrated forward from every earlier version without
// losing data, and never opened by an older program than the one that wrote it.
#include "content_store.hpp"
#include "replica_queries.hpp"
#include "replica_schema.hpp"
#include "schema_migrations.hpp"
#include "support/sample_bundle.hpp"

#include <doctest/doctest.h>

#include <sys/stat.h>

using namespace faltstod;
using faltstod::test::TempDir;

namespace {

std::string pragma_text(sqlite::Database& db, const char* pragma) {
    auto stmt = db.prepare(std::string("PRAGMA ") + pragma);
    REQUIRE(stmt.step());
    return stmt.column_text(0);
}

bool table_exists(sqlite::Database& db, const std::string& name) {
    auto stmt = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = ?");
    stmt.bind(1, name);
    return stmt.step();
}

content::GuidanceArticle article(const std::string& id, const std::string& title, const std::string& body) {
    content::GuidanceArticle a;
    a.id = id;
    a.language = "sv";
    a.title = title;
    a.updated = "2026-10-01";
    a.body_markdown = body;
    a.body_text = body;
    return a;
}

}  // namespace

TEST_CASE("a new replica has the latest schema, WAL and foreign keys") {
    TempDir dir;
    auto db = replica::open_replica((dir.path() / "sub" / "replica.db").string());
    CHECK(db.user_version() == replica::latest_schema_version());
    CHECK(pragma_text(db, "journal_mode") == "wal");
    CHECK(pragma_text(db, "foreign_keys") == "1");
    for (const char* table : {"guidance", "guidance_fts", "contacts", "support_lines", "opening_hours", "opening_ranges",
                              "opening_exceptions", "checklists", "checklist_items", "events", "sync_state"})
        CHECK_MESSAGE(table_exists(db, table), table);
    // The device's own tables are in the local file (replica_split_test.cpp), not here.
    for (const char* table : {"favourites", "outbox"}) CHECK_MESSAGE(!table_exists(db, table), table);
    CHECK(std::filesystem::status(dir.path() / "sub").permissions() == std::filesystem::perms::owner_all);
}

TEST_CASE("migrations are numbered 1..N without gaps") {
    const auto& all = replica::migrations();
    for (std::size_t i = 0; i < all.size(); ++i) CHECK(all[i].version == static_cast<int>(i) + 1);
}

TEST_CASE("every earlier version migrates to the latest and keeps its data") {
    for (int from = 0; from < replica::latest_schema_version(); ++from) {
        CAPTURE(from);
        TempDir dir;
        const auto path = (dir.path() / "replica.db").string();
        {
            sqlite::Database db(path);
            if (from >= 7) {  // version 7 moved the device's own state to the local file: it is there
                db.prepare("ATTACH DATABASE ? AS local").bind(1, replica::local_state_path(path)).run();
                sqlite::apply_migrations(db, replica::local_migrations(), replica::latest_local_schema_version(), "the local file", "local");
            }
            replica::migrate(db, from);
            REQUIRE(db.user_version() == from);
            if (from >= 1) replica::upsert_guidance(db, article("guidance/gammal", "Säkerhetsplanering", "Skrevs före uppgraderingen."));
        }
        auto db = replica::open_replica(path);
        CHECK(db.user_version() == replica::latest_schema_version());
        if (from >= 1) {
            // The article written under the old schema is searchable after the upgrade.
            const auto hits = replica::search_guidance(db, "sakerhet", "sv");
            REQUIRE(hits.size() == 1);
            CHECK(hits[0].id == "guidance/gammal");
        }
        db.prepare("INSERT INTO outbox (id, kind, payload, created_at) VALUES ('u1', 'consultation', '{}', '2026-11-22')").run();
        CHECK(replica::count_content(db).guidance == (from >= 1 ? 1 : 0));
    }
}

TEST_CASE("opening a replica written by a newer version fails clearly and changes nothing") {
    TempDir dir;
    const auto path = (dir.path() / "replica.db").string();
    {
        sqlite::Database db(path);
        db.set_user_version(99);
    }
    CHECK_THROWS_WITH_AS(replica::open_replica(path), doctest::Contains("newer than this Fältstöd understands"),
                         sqlite::SchemaTooNew);
    sqlite::Database db(path);
    CHECK(db.user_version() == 99);
}

TEST_CASE("a failed migration leaves the previous version intact") {
    TempDir dir;
    const auto path = (dir.path() / "replica.db").string();
    sqlite::Database db(path);
    replica::migrate(db, 1);
    db.exec("CREATE TABLE favourites (x)");  // collides with what version 3 creates
    CHECK_THROWS_AS(replica::migrate(db), sqlite::SqliteError);
    CHECK(db.user_version() == 2);  // version 2 committed, version 3 rolled back whole
    CHECK_FALSE(table_exists(db, "outbox"));
}

TEST_CASE("constraints reject malformed rows") {
    TempDir dir;
    auto db = replica::open_replica((dir.path() / "replica.db").string());
    CHECK_THROWS_AS(db.exec("INSERT INTO outbox (id, kind, payload, created_at) VALUES ('a', 'consultation', 'not json', 'x')"),
                    sqlite::SqliteError);
    CHECK_THROWS_AS(db.exec("INSERT INTO outbox (id, kind, payload, created_at) VALUES ('a', 'personal-data', '{}', 'x')"),
                    sqlite::SqliteError);
    CHECK_THROWS_AS(db.exec("INSERT INTO opening_ranges (owner_id, weekday, opens, closes) VALUES ('nobody', 1, 0, 60)"),
                    sqlite::SqliteError);
}

TEST_CASE("the replica, its write-ahead log and shared memory are readable by this user only, whatever the umask") {
    // It holds unsent consultation logs. Before, with umask 000 the file was created 0666.
    faltstod::test::TempDir dir;
    const auto path = dir.path() / "data" / "replica.db";
    const mode_t old_umask = ::umask(0);
    {
        auto db = faltstod::replica::open_replica(path.string());
        db.exec("CREATE TABLE IF NOT EXISTS probe (x); INSERT INTO probe VALUES (1)");
        for (const char* suffix : {"", "-wal", "-shm"}) {
            CAPTURE(suffix);
            struct stat info {};
            REQUIRE(::stat((path.string() + suffix).c_str(), &info) == 0);
            CHECK((info.st_mode & 0777) == 0600);
        }
    }
    // A file left readable by an older version is made private at the next open.
    ::chmod(path.c_str(), 0644);
    { auto db = faltstod::replica::open_replica(path.string()); }
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    ::umask(old_umask);
}
