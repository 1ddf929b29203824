// The kiosk's replica under injected I/O faults (issue 8). The fault VFS is SQLite's default in
// this test process, so it reaches the replica (the engine and the outbox) but not the real
// faltstod-server, which runs as its own process. A sync that hits a fault reports it in the
// engine's status and leaves the replica at its previous consistent cursor; the next sync with
// a healthy disk completes; a log saved in the outbox is never lost, and a log whose save failed
// is reported as not saved.
#include "kiosk_fixture.hpp"
#include "support/fault_vfs.hpp"

#include <doctest/doctest.h>

#include <set>

using faltstod::test::Deployment;
using faltstod::test::FaultVfs;
using faltstod::test::Kiosk;
using namespace faltstod;

namespace {

// Publishes a changed contact so the next sync has a page to apply.
void publish_change(Deployment& d, int round) {
    d.dir.write("bundle/contacts/skane.json", R"json({"county": "12", "contacts": [
  {"id": "contact/skane/socialtjanst-malmo", "kind": "socialtjanst", "name": "Malmö stad, socialtjänsten )json" +
                                                  std::to_string(round) + R"json(",
   "municipality": "Malmö", "phone": "040-34 10 00",
   "hours": {"weekly": [{"days": ["mon"], "open": "08:00", "close": "12:00"}], "public_holidays": "closed"}}
]})json");
    const auto published = d.cli("publish " + test::shell_quote(d.bundle.string()));
    INFO(published.output);
    REQUIRE(published.exit_code == 0);
}

std::string integrity(Kiosk& kiosk) {
    auto db = kiosk.db();
    auto check = db.prepare("PRAGMA integrity_check");
    check.step();
    return check.column_text(0);
}

std::int64_t cursor_of(Kiosk& kiosk) {
    auto db = kiosk.db();
    return sync::stored_cursor(db).value_or(-1);
}

// A server with the bundle published, a kiosk enrolled and synced once, and the fault VFS as
// SQLite's default from then on (it reaches the engine's connection, opened by that first sync).
struct SyncedKiosk {
    Deployment d;
    Kiosk kiosk;
    FaultVfs::Registration vfs;
    sync::SyncEngine engine;
    SyncedKiosk() : engine(enrolled(kiosk, d)) { REQUIRE_FALSE(engine.run_once()); }

    static sync::EngineSettings enrolled(Kiosk& kiosk, Deployment& d) {
        kiosk.enroll(d);
        return kiosk.settings;
    }
};

enum class Fault { Write, Sync };

// Sweeps the fault point over 1..points, one published change per round. Returns the number of
// syncs that failed.
int sweep(Fault fault, int points) {
    SyncedKiosk synced;
    auto& [d, kiosk, vfs, engine] = synced;
    int failed = 0;
    for (int nth = 1; nth <= points; ++nth) {
        CAPTURE(nth);
        publish_change(d, nth);
        // A log to deliver: settling the outbox after the push is a durable write (content
        // pages are committed without an fsync, replica_sync.cpp), so an fsync fault has
        // something to hit in every round.
        if (fault == Fault::Sync) kiosk.log();
        const auto before = cursor_of(kiosk);
        if (fault == Fault::Write) FaultVfs::arm_write_failure(nth);
        else FaultVfs::arm_sync_failure(nth);
        const auto error = engine.run_once();
        const int faults = FaultVfs::faults();
        FaultVfs::disarm();
        const auto status = engine.status();
        if (error) {
            ++failed;
            CHECK(faults > 0);  // only the injected fault may fail this sync
            CAPTURE(sync::to_log_text(status.last_error));
            CHECK(status.last_error.problem == error.problem);
            CHECK(status.phase == sync::SyncPhase::WaitingToRetry);
            CHECK(status.last_error.problem == sync::SyncProblem::DiskError);
            // The page was applied whole or not at all: the cursor is the previous one or the
            // new one, never in between, and the file is sound.
            const auto now = cursor_of(kiosk);
            CHECK((now == before || now > before));
        } else {
            CHECK_FALSE(status.last_error);
        }
        CHECK(integrity(kiosk) == "ok");
        // A healthy disk again: the next sync completes and the replica matches the server.
        const auto again = engine.run_once();
        REQUIRE_MESSAGE(!again, sync::to_log_text(again));
        test::check_converged(d, kiosk);
    }
    return failed;
}

}  // namespace

TEST_CASE("replica: a write that fails during a sync is reported, the replica stays consistent, and the next sync completes") {
    const int failed = sweep(Fault::Write, 30);
    MESSAGE("replica write faults: 30 points swept, " << failed << " syncs failed and recovered");
    CHECK(failed > 0);
}

TEST_CASE("replica: an fsync that fails during a sync is reported, the replica stays consistent, and the next sync completes") {
    const int failed = sweep(Fault::Sync, 10);
    MESSAGE("replica sync faults: 10 points swept, " << failed << " syncs failed and recovered");
    CHECK(failed > 0);
}

TEST_CASE("replica: saved logs are never lost when writes fail, and a log whose save failed is not saved") {
    SyncedKiosk synced;
    auto& [d, kiosk, vfs, engine] = synced;
    std::set<std::string> saved;
    int save_failures = 0, sync_failures = 0;
    for (int nth = 1; nth <= 16; ++nth) {
        CAPTURE(nth);
        saved.insert(kiosk.log());
        saved.insert(kiosk.log());
        // Saving while the disk fails: either the log is saved (and then counts) or the save
        // says so, and the log is not in the outbox.
        FaultVfs::arm_write_failure(nth % 4 + 1);
        try {
            saved.insert(kiosk.log());
        } catch (const sqlite::SqliteError& e) {
            ++save_failures;
            CHECK((e.code() & 0xff) == SQLITE_IOERR);
        }
        // Delivering while the disk fails: the push may be acknowledged and the outbox not
        // updated; the records then go again and the server answers "duplicate".
        FaultVfs::arm_write_failure(nth);
        if (engine.run_once()) ++sync_failures;
        FaultVfs::disarm();
        CHECK(integrity(kiosk) == "ok");
        auto db = kiosk.db();
        CHECK(sync::outbox_size(db) + test::server_count(d, "SELECT count(*) FROM consultations") >= static_cast<int>(saved.size()));
    }
    REQUIRE_FALSE(engine.run_once());
    CHECK(engine.status().outbox_size == 0);
    CHECK(engine.status().quarantined == 0);
    // Exactly the saved logs reached the server, each once.
    sqlite::Database server_db(d.db, sqlite::Database::Mode::ReadOnly);
    std::set<std::string> on_server;
    auto rows = server_db.prepare("SELECT id FROM consultations");
    while (rows.step()) on_server.insert(rows.column_text(0));
    CHECK(on_server == saved);
    MESSAGE("outbox: 16 rounds, " << saved.size() << " logs saved and all delivered once, " << save_failures
                                  << " saves refused, " << sync_failures << " syncs failed");
    CHECK(save_failures > 0);
    CHECK(sync_failures > 0);
}

TEST_CASE("replica: a full disk is reported as such, the replica stays consistent, and sync resumes when space returns") {
    SyncedKiosk synced;
    auto& [d, kiosk, vfs, engine] = synced;
    int full = 0;
    for (int round = 1; round <= 6; ++round) {
        CAPTURE(round);
        publish_change(d, round);
        kiosk.log();
        const auto before = cursor_of(kiosk);
        FaultVfs::arm_disk_full(round == 1 ? 0 : 2048 * round);
        const auto error = engine.run_once();
        const int faults = FaultVfs::faults();
        FaultVfs::disarm();
        if (error) {
            ++full;
            CHECK(faults > 0);
            CAPTURE(sync::to_log_text(error));
            CHECK(error.problem == sync::SyncProblem::DiskFull);
            CHECK(engine.status().last_error.problem == error.problem);
            CHECK(cursor_of(kiosk) >= before);
        }
        CHECK(integrity(kiosk) == "ok");
        const auto again = engine.run_once();
        REQUIRE_MESSAGE(!again, sync::to_log_text(again));
        CHECK(engine.status().outbox_size == 0);
        test::check_converged(d, kiosk);
    }
    MESSAGE("replica disk full: 6 budgets, " << full << " syncs stopped by a full disk and resumed");
    CHECK(full > 0);
}

TEST_CASE("replica: a sync with nothing new whose only write fails reports it and does not throw") {
    // With nothing to push or pull (the server answers 304), the one write of a sync is the time
    // of its success. That write failing used to escape run_once() as an exception, which would
    // have ended the engine's thread and the kiosk with it.
    SyncedKiosk synced;
    auto& [d, kiosk, vfs, engine] = synced;
    for (const bool full : {false, true}) {
        CAPTURE(full);
        // The time is kept in whole seconds, and SQLite skips writing a value that did not change.
        std::this_thread::sleep_for(std::chrono::milliseconds(1100));
        if (full) FaultVfs::arm_disk_full(0);
        else FaultVfs::arm_write_failure(1, true);
        sync::SyncError error;
        CHECK_NOTHROW(error = engine.run_once());
        const int faults = FaultVfs::faults();
        const int writes = FaultVfs::writes();
        FaultVfs::disarm();
        CAPTURE(writes);
        CAPTURE(sync::to_log_text(engine.status().last_error));
        CHECK(faults > 0);
        REQUIRE(error);
        CAPTURE(sync::to_log_text(error));
        CHECK(error.problem == (full ? sync::SyncProblem::DiskFull : sync::SyncProblem::DiskError));
        CHECK(engine.status().phase == sync::SyncPhase::WaitingToRetry);
        CHECK(integrity(kiosk) == "ok");
        REQUIRE_FALSE(engine.run_once());
    }
}

TEST_CASE("replica: a change page is committed without waiting for the disk, and a consultation log waits for it") {
    // Content can be fetched again (its cursor rolls back with it), a log cannot: only the
    // log's commit may pay for an fsync. Counted by the fault VFS, which sees every xSync.
    Deployment d;
    Kiosk kiosk;
    kiosk.enroll(d);
    {
        sync::SyncEngine engine(kiosk.settings);
        REQUIRE_FALSE(engine.run_once());
    }
    const auto credentials = sync::load_credentials(kiosk.settings.credentials_path);
    REQUIRE(credentials);
    sync::ServerConnection connection({credentials->server_url, credentials->token, false, ""}, kiosk.settings.connection);
    FaultVfs::Registration vfs;
    auto db = kiosk.db();
    auto next_page = [&](int round) {
        publish_change(d, round);
        const auto answer = connection.changes(*sync::stored_cursor(db), 500, "");
        REQUIRE_FALSE(answer.error);
        return answer.body;
    };
    // The first write after the WAL was emptied writes and syncs the WAL's header once,
    // whatever the setting; the page after it shows what a commit of content costs. The same
    // for the replica's local file, whose first write here would otherwise be the time of
    // success below (only when the second changed since the last sync).
    sync::apply_change_page(db, next_page(1));
    sync::set_sync_state(db, sync::kLastSuccessKey, "0");
    const auto body = next_page(2);
    FaultVfs::disarm();  // counting from here
    const auto page = sync::apply_change_page(db, body);
    CHECK(page.rows >= 1);
    CHECK(FaultVfs::writes() > 0);
    CHECK(FaultVfs::syncs() == 0);
    auto mode = db.prepare("PRAGMA synchronous");
    REQUIRE(mode.step());
    CHECK(mode.column_int(0) == 2);  // FULL again for whatever the connection writes next

    // A whole sync of a changed page with no log to deliver, the time of success included.
    sync::SyncEngine engine(kiosk.settings);
    publish_change(d, 3);
    FaultVfs::disarm();
    REQUIRE_FALSE(engine.run_once());
    CHECK(FaultVfs::writes() > 0);
    CHECK(FaultVfs::syncs() == 0);

    FaultVfs::disarm();
    kiosk.log();
    CHECK(FaultVfs::syncs() >= 1);
}

TEST_CASE("replica: a sync never checkpoints inside its commit, and the engine checkpoints after it") {
    // SQLite checkpoints on the commit that takes the write-ahead log past 1,000 pages, which
    // made some syncs two to three times slower. The engine's connection leaves that to
    // SyncEngine::checkpoint(), which its thread runs after each sync.
    SyncedKiosk synced;
    auto& [d, kiosk, vfs, engine] = synced;
    engine.checkpoint();
    // The first commit after a checkpoint starts the log over and syncs its header once
    // (SQLite does that whatever the setting); get it out of the way, for both files of the
    // replica: the local file's log restarts at the first write of the time of success, which
    // a sync in the same second as the last one leaves as it is.
    {
        auto db = kiosk.db();
        sync::set_sync_state(db, sync::kLastSuccessKey, "0");
    }
    publish_change(d, 1);
    REQUIRE_FALSE(engine.run_once());

    // About 6 MB of new contacts: well past 1,000 pages of 4 KiB.
    std::string contacts;
    const std::string long_text(1800, 'a');
    for (int i = 0; i < 3000; ++i) {
        if (!contacts.empty()) contacts += ",\n";
        contacts += R"({"id": "contact/skane/stor-)" + std::to_string(i) + R"(", "kind": "socialtjanst", "name": "Kontor )" +
                    std::to_string(i) + R"(", "municipality": "Malmö", "phone": "040-34 10 00", "description": {"sv": ")" +
                    long_text + R"(", "en": "x"}, "hours": {"weekly": [{"days": ["mon"], "open": "08:00", "close": "12:00"}], )" +
                    R"("public_holidays": "closed"}})";
    }
    d.dir.write("bundle/contacts/skane.json", R"({"county": "12", "contacts": [)" + contacts + "]}");
    const auto published = d.cli("publish " + test::shell_quote(d.bundle.string()));
    INFO(published.output);
    REQUIRE(published.exit_code == 0);

    FaultVfs::disarm();  // counting from here
    REQUIRE_FALSE(engine.run_once());
    CHECK(FaultVfs::writes() > 2000);
    CHECK(FaultVfs::syncs() == 0);  // no checkpoint, and no fsync for content
    FaultVfs::disarm();
    engine.checkpoint();
    CHECK(FaultVfs::syncs() >= 1);  // the checkpoint syncs the log and the file
    CHECK(integrity(kiosk) == "ok");
    test::check_converged(d, kiosk);
}
