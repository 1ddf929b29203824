// The real faltstod-server against the clients of issue 17 ("the server must survive any
// client"), with no token: every byte flood of tests/support/hostile_requests.hpp on a fresh
// server, and twelve clients that send one byte every 4 s. For each, the server's peak resident
// memory (VmHWM) must stay bounded and /healthz must keep answering within a second, asked on
// a new connection every 200 ms during the attack. The figures are printed for
// docs/reliability.md ("Hostile network — server").
//
// Before the fix (cpp-httplib 0.11.4 reads a whole body, a whole request line and every header
// line before any handler runs; 8 workers, a timeout per read instead of per request) the floods
// took the server to 0.5-1.1 GB and the slow clients left /healthz unanswered.
#include "support/hostile_requests.hpp"
#include "support/sample_bundle.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <map>
#include <thread>

using namespace faltstod::test;

namespace {

const std::string kServerBinary = FALTSTOD_SERVER_BIN;
constexpr std::uint64_t kMemoryGrowthLimit = 32 * kMiB;
constexpr std::uint64_t kMemoryLimit = 64 * kMiB;  // plain builds; sanitizers add their own

// A server database with the sample bundle published.
struct PublishedDb {
    TempDir dir;
    std::string db = (dir.path() / "server.db").string();
    PublishedDb() {
        TempDir bundle;
        write_sample_bundle(bundle);
        REQUIRE(run_command(shell_quote(kServerBinary) + " --db " + shell_quote(db) + " publish " + shell_quote(bundle.path().string()))
                    .exit_code == 0);
    }
};

double mib(std::uint64_t bytes) { return static_cast<double>(bytes) / kMiB; }

}  // namespace

TEST_CASE("each byte flood is refused early: the server's memory stays bounded and /healthz keeps answering") {
    PublishedDb data;
    // What the server answers each flood with (docs/protocol.md, "Requests the server refuses").
    const std::map<std::string, int> expected = {
        {"a chunked POST of 150 MiB", 411},
        {"a POST of 150 MiB with no length", 411},
        {"a gzip body of 150 KiB that inflates to 150 MiB", 415},
        {"a request line of 256 MiB", 414},
        {"64 MiB of header lines", 431},
    };
    const auto floods = byte_floods();
    for (std::size_t i = 0; i < floods.size(); ++i) {
        const auto& attack = floods[i];
        CAPTURE(attack.name);
        ServerProcess server(kServerBinary, data.db, data.dir.path() / ("server-" + std::to_string(i) + ".log"));
        const Endpoint endpoint{server.port(), false};
        REQUIRE(ask_health(endpoint).status == 200);
        const auto before = peak_rss_bytes(server.pid());
        HealthWatch watch(endpoint);
        const auto outcome = attack.run(endpoint);
        watch.finish();
        const auto after = ask_health(endpoint);
        const auto peak = peak_rss_bytes(server.pid());
        std::printf("FIGURE direct | %s | answer %d | peak RSS %.1f MiB (%.1f before) | slowest /healthz %.3f s of %d asked\n",
                    attack.name.c_str(), outcome.status, mib(peak), mib(before), watch.slowest(), watch.asked());
        INFO("answer: " << outcome.answer.substr(0, 300));
        CHECK(outcome.status == expected.at(attack.name));
        CHECK(peak - before < kMemoryGrowthLimit);
        if (!FALTSTOD_SANITIZED) CHECK(peak < kMemoryLimit);
        CHECK(watch.failures() == 0);
        CHECK(watch.slowest() < 1.0);
        CHECK(after.status == 200);
        CHECK(server.stop() == 0);
    }
}

TEST_CASE("twelve clients sending one byte every 4 s do not keep /healthz waiting, and each is cut off at the request deadline") {
    PublishedDb data;
    // read-timeout: the time a client has for a whole request (5 s here; 4 s between bytes would
    // never trip a timeout per read).
    ServerProcess server(kServerBinary, data.db, data.dir.path() / "server.log", {"--read-timeout", "5"});
    const Endpoint endpoint{server.port(), false};
    const auto before = peak_rss_bytes(server.pid());
    SlowClients slow(endpoint, 12);
    const auto [slowest, failures, asked] = ask_health_while_trickling(endpoint, slow);
    const auto peak = peak_rss_bytes(server.pid());
    const auto& closed = slow.closed_at();
    const double last_cut = *std::max_element(closed.begin(), closed.end());
    std::printf("FIGURE direct | 12 slow clients, 1 byte / 4 s | peak RSS %.1f MiB (%.1f before) | slowest /healthz %.3f s of %d asked | "
                "last slow client cut off after %.1f s\n",
                mib(peak), mib(before), slowest, asked, last_cut);
    CHECK(failures == 0);
    CHECK(slowest < 1.0);
    // Every slow client was answered (408) or closed after the 5 s deadline, not before it.
    for (const double at : closed) {
        CHECK(at >= 4.5);
        CHECK(at <= 7.0);
    }
    if (!FALTSTOD_SANITIZED) CHECK(peak < kMemoryLimit);
}
