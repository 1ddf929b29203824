// Durability under load: several devices push concurrently while the real faltstod-server is
// killed with SIGKILL, round after round, then restarted on the same database. Every record the
// server acknowledged (applied or duplicate in a 200 answer) must still be there, records it never
// answered may be resent safely, and the database must pass PRAGMA integrity_check.
#include "integration/server_fixture.hpp"
#include "sqlite_db.hpp"
#include "support/log_dates.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <set>
#include <thread>
#include <utility>
#include <vector>

using faltstod::test::Deployment;
using nlohmann::json;

namespace {

constexpr int kDevices = 4;
constexpr int kBatch = 8;

// Kill rounds: 100 by default (issue 8 asks for at least 100; about 25 s on the 2-core machine),
// FALTSTOD_CRASH_ROUNDS to change it (a quick local check, or a longer soak).
int kill_rounds() {
    const char* text = std::getenv("FALTSTOD_CRASH_ROUNDS");
    const int rounds = text ? std::atoi(text) : 100;
    return rounds > 0 ? rounds : 100;
}

json consultation(int n) {
    static const char* outcomes[] = {"advice_given", "referred", "joint_planning"};
    return {{"date", faltstod::test::days_ago(10)},   {"county", "05"},     {"profession", "skola"},        {"topics", {"barnaktenskap"}},
            {"age_band", "youth"},    {"channel", "phone"}, {"outcome", outcomes[n % 3]}};
}

std::string uuid(int device, int serial) {
    char text[37];
    std::snprintf(text, sizeof text, "00000000-0000-4000-8%03d-%012d", device, serial);
    return text;
}

// What one device knows: the ids the server acknowledged, and those it sent without an answer.
struct DeviceLedger {
    int index = 0;
    Deployment::Device device;
    std::set<std::string> acknowledged;
    std::vector<std::string> unanswered;  // resent first in the next round
    int next_serial = 0;
    int failures = 0;  // conflict, rejected or a short answer: must stay 0
};

httplib::Result post_push(int port, const DeviceLedger& ledger, const std::vector<std::string>& ids) {
    json body = {{"records", json::array()}};
    for (const auto& id : ids) {
        const int serial = std::stoi(id.substr(24));
        body["records"].push_back({{"id", id}, {"kind", "consultation"}, {"data", consultation(serial)}});
    }
    httplib::Client client("127.0.0.1", port);
    client.set_connection_timeout(2, 0);
    client.set_read_timeout(10, 0);
    client.set_write_timeout(10, 0);
    return client.Post("/v1/push", Deployment::auth(ledger.device), body.dump(), "application/json");
}

// Pushes `ids`; returns false when the server gave no 200 answer (it was killed, most likely).
// Records answered applied or duplicate become acknowledged.
bool push_batch(int port, DeviceLedger& ledger, const std::vector<std::string>& ids) {
    auto res = post_push(port, ledger, ids);
    if (!res || res->status != 200) return false;
    const auto results = json::parse(res->body).at("results");
    if (results.size() != ids.size()) {
        ++ledger.failures;
        return true;
    }
    for (std::size_t i = 0; i < ids.size(); ++i) {
        const auto status = results[i].at("status").get<std::string>();
        if (status == "applied" || status == "duplicate") ledger.acknowledged.insert(ids[i]);
        else ++ledger.failures;
    }
    return true;
}

struct RoundState {
    std::atomic<bool> stop{false};
    std::atomic<int> batches_answered{0};
    std::atomic<int> in_flight{0};
};

// One device's pushing during a round: first whatever was left unanswered, then new records,
// until the server goes away or the round stops.
void push_until_stopped(int port, DeviceLedger& ledger, RoundState& round) {
    while (!round.stop) {
        std::vector<std::string> ids;
        if (!ledger.unanswered.empty()) {
            ids.swap(ledger.unanswered);
        } else {
            for (int i = 0; i < kBatch; ++i) ids.push_back(uuid(ledger.index, ledger.next_serial++));
        }
        ++round.in_flight;
        const bool answered = push_batch(port, ledger, ids);
        --round.in_flight;
        if (!answered) {
            ledger.unanswered = std::move(ids);  // maybe stored, maybe not: the device sends them again
            return;
        }
        ++round.batches_answered;
    }
}

std::string integrity_of(const std::string& db_path) {
    faltstod::sqlite::Database db(db_path, faltstod::sqlite::Database::Mode::ReadWrite);
    auto check = db.prepare("PRAGMA integrity_check");
    REQUIRE(check.step());
    return check.column_text(0);
}

bool stored(faltstod::sqlite::Database& db, const std::string& id) {
    auto query = db.prepare("SELECT 1 FROM consultations WHERE id = ?");
    query.bind(1, id);
    return query.step();
}

}  // namespace

TEST_CASE("acknowledged pushes from concurrent devices survive repeated kill -9 under load") {
    const int rounds = kill_rounds();
    Deployment d;
    std::vector<DeviceLedger> ledgers(kDevices);
    for (int i = 0; i < kDevices; ++i) {
        ledgers[static_cast<std::size_t>(i)].index = i + 1;
        ledgers[static_cast<std::size_t>(i)].device = d.enroll("reader");
    }
    std::mt19937 random(20261120);
    std::uniform_int_distribution<int> extra_delay_ms(0, 250);
    int killed_mid_push = 0;
    const auto started = std::chrono::steady_clock::now();

    for (int round = 0; round < rounds; ++round) {
        if (round > 0) d.start();  // same database, after the crash
        const int port = d.server->port();
        RoundState state;
        std::vector<std::thread> devices;
        for (auto& ledger : ledgers) devices.emplace_back(push_until_stopped, port, std::ref(ledger), std::ref(state));

        // Let the load build up (some answers arrive), then kill at a random moment.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        while (state.batches_answered < kDevices && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        std::this_thread::sleep_for(std::chrono::milliseconds(extra_delay_ms(random)));
        if (state.in_flight > 0) ++killed_mid_push;
        d.server->kill_hard();
        state.stop = true;
        for (auto& device : devices) device.join();

        INFO("round " << round);
        CHECK(state.batches_answered > 0);
        CHECK(integrity_of(d.db) == "ok");
    }
    MESSAGE(killed_mid_push << " of " << rounds << " kills landed while pushes were in flight");
    CHECK(killed_mid_push >= rounds / 2);

    // Restarted once more: unanswered records are resent (applied or duplicate, never a
    // conflict), and every acknowledged record is already there: a resend is a duplicate.
    d.start();
    const int port = d.server->port();
    std::size_t total_acknowledged = 0;
    for (auto& ledger : ledgers) {
        if (!ledger.unanswered.empty()) REQUIRE(push_batch(port, ledger, std::exchange(ledger.unanswered, {})));
        CHECK(ledger.failures == 0);
        const std::vector<std::string> acknowledged(ledger.acknowledged.begin(), ledger.acknowledged.end());
        total_acknowledged += acknowledged.size();
        for (std::size_t from = 0; from < acknowledged.size(); from += 200) {
            const std::vector<std::string> ids(acknowledged.begin() + static_cast<std::ptrdiff_t>(from),
                                               acknowledged.begin() + static_cast<std::ptrdiff_t>(std::min(from + 200, acknowledged.size())));
            auto res = post_push(port, ledger, ids);
            REQUIRE(res);
            REQUIRE(res->status == 200);
            const auto results = json::parse(res->body).at("results");
            REQUIRE(results.size() == ids.size());
            for (std::size_t i = 0; i < ids.size(); ++i) {
                INFO("record " << ids[i]);
                CHECK(results[i].at("status") == "duplicate");
            }
        }
    }
    CHECK(d.server->stop() == 0);

    // And directly in the database: every acknowledged id, nothing broken.
    CHECK(integrity_of(d.db) == "ok");
    faltstod::sqlite::Database db(d.db, faltstod::sqlite::Database::Mode::ReadOnly);
    std::size_t missing = 0;
    for (const auto& ledger : ledgers)
        for (const auto& id : ledger.acknowledged)
            if (!stored(db, id)) ++missing;
    CHECK(missing == 0);
    CHECK(total_acknowledged >= static_cast<std::size_t>(rounds * kBatch));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    MESSAGE(total_acknowledged << " acknowledged records checked after " << rounds << " kills in " << seconds << " s");
    // A hang guard, not a timing target: about 0.28 s a round here, sanitized builds up to 10x slower.
    CHECK(seconds < rounds * (FALTSTOD_SANITIZED ? 15.0 : 1.5));
}
