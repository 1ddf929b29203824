// The replica's two files (issue 21): content in replica.db, the device's own state in
// replica-local.db attached as "local". The move of an older replica's local state (migration
// 7) loses nothing and doubles nothing whenever it is interrupted — between its two commits, at
// a failing write or fsync at each step, or by kill -9 — and a content reset never touches the
// local file.
#include "bundle_loader.hpp"
#include "content_rows.hpp"
#include "content_store.hpp"
#include "replica_schema.hpp"
#include "replica_sync.hpp"
#include "support/fault_vfs.hpp"
#include "support/sample_bundle.hpp"
#include "support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>

using namespace faltstod;
using faltstod::test::FaultVfs;
using faltstod::test::TempDir;
using nlohmann::json;

namespace {

std::int64_t count(sqlite::Database& db, const std::string& sql) {
    auto stmt = db.prepare(sql);
    REQUIRE(stmt.step());
    return stmt.column_int(0);
}

// The rows `sql` returns, one line each, columns separated by '|' (NULL as "∅").
std::string rows_of(sqlite::Database& db, const std::string& sql) {
    auto stmt = db.prepare(sql);
    std::string rows;
    while (stmt.step()) {
        for (int i = 0; i < stmt.column_count(); ++i)
            rows += (i ? "|" : "") + (stmt.column_is_null(i) ? std::string("∅") : stmt.column_text(i));
        rows += "\n";
    }
    return rows;
}

content::GuidanceArticle article(const std::string& id, const std::string& title) {
    content::GuidanceArticle a;
    a.id = id;
    a.language = "sv";
    a.title = title;
    a.updated = "2026-10-01";
    a.body_markdown = a.body_text = "Texten om " + title + ".";
    return a;
}

// What a version 6 replica holds that is the device's own, as text in a stable order, read
// with the version 6 names (unqualified) or the local file's (`local.`).
struct LocalRows {
    std::string outbox, favourites, device_state;
    bool operator==(const LocalRows&) const = default;
};

LocalRows local_rows_v6(sqlite::Database& db) {
    return {rows_of(db, "SELECT id, kind, payload, created_at, attempts, last_error, quarantined_reason FROM main.outbox ORDER BY id"),
            rows_of(db, "SELECT guidance_id, added_at FROM main.favourites ORDER BY guidance_id"),
            rows_of(db, "SELECT key, value FROM main.sync_state WHERE key <> 'cursor' ORDER BY key")};
}

LocalRows local_rows(sqlite::Database& db) {
    return {rows_of(db, "SELECT id, kind, payload, created_at, attempts, last_error, quarantined_reason FROM local.outbox ORDER BY id"),
            rows_of(db, "SELECT guidance_id, added_at FROM local.favourites ORDER BY guidance_id"),
            rows_of(db, "SELECT key, value FROM local.device_state ORDER BY key")};
}

// A replica at schema version 6 (one file) with `logs` outbox records (every seventh
// quarantined, every third with an error), two favourites, a cursor, the time of the last
// sync and a few articles. Returns what its local state reads as.
LocalRows make_v6_replica(const std::string& path, int logs) {
    sqlite::Database db(path);
    db.exec("PRAGMA journal_mode = WAL");
    replica::migrate(db, 6);
    sqlite::Transaction tx(db);
    replica::upsert_guidance(db, article("guidance/barnaktenskap", "Barnäktenskap"));
    replica::upsert_guidance(db, article("guidance/skyddad-identitet", "Skyddade personuppgifter"));
    auto insert = db.prepare(
        "INSERT INTO outbox (id, kind, payload, created_at, attempts, last_error, quarantined_reason) VALUES (?, 'consultation', ?, ?, ?, ?, ?)");
    const std::string padding(400, 'x');  // a log's size, so a big outbox takes a while to move
    for (int i = 0; i < logs; ++i) {
        char id[40];
        std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", i);
        insert.bind(1, std::string(id))
            .bind(2, json{{"county", "05"}, {"n", i}, {"note", padding}}.dump())
            .bind(3, "2026-11-" + std::to_string(10 + i % 18) + "T08:00:00Z")
            .bind(4, i % 3);
        if (i % 3 == 1) insert.bind(5, "the server could not be reached");
        else insert.bind_null(5);
        if (i % 7 == 6) insert.bind(6, "Inget sådant län: 99");
        else insert.bind_null(6);
        insert.run();
        insert.reset();
    }
    db.exec("INSERT INTO favourites VALUES ('guidance/barnaktenskap', '2026-11-01T09:00:00Z'), "
            "('guidance/skyddad-identitet', '2026-11-02T09:00:00Z')");
    db.exec("INSERT INTO sync_state VALUES ('cursor', '57'), ('last_success_epoch', '1764578100')");
    tx.commit();
    return local_rows_v6(db);
}

// Opens the replica with today's code (finishing whatever migration was cut) and checks that
// the local state is `expected`, exactly once, in the local file; the content in the content file.
void check_moved_whole(const std::string& path, const LocalRows& expected) {
    auto db = replica::open_replica(path);
    CHECK(db.user_version() == replica::latest_schema_version());
    CHECK(db.user_version("local") == replica::latest_local_schema_version());
    CHECK(rows_of(db, "PRAGMA integrity_check") == "ok\n");
    CHECK(local_rows(db) == expected);
    CHECK(count(db, "SELECT count(*) FROM main.sqlite_schema WHERE name IN ('outbox', 'favourites')") == 0);
    CHECK(rows_of(db, "SELECT key, value FROM main.sync_state") == "cursor|57\n");
    CHECK(replica::count_content(db).guidance == 2);
}

mode_t mode_of(const std::string& file) {
    struct stat info {};
    REQUIRE_MESSAGE(::stat(file.c_str(), &info) == 0, file);
    return info.st_mode & 0777;
}

}  // namespace

TEST_CASE("the local file sits beside the content file") {
    CHECK(replica::local_state_path("/var/lib/faltstod/replica.db") == "/var/lib/faltstod/replica-local.db");
    CHECK(replica::local_state_path("kiosk.sqlite") == "kiosk-local.sqlite");
    CHECK(replica::local_state_path("/tmp/replica") == "/tmp/replica-local");
    CHECK(replica::local_state_path(":memory:") == ":memory:");
}

TEST_CASE("a new replica is two files: content in replica.db, the device's own state in replica-local.db") {
    TempDir dir;
    const auto path = (dir.path() / "replica.db").string();
    auto db = replica::open_replica(path);
    CHECK(std::filesystem::exists(dir.path() / "replica-local.db"));
    CHECK(rows_of(db, "PRAGMA main.journal_mode") == "wal\n");
    CHECK(rows_of(db, "PRAGMA local.journal_mode") == "wal\n");
    CHECK(rows_of(db, "PRAGMA local.synchronous") == "2\n");  // FULL: logs exist nowhere else
    CHECK(rows_of(db, "PRAGMA local.secure_delete") == "1\n");
    CHECK(rows_of(db, "SELECT name FROM local.sqlite_schema WHERE type = 'table' ORDER BY name") ==
          "device_state\nfavourites\noutbox\n");
    CHECK(count(db, "SELECT count(*) FROM main.sqlite_schema WHERE name IN ('outbox', 'favourites', 'device_state')") == 0);

    // The cursor belongs to the content and goes to the content file; the rest to the local one.
    sync::set_sync_state(db, sync::kCursorKey, "12");
    sync::set_sync_state(db, sync::kLastSuccessKey, "1764578100");
    CHECK(rows_of(db, "SELECT key, value FROM main.sync_state") == "cursor|12\n");
    CHECK(rows_of(db, "SELECT key, value FROM local.device_state") == "last_success_epoch|1764578100\n");
    CHECK(sync::stored_cursor(db) == 12);
    CHECK(sync::sync_state(db, sync::kLastSuccessKey) == "1764578100");
}

TEST_CASE("both files of the replica, their write-ahead logs and shared memory are 0600 whatever the umask") {
    TempDir dir;
    const auto path = (dir.path() / "data" / "replica.db").string();
    const auto local = replica::local_state_path(path);
    const mode_t old_umask = ::umask(0);
    {
        auto db = replica::open_replica(path);
        db.exec("INSERT INTO local.favourites VALUES ('guidance/x', '2026-12-01'); INSERT INTO topics VALUES ('t', 'T', 'T')");
        for (const auto& file : {path, local})
            for (const char* suffix : {"", "-wal", "-shm"}) CHECK_MESSAGE(mode_of(file + suffix) == 0600, file << suffix);
    }
    // A local file left readable (by hand, a copy, an older tool) is made private at the next open.
    ::chmod(local.c_str(), 0644);
    { auto db = replica::open_replica(path); }
    CHECK(mode_of(local) == 0600);
    ::umask(old_umask);
}

TEST_CASE("a content reset from a snapshot never touches the local file") {
    TempDir dir;
    const auto path = (dir.path() / "replica.db").string();
    const auto local = replica::local_state_path(path);
    test::write_sample_bundle(dir);
    const auto loaded = content::load_bundle(dir.path());
    REQUIRE(loaded.ok());
    json rows = json::array();
    for (const auto& row : protocol::rows_from_bundle(loaded.bundle))
        rows.push_back({{"table", row.table}, {"key", row.key}, {"data", row.data}});
    const auto snapshot = dir.write("snapshot.json", json{{"cursor", 99}, {"count", rows.size()}, {"rows", rows}}.dump());
    LocalRows before;
    {
        auto db = replica::open_replica(path);
        replica::replace_all_content(db, loaded.bundle);
        sync::set_sync_state(db, sync::kCursorKey, "5");
        sync::set_sync_state(db, sync::kLastSuccessKey, "1764578100");
        db.exec("INSERT INTO local.favourites VALUES ('guidance/barnaktenskap', '2026-11-01T09:00:00Z')");
        db.exec("INSERT INTO local.outbox (id, kind, payload, created_at) VALUES ('u1', 'consultation', '{}', '2026-11-22'), "
                "('u2', 'consultation', '{}', '2026-11-23')");
        db.exec("UPDATE local.outbox SET quarantined_reason = 'refused' WHERE id = 'u2'");
        before = local_rows(db);
    }  // the last connection closed: the local file holds all of it, its WAL is gone
    const auto local_bytes = test::read_file(local);
    REQUIRE_FALSE(local_bytes.empty());
    {
        auto db = replica::open_replica(path);
        CHECK(sync::apply_snapshot_file(db, snapshot) == static_cast<std::int64_t>(rows.size()));
        CHECK(sync::stored_cursor(db) == 99);
        CHECK(local_rows(db) == before);
        CHECK(count(db, "SELECT count(*) FROM local.outbox") == 2);
    }
    CHECK(test::read_file(local) == local_bytes);  // not one byte of the local file changed
}

TEST_CASE("a version 6 replica's local state moves to the local file, exactly once") {
    TempDir dir;
    const auto path = (dir.path() / "replica.db").string();
    const auto expected = make_v6_replica(path, 30);
    CHECK(expected.outbox.find("Inget sådant län") != std::string::npos);
    check_moved_whole(path, expected);
    check_moved_whole(path, expected);  // opened again: nothing moves twice
}

TEST_CASE("a crash between the move's two commits loses nothing and doubles nothing") {
    // The rows are committed in the local file; the content file still has them, at version 6.
    TempDir dir;
    const auto path = (dir.path() / "replica.db").string();
    const auto expected = make_v6_replica(path, 30);
    {
        sqlite::Database db(path);
        db.prepare("ATTACH DATABASE ? AS local").bind(1, replica::local_state_path(path)).run();
        sqlite::apply_migrations(db, replica::local_migrations(), replica::latest_local_schema_version(), "local", "local");
        sqlite::Transaction copy(db);
        db.exec(replica::migrations().at(6).before_sql);
        copy.commit();
        REQUIRE(db.user_version() == 6);
        REQUIRE(local_rows(db) == expected);
    }
    check_moved_whole(path, expected);
}

TEST_CASE("a write or an fsync that fails at any step of the move loses nothing and doubles nothing") {
    TempDir dir;
    const auto model = (dir.path() / "model.db").string();
    const auto expected = make_v6_replica(model, 12);
    const auto path = (dir.path() / "replica.db").string();
    for (const bool fsync : {false, true}) {
        int cut = 0;
        for (int nth = 1; nth < 500; ++nth) {
            CAPTURE(fsync);
            CAPTURE(nth);
            for (const char* suffix : {"", "-wal", "-shm"}) {
                std::filesystem::remove(path + suffix);
                std::filesystem::remove(replica::local_state_path(path) + suffix);
            }
            std::filesystem::copy_file(model, path);
            FaultVfs::Registration vfs;
            if (fsync) FaultVfs::arm_sync_failure(nth, true);
            else FaultVfs::arm_write_failure(nth, true);
            try {
                auto db = replica::open_replica(path);
            } catch (const sqlite::SqliteError&) {
                // The disk failed: the kiosk reports it and the next start tries again.
            }
            const bool faulted = FaultVfs::faults() > 0;
            FaultVfs::disarm();  // the disk works again
            check_moved_whole(path, expected);
            if (!faulted) break;  // the nth never came: every step has failed once
            ++cut;
        }
        MESSAGE((fsync ? "fsyncs" : "writes") << ": the move failed at each of " << cut << " steps, and recovered");
        CHECK(cut >= 3);
    }
}

TEST_CASE("kill -9 at moments spread over the move loses nothing and doubles nothing") {
    TempDir dir;
    const auto model = (dir.path() / "model.db").string();
    const auto expected = make_v6_replica(model, 4000);
    const auto path = (dir.path() / "replica.db").string();
    const auto fresh_copy = [&] {
        for (const auto& file : {path, replica::local_state_path(path)})
            for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file + suffix);
        std::filesystem::copy_file(model, path);
    };
    // One move uninterrupted, in a child as the others, to know how long it takes here.
    const auto run_child = [&](std::chrono::microseconds kill_after) {
        const pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            try {
                auto db = replica::open_replica(path);
            } catch (...) {
                ::_exit(2);
            }
            ::_exit(0);
        }
        if (kill_after.count() >= 0) {
            std::this_thread::sleep_for(kill_after);
            ::kill(pid, SIGKILL);
        }
        int status = 0;
        ::waitpid(pid, &status, 0);
        return status;
    };
    fresh_copy();
    const auto started = std::chrono::steady_clock::now();
    REQUIRE(run_child(std::chrono::microseconds(-1)) == 0);
    const auto took = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
    check_moved_whole(path, expected);

    constexpr int kRounds = 40;
    int cut_midway = 0;
    for (int round = 0; round < kRounds; ++round) {
        CAPTURE(round);
        fresh_copy();
        const auto status = run_child(took * round / kRounds);
        if (WIFSIGNALED(status)) {
            // Killed before it finished: where did it stop?
            sqlite::Database db(path);
            if (db.user_version() < replica::latest_schema_version()) ++cut_midway;
        }
        check_moved_whole(path, expected);
    }
    MESSAGE("a move of 4,000 logs took " << took.count() / 1000 << " ms; " << cut_midway << " of " << kRounds
                                         << " kills landed before it finished");
    CHECK(cut_midway >= 5);
}
