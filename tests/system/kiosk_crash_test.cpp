// The kiosk process as it really fails: `faltstod sync --once` killed with SIGKILL at random
// moments of a sync, over and over, while logs are written and content changes. After every
// kill the replica passes PRAGMA integrity_check; in the end every log has arrived exactly
// once and the replica has converged. Also: a wrong client clock changes nothing.
#include "integration/kiosk_fixture.hpp"
#include "support/log_dates.hpp"

#include <doctest/doctest.h>

#include <random>
#include <set>
#include <spawn.h>

using namespace faltstod;
using faltstod::test::Deployment;
using faltstod::test::Kiosk;

namespace {

// Starts `faltstod --db … sync --once`, kills it after `delay`, and reaps it. True when the
// kill interrupted the sync (the process had not finished by itself).
bool sync_and_kill(const Kiosk& kiosk, std::chrono::microseconds delay) {
    const std::string binary = FALTSTOD_APP_BIN, db = kiosk.settings.replica_path.string();
    std::vector<std::string> args = {binary, "--db", db, "sync", "--once"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    REQUIRE(posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) == 0);
    posix_spawn_file_actions_destroy(&actions);
    std::this_thread::sleep_for(delay);
    ::kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFSIGNALED(status);
}

std::string integrity(const Kiosk& kiosk) {
    // Both files of the replica: without a schema, integrity_check checks every attached one.
    auto db = replica::open_replica(kiosk.settings.replica_path.string());
    auto check = db.prepare("PRAGMA integrity_check");
    REQUIRE(check.step());
    return check.column_text(0);
}

}  // namespace

// Issue 8 asks for at least 100 kills that land mid-way; 150 syncs give that with room to spare
// (a kill is counted only when the process was still running).
constexpr int kRounds = 150;
constexpr int kMinKills = 100;

TEST_CASE("kill -9 at random moments of 150 syncs: the replica stays intact and no log is lost or doubled") {
    Deployment d;
    Kiosk kiosk;  // its credentials sit beside the replica, where the faltstod program looks
    kiosk.enroll(d);
    // Kills are spread over the length of a real sync on this machine (a sanitizer build or a
    // busy CI runner is several times slower): an ordinary sync with the same amount of work,
    // timed after the first one (which also takes the snapshot).
    std::set<std::string> logged;
    const std::string sync_once = test::shell_quote(FALTSTOD_APP_BIN) + " --db " +
                                  test::shell_quote(kiosk.settings.replica_path.string()) + " sync --once";
    REQUIRE(test::run_command(sync_once).exit_code == 0);
    for (int i = 0; i < 15; ++i) logged.insert(kiosk.log());
    const auto started = std::chrono::steady_clock::now();
    REQUIRE(test::run_command(sync_once).exit_code == 0);
    const auto sync_us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count();
    std::mt19937 random(4711);
    std::uniform_int_distribution<long long> delay_us(0, sync_us);
    int kills = 0;
    for (int round = 0; round < kRounds; ++round) {
        CAPTURE(round);
        for (int i = 0; i < 15; ++i) logged.insert(kiosk.log());
        if (round % 10 == 4) {
            // Content changes on the server, so some kills land while pages are applied.
            d.dir.write("bundle/events.json", R"({"events": [{"id": "event/konferens", "title": {"sv": "Konferens )" +
                                                  std::to_string(round) + R"("}, "kind": "konferens", "starts": "2024-01-24",
   "ends": "2024-01-25", "location": "Linköping", "organiser": "NCH", "description": {"sv": "Text"}}]})");
            REQUIRE(d.cli("publish " + test::shell_quote(d.bundle.string())).exit_code == 0);
        }
        if (round % 7 == 2) {
            // Forget the cursor, as a first start would: the next sync takes the snapshot.
            auto db = kiosk.db();
            db.exec("DELETE FROM sync_state WHERE key = 'cursor'");
        }
        if (sync_and_kill(kiosk, std::chrono::microseconds(delay_us(random)))) ++kills;
        REQUIRE(integrity(kiosk) == "ok");
    }
    const int before_final = test::server_count(d, "SELECT count(*) FROM consultations");
    MESSAGE(kills << " of " << kRounds << " syncs were killed mid-way (a full sync took " << sync_us / 1000 << " ms); " << before_final
                  << " of " << logged.size() << " logs had arrived before the undisturbed syncs");
    CHECK(kills >= kMinKills);
    CHECK(before_final > 15);  // kills also landed after pushes had committed

    // Undisturbed syncs finish the job.
    for (int i = 0; i < 3; ++i) test::run_command(test::shell_quote(FALTSTOD_APP_BIN) + " --db " +
                                                  test::shell_quote(kiosk.settings.replica_path.string()) + " sync --once");
    sqlite::Database server_db(d.db);
    auto stored = server_db.prepare("SELECT id FROM consultations");
    std::set<std::string> arrived;
    while (stored.step()) arrived.insert(stored.column_text(0));
    CHECK(arrived.size() == logged.size());
    CHECK(arrived == logged);
    auto db = kiosk.db();
    CHECK(sync::outbox_size(db) == 0);
    test::check_converged(d, kiosk);
}

TEST_CASE("a client clock years off changes nothing about delivery or order") {
    if (FALTSTOD_SANITIZED) {
        // faketime works by preloading a library, which a sanitizer runtime refuses to follow.
        MESSAGE("not run in a sanitizer build");
        return;
    }
    if (test::run_command("command -v faketime").exit_code != 0) {
        FAIL("faketime is not installed (packaging/install-deps.sh installs it)");
    }
    Deployment d;
    Kiosk kiosk;
    kiosk.enroll(d);
    const std::string kiosk_cmd = test::shell_quote(FALTSTOD_APP_BIN) + " --db " + test::shell_quote(kiosk.settings.replica_path.string());
    const std::string log_args = " log --date " + faltstod::test::days_ago(10) + " --county 05 --profession polis --topics bortforande --age-band youth "
                                 "--channel phone --outcome report_made";
    // A log's date must lie in the last 13 months by the kiosk's own clock too (issue 18): a
    // kiosk whose clock is years off refuses today's date and says which dates it would take.
    const auto skewed = test::run_command("faketime -f '+5y' " + kiosk_cmd + " --lang en" + log_args);
    CHECK(skewed.exit_code == 1);
    CHECK(skewed.output.find("within the last 13 months") != std::string::npos);
    REQUIRE(test::run_command(kiosk_cmd + log_args).exit_code == 0);
    REQUIRE(test::run_command(kiosk_cmd + log_args).exit_code == 0);
    // Delivered by a kiosk whose clock is ten years behind: the server stamps with its own.
    auto synced = test::run_command("faketime -f '-10y' " + kiosk_cmd + " sync --once");
    INFO(synced.output);
    CHECK(synced.exit_code == 0);
    CHECK(test::server_count(d, "SELECT count(*) FROM consultations") == 2);
    // The server stamps and orders with its own clock.
    sqlite::Database server_db(d.db);
    auto times = server_db.prepare("SELECT min(received_at), max(received_at) FROM consultations");
    times.step();
    const std::chrono::year_month_day today{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
    const std::string year = std::to_string(static_cast<int>(today.year()));
    CHECK(times.column_text(0).substr(0, 4) == year);
    CHECK(times.column_text(1).substr(0, 4) == year);

    // Content changes published after that still reach the skewed device.
    std::filesystem::remove(d.bundle / "guidance" / "en" / "barnaktenskap.md");
    REQUIRE(d.cli("publish " + test::shell_quote(d.bundle.string())).exit_code == 0);
    CHECK(test::run_command("faketime -f '-10y' " + kiosk_cmd + " sync --once").exit_code == 0);
    test::check_converged(d, kiosk);
}
