// The kiosk's sync engine against the real faltstod-server binary: first sync by snapshot,
// changes and tombstones, outbox delivery exactly once, quarantine, revoke, wipe, reset, an
// unreachable server, and the background thread.
#include "kiosk_fixture.hpp"
#include "support/fault_proxy.hpp"

#include "content_store.hpp"
#include "outbox.hpp"
#include "replica_queries.hpp"
#include "support/log_dates.hpp"
#include "wipe_receipt.hpp"

#include <doctest/doctest.h>

#include <sys/stat.h>
#include <thread>

using faltstod::test::Deployment;
using faltstod::test::Kiosk;
using faltstod::test::check_converged;
using faltstod::test::server_count;
using namespace faltstod;
using nlohmann::json;

TEST_CASE("a fresh device enrolls, takes the snapshot and matches the server") {
    Deployment d;
    Kiosk kiosk;
    kiosk.enroll(d);
    struct stat info {};
    REQUIRE(stat(kiosk.settings.credentials_path.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);

    sync::SyncEngine engine(kiosk.settings);
    const auto error = engine.run_once();
    REQUIRE_MESSAGE(!error, sync::to_log_text(error));
    const auto status = engine.status();
    CHECK(status.phase == sync::SyncPhase::Idle);
    CHECK(status.last_success.has_value());
    CHECK_FALSE(status.stale);
    CHECK_FALSE(status.last_error);
    check_converged(d, kiosk);
    auto db = kiosk.db();
    CHECK(replica::count_content(db).guidance == 3);
    CHECK_FALSE(replica::search_guidance(db, "barnäktenskap", "sv").empty());
    // A field added after v1 (the contact's address) travels through publish, snapshot and replica.
    CHECK(replica::find_contacts(db, {std::nullopt, std::string("Malmö"), std::nullopt, std::nullopt}).at(0).address ==
          std::optional<std::string>("Testgatan 1, 211 00 Malmö"));
}

TEST_CASE("edits, removals and republishing reach the replica, tombstones included") {
    Deployment d;
    Kiosk kiosk;
    kiosk.enroll(d);
    sync::SyncEngine engine(kiosk.settings);
    REQUIRE_FALSE(engine.run_once());

    d.dir.write("bundle/contacts/skane.json", R"json({"county": "12", "contacts": [
  {"id": "contact/skane/socialtjanst-malmo", "kind": "socialtjanst", "name": "Malmö stad, socialtjänsten (nytt namn)",
   "municipality": "Malmö", "phone": "040-34 10 00",
   "hours": {"weekly": [{"days": ["mon", "tue"], "open": "08:00", "close": "12:00"}], "public_holidays": "closed"}}
]})json");
    std::filesystem::remove(d.bundle / "guidance" / "en" / "barnaktenskap.md");
    std::filesystem::remove(d.bundle / "checklists" / "fore-samtal.json");
    REQUIRE(d.cli("publish " + test::shell_quote(d.bundle.string())).exit_code == 0);

    REQUIRE_FALSE(engine.run_once());
    check_converged(d, kiosk);
    auto db = kiosk.db();
    CHECK(replica::find_guidance(db, "guidance/barnaktenskap", "en")->language == "sv");  // translation gone
    const auto malmo = replica::find_contacts(db, {std::nullopt, std::string("Malmö"), std::nullopt, std::nullopt});
    REQUIRE(malmo.size() == 1);
    CHECK(malmo[0].name == "Malmö stad, socialtjänsten (nytt namn)");
    CHECK(malmo[0].hours->weekly.size() == 2);
    CHECK(replica::count_content(db).checklists == 0);

    // Republishing the same bundle: an idle poll, nothing changes.
    REQUIRE(d.cli("publish " + test::shell_quote(d.bundle.string())).exit_code == 0);
    const auto before = sync::stored_cursor(db);
    REQUIRE_FALSE(engine.run_once());
    CHECK(sync::stored_cursor(db) == before);
}

TEST_CASE("the outbox is delivered exactly once and leaves only when acknowledged") {
    Deployment d;
    Kiosk kiosk;
    kiosk.enroll(d);
    for (int i = 0; i < 3; ++i) kiosk.log();
    sync::SyncEngine engine(kiosk.settings);
    REQUIRE_FALSE(engine.run_once());
    CHECK(engine.status().outbox_size == 0);
    CHECK(server_count(d, "SELECT count(*) FROM consultations") == 3);
    REQUIRE_FALSE(engine.run_once());
    CHECK(server_count(d, "SELECT count(*) FROM consultations") == 3);

    // A record the server already has (its acknowledgement was lost) is acknowledged as duplicate.
    const std::string id = kiosk.log();
    REQUIRE_FALSE(engine.run_once());
    {
        auto db = kiosk.db();
        db.prepare("INSERT INTO outbox (id, kind, payload, created_at) SELECT id, 'consultation', ?, '2026-11-21' FROM (SELECT ? AS id)")
            .bind(1, protocol::to_json(protocol::ConsultationRecord{faltstod::test::days_ago(9), "05", "socialtjanst", {"barnaktenskap"}, "child",
                                                                      "visit", "referred", ""})
                         .dump())
            .bind(2, id)
            .run();
    }
    REQUIRE_FALSE(engine.run_once());
    CHECK(engine.status().outbox_size == 0);
    CHECK(engine.status().quarantined == 0);
    CHECK(server_count(d, "SELECT count(*) FROM consultations") == 4);
}

TEST_CASE("rejected records are quarantined with the reason and never block the rest") {
    Deployment d;
    Kiosk kiosk;
    kiosk.enroll(d, "25");  // a Norrbotten laptop
    kiosk.log("25");
    kiosk.log("05");  // another county: the server rejects it
    kiosk.log("25");
    sync::SyncEngine engine(kiosk.settings);
    REQUIRE_FALSE(engine.run_once());
    const auto status = engine.status();
    CHECK(status.outbox_size == 0);
    CHECK(status.quarantined == 1);
    CHECK(server_count(d, "SELECT count(*) FROM consultations") == 2);
    auto db = kiosk.db();
    const auto rejected = sync::quarantined_records(db);
    REQUIRE(rejected.size() == 1);
    CHECK(rejected[0].reason.find("county") != std::string::npos);
    // A quarantined record is never sent again and never blocks later ones.
    kiosk.log("25");
    REQUIRE_FALSE(engine.run_once());
    CHECK(engine.status().quarantined == 1);
    CHECK(server_count(d, "SELECT count(*) FROM consultations") == 3);
}

TEST_CASE("an unreachable server keeps the outbox and reports the error — the next sync delivers") {
    Deployment d;
    Kiosk kiosk;
    kiosk.enroll(d);
    kiosk.log();
    d.server->stop();
    sync::SyncEngine engine(kiosk.settings);
    const auto error = engine.run_once();
    CHECK(error.kind == sync::SyncErrorKind::Network);
    auto status = engine.status();
    CHECK(status.phase == sync::SyncPhase::WaitingToRetry);
    CHECK(status.outbox_size == 1);
    CHECK(status.last_error.problem == sync::SyncProblem::CannotConnect);
    CHECK(status.stale);

    d.start();  // same database, a new port: point the device at it
    kiosk.point_at(d.server->port());
    REQUIRE_FALSE(engine.run_once());
    CHECK_FALSE(engine.status().last_error);
    CHECK(engine.status().outbox_size == 0);
}

TEST_CASE("a revoked device stops syncing and erases its unsent logs and token, and so does a wipe order") {
    Deployment d;
    for (const std::string order : {"revoke", "wipe"}) {
        CAPTURE(order);
        Kiosk kiosk;
        kiosk.enroll(d);
        sync::SyncEngine engine(kiosk.settings);
        REQUIRE_FALSE(engine.run_once());
        const auto device_id = sync::load_credentials(kiosk.settings.credentials_path)->device_id;
        kiosk.log();
        kiosk.log();
        REQUIRE(d.cli(order + " " + device_id).exit_code == 0);
        const auto error = engine.run_once();
        CHECK(error.kind == (order == "revoke" ? sync::SyncErrorKind::Revoked : sync::SyncErrorKind::Wipe));
        CHECK(engine.status().phase == (order == "revoke" ? sync::SyncPhase::Revoked : sync::SyncPhase::Wiped));
        CHECK(engine.status().last_error.problem == (order == "revoke" ? sync::SyncProblem::Revoked : sync::SyncProblem::Wiped));
        CHECK(engine.status().last_error.detail.find("2 local log(s) and the token erased") != std::string::npos);
        CHECK_FALSE(std::filesystem::exists(kiosk.settings.credentials_path));
        auto db = kiosk.db();
        CHECK(sync::outbox_size(db) + sync::quarantined_count(db) == 0);
        CHECK(replica::count_content(db).guidance == 3);  // guidance stays usable offline
        CHECK(server_count(d, "SELECT count(*) FROM consultations WHERE device_id = '" + device_id + "'") == 0);
        // A wipe is reported done at once, so the administrator sees it; nothing is left to send.
        CHECK_FALSE(std::filesystem::exists(sync::wipe_receipt_path(kiosk.settings.credentials_path)));
        const auto listing = d.cli("devices").output;
        CHECK((listing.find(device_id + "  reader  --  wiped at 20") != std::string::npos) == (order == "wipe"));
    }
}

TEST_CASE("a wipe report that could not be sent goes at the next sync attempt, or with the next enrollment") {
    Deployment d;
    for (const bool by_enrollment : {false, true}) {
        CAPTURE(by_enrollment);
        Kiosk kiosk;
        kiosk.enroll(d);
        const auto credentials = *sync::load_credentials(kiosk.settings.credentials_path);
        REQUIRE(d.cli("wipe " + credentials.device_id).exit_code == 0);
        // The laptop obeyed the order while the server could not be reached for the report.
        const auto receipt_file = sync::wipe_receipt_path(kiosk.settings.credentials_path);
        auto receipt = sync::make_wipe_receipt(credentials);
        receipt.server_url = "http://127.0.0.1:1";
        sync::save_wipe_receipt(receipt_file, receipt);
        sync::erase_credentials(kiosk.settings.credentials_path);
        sync::SyncEngine engine(kiosk.settings);
        CHECK(engine.run_once().problem == sync::SyncProblem::NotEnrolled);
        CHECK(std::filesystem::exists(receipt_file));  // kept until the server has it
        CHECK(d.cli("devices").output.find(credentials.device_id + "  reader  --  wipe ordered") != std::string::npos);

        receipt.server_url = credentials.server_url;
        sync::save_wipe_receipt(receipt_file, receipt);
        if (by_enrollment) kiosk.enroll(d);
        else engine.run_once();
        CHECK_FALSE(std::filesystem::exists(receipt_file));
        CHECK(d.cli("devices").output.find(credentials.device_id + "  reader  --  wiped at 20") != std::string::npos);
    }
}

TEST_CASE("a device behind the tombstone horizon resets from the snapshot without losing its outbox") {
    Deployment d;
    Kiosk kiosk;
    kiosk.enroll(d);
    sync::SyncEngine engine(kiosk.settings);
    REQUIRE_FALSE(engine.run_once());
    std::filesystem::remove(d.bundle / "events.json");
    d.dir.write("bundle/events.json", R"({"events": []})");
    REQUIRE(d.cli("publish " + test::shell_quote(d.bundle.string())).exit_code == 0);
    {
        sqlite::Database db(d.db);
        db.exec("UPDATE content_rows SET changed_at = '2000-01-01T00:00:00Z' WHERE deleted = 1");
    }
    REQUIRE(d.cli("compact --older-than-days 1").exit_code == 0);
    kiosk.log();
    REQUIRE_FALSE(engine.run_once());
    check_converged(d, kiosk);
    CHECK(server_count(d, "SELECT count(*) FROM consultations") == 1);
    auto db = kiosk.db();
    CHECK(replica::count_content(db).events == 0);
}

TEST_CASE("the background thread syncs on request and the UI's status never blocks") {
    Deployment d;
    Kiosk kiosk;
    kiosk.enroll(d);
    sync::SyncEngine engine(kiosk.settings);
    engine.start();
    CHECK(test::wait_for([&] { return engine.status().last_success.has_value(); }));
    kiosk.log();
    engine.sync_now();
    CHECK(test::wait_for([&] { return server_count(d, "SELECT count(*) FROM consultations") == 1; }));
    CHECK(test::wait_for([&] { return engine.status().outbox_size == 0; }));
    engine.stop();
}

TEST_CASE("faltstod enroll, sync --once and status on the command line") {
    Deployment d;
    test::TempDir dir;
    const std::string kiosk = test::shell_quote(FALTSTOD_APP_BIN) + " --db " + test::shell_quote((dir.path() / "replica.db").string());
    const std::string url = "http://127.0.0.1:" + std::to_string(d.server->port());
    auto enrolled = test::run_command(kiosk + " enroll --server " + url + " --code " + d.new_code("reader"));
    INFO(enrolled.output);
    REQUIRE(enrolled.exit_code == 0);
    auto logged = test::run_command(kiosk + " log --date " + faltstod::test::days_ago(10) + " --county 05 --profession skola --topics barnaktenskap,hrv "
                                            "--age-band youth --channel phone --outcome advice_given");
    CHECK(logged.exit_code == 0);
    auto synced = test::run_command(kiosk + " sync --once");
    CHECK(synced.exit_code == 0);
    CHECK(synced.output.find("Synkat: innehållsversion") != std::string::npos);
    CHECK(server_count(d, "SELECT count(*) FROM consultations") == 1);
    auto status = test::run_command(kiosk + " status");
    CHECK(status.output.find("3 artiklar") != std::string::npos);
    CHECK(status.output.find("Att skicka: 0 väntar") != std::string::npos);

    auto personal = test::run_command(kiosk + " log --date " + faltstod::test::days_ago(10) + " --county 05 --profession 'Anna Svensson' --topics x "
                                              "--age-band youth --channel phone --outcome other");
    CHECK(personal.exit_code == 1);
    CHECK(personal.output.find("Inte loggad") != std::string::npos);  // the kiosk's language: Swedish by default
    CHECK(personal.output.find("Anna Svensson") == std::string::npos);
    d.server->stop();
    auto offline = test::run_command(kiosk + " sync --once");
    CHECK(offline.exit_code == 1);
    CHECK(offline.output.find("Servern kunde inte nås") != std::string::npos);
    CHECK(offline.output.find("[cannot-connect]") != std::string::npos);
}

TEST_CASE("faltstod enroll works with a replica given as a bare file name in the current folder") {
    // --db replica.db puts the credentials at "device.json", whose parent path is empty; creating
    // that folder once failed with "cannot create directories: Invalid argument".
    Deployment d;
    test::TempDir dir;
    const std::string url = "http://127.0.0.1:" + std::to_string(d.server->port());
    auto enrolled = test::run_command("cd " + test::shell_quote(dir.path().string()) + " && " + test::shell_quote(FALTSTOD_APP_BIN) +
                                      " --db replica.db enroll --server " + url + " --code " + d.new_code("reader"));
    INFO(enrolled.output);
    CHECK(enrolled.exit_code == 0);
    CHECK(std::filesystem::exists(dir.path() / "device.json"));
}

TEST_CASE("the engine's thread notices by itself when the network is back") {
    Deployment d;
    Kiosk kiosk;
    kiosk.enroll(d);
    // A proxy in front of nothing: every connection fails until it is pointed at the server.
    test::FaultProxy proxy(1, 0.0, 1);
    kiosk.point_at(proxy.port());
    kiosk.log();
    sync::SyncEngine engine(kiosk.settings);
    engine.start();
    CHECK(test::wait_for([&] { return engine.status().phase == sync::SyncPhase::WaitingToRetry; }));
    CHECK(engine.status().outbox_size == 1);
    proxy.set_target_port(d.server->port());  // the network is back; nobody presses "sync now"
    CHECK(test::wait_for([&] { return engine.status().outbox_size == 0 && !engine.status().last_error; }));
    CHECK(server_count(d, "SELECT count(*) FROM consultations") == 1);
    engine.stop();
}

TEST_CASE("HTTPS: the server's certificate is verified, and a custom CA file is honoured") {
    test::TempDir certs;
    const auto cert = certs.path() / "cert.pem", key = certs.path() / "key.pem";
    REQUIRE(test::run_command("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=faltstod-test "
                              "-addext subjectAltName=IP:127.0.0.1 -keyout " + key.string() + " -out " + cert.string())
                .exit_code == 0);
    test::TempDir dir;
    const std::string db = (dir.path() / "server.db").string();
    test::ServerProcess server(test::kServerBinary, db, dir.path() / "log", {"--tls-cert", cert.string(), "--tls-key", key.string()});
    const auto code = [&] {
        auto result = test::run_command(test::shell_quote(test::kServerBinary) + " --db " + db + " enroll-code 2>/dev/null");
        return result.output.substr(0, 14);
    };
    const std::string url = "https://127.0.0.1:" + std::to_string(server.port());

    Kiosk untrusting;  // the system's CAs do not know this self-signed certificate
    auto refused = sync::enroll_device(untrusting.settings, url, code(), "Laptop");
    CHECK(refused.kind == sync::SyncErrorKind::Network);
    CHECK_FALSE(std::filesystem::exists(untrusting.settings.credentials_path));

    Kiosk trusting;
    trusting.settings.connection.ca_pem = test::read_file(cert);
    auto enrolled = sync::enroll_device(trusting.settings, url, code(), "Laptop");
    REQUIRE_MESSAGE(!enrolled, sync::to_log_text(enrolled));
    sync::SyncEngine engine(trusting.settings);
    const auto error = engine.run_once();
    CHECK_MESSAGE(!error, sync::to_log_text(error));
}
