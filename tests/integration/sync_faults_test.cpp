// Delivery and convergence through a faulty network: several devices sync through the
// fault-injecting proxy (30 % of requests dropped, reset, delayed, answered 503 or cut off
// part-way), while content changes on the server. Every consultation log must arrive exactly
// once and every replica must end equal to the server's content.
#include "kiosk_fixture.hpp"
#include "support/fault_proxy.hpp"

#include <set>

#include <doctest/doctest.h>

using namespace faltstod;
using faltstod::test::Deployment;
using faltstod::test::Kiosk;

TEST_CASE("1,000 logs from four devices arrive exactly once through a network that fails 30 % of requests") {
    Deployment d;
    test::FaultProxy proxy(d.server->port(), 0.30, 20261122);
    std::vector<std::unique_ptr<Kiosk>> kiosks;
    std::vector<std::unique_ptr<sync::SyncEngine>> engines;
    constexpr int kDevices = 4, kLogsEach = 250;
    for (int i = 0; i < kDevices; ++i) {
        kiosks.push_back(std::make_unique<Kiosk>());
        kiosks.back()->settings.push_batch = 40;  // several batches per device, so faults hit between them
        kiosks.back()->enroll(d);
        kiosks.back()->point_at(proxy.port());
        engines.push_back(std::make_unique<sync::SyncEngine>(kiosks.back()->settings));
    }
    std::set<std::string> ids;
    for (int n = 0; n < kLogsEach; ++n)
        for (auto& kiosk : kiosks) ids.insert(kiosk->log());
    REQUIRE(ids.size() == kDevices * kLogsEach);

    // Content changes while the devices are syncing.
    int errors = 0;
    for (int round = 0; round < 400; ++round) {
        if (round == 3) {
            std::filesystem::remove(d.bundle / "guidance" / "en" / "barnaktenskap.md");
            REQUIRE(d.cli("publish " + test::shell_quote(d.bundle.string())).exit_code == 0);
        }
        bool all_done = round > 3;
        for (auto& engine : engines) {
            const auto error = engine->run_once();
            if (error) ++errors;
            all_done = all_done && !error && engine->status().outbox_size == 0;
        }
        if (all_done) break;
    }
    const std::string metrics = d.http().Get("/metrics", Deployment::auth(d.admin))->body;
    const auto duplicates_at = metrics.find("faltstod_push_records_total{status=\"duplicate\"} ");
    REQUIRE(duplicates_at != std::string::npos);
    const int duplicates = std::stoi(metrics.substr(duplicates_at + 48));
    MESSAGE("proxy: " << proxy.requests() << " requests on " << proxy.connections() << " connections, " << proxy.faulted() << " faulted; " << errors
                      << " failed syncs; " << duplicates << " records re-sent after a lost acknowledgement");
    CHECK(proxy.faulted() > 0);
    CHECK(errors > 0);      // the faults were felt…
    CHECK(duplicates > 0);  // …acknowledgements were lost after commits, and the re-sent records were not stored twice
    // …and still every log arrived exactly once.
    CHECK(test::server_count(d, "SELECT count(*) FROM consultations") == kDevices * kLogsEach);
    sqlite::Database server_db(d.db);
    auto stored = server_db.prepare("SELECT id FROM consultations");
    std::set<std::string> arrived;
    while (stored.step()) arrived.insert(stored.column_text(0));
    CHECK(arrived == ids);
    for (std::size_t i = 0; i < kiosks.size(); ++i) {
        CAPTURE(i);
        CHECK(engines[i]->status().outbox_size == 0);
        CHECK(engines[i]->status().quarantined == 0);
        test::check_converged(d, *kiosks[i]);
    }
}
