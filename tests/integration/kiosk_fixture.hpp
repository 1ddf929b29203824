// A kiosk's sync side for integration tests: a temporary data folder with replica and
// credentials, enrollment against a Deployment, and a check that a replica holds exactly the
// server's current content.
#pragma once

#include "server_fixture.hpp"

#include "outbox.hpp"
#include "replica_schema.hpp"
#include "replica_sync.hpp"
#include "sync_engine.hpp"
#include "support/log_dates.hpp"

#include <chrono>
#include <thread>

namespace faltstod::test {

using nlohmann::json;

struct Kiosk {
    TempDir dir;
    sync::EngineSettings settings;

    Kiosk() {
        settings.replica_path = dir.path() / "data" / "replica.db";
        settings.credentials_path = dir.path() / "data" / "device.json";
        settings.interval = std::chrono::seconds(3600);
        settings.backoff_min = std::chrono::milliseconds(50);
        settings.backoff_max = std::chrono::milliseconds(200);
        settings.connection.connect_timeout = std::chrono::milliseconds(2000);
        settings.connection.request_deadline = std::chrono::milliseconds(20000);
    }

    void enroll(Deployment& d, const std::string& county = "") {
        const auto error = sync::enroll_device(settings, "http://127.0.0.1:" + std::to_string(d.server->port()),
                                               d.new_code("reader", county), "Testlaptop");
        REQUIRE_MESSAGE(!error, sync::to_log_text(error));
    }

    // Points the enrolled device at another port (a proxy, a restarted server).
    void point_at(int port) {
        auto credentials = *sync::load_credentials(settings.credentials_path);
        credentials.server_url = "http://127.0.0.1:" + std::to_string(port);
        sync::save_credentials(settings.credentials_path, credentials);
    }

    sqlite::Database db() { return replica::open_replica(settings.replica_path.string()); }

    std::string log(const std::string& county = "05") {
        protocol::ConsultationRecord record{faltstod::test::days_ago(9), county, "socialtjanst", {"barnaktenskap"}, "child", "visit", "referred", ""};
        auto replica_db = db();
        return sync::enqueue_consultation(replica_db, record);
    }
};

// Polls `condition` every 25 ms for up to 10 s; true once it holds.
template <typename Condition>
bool wait_for(Condition condition) {
    for (int i = 0; i < 400 && !condition(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(25));
    return condition();
}

inline int server_count(const Deployment& d, const std::string& sql) {
    sqlite::Database db(d.db);
    auto stmt = db.prepare(sql);
    stmt.step();
    return static_cast<int>(stmt.column_int(0));
}

// Every row of the server's current content equals the replica's, compared as row JSON.
inline void check_converged(Deployment& d, Kiosk& kiosk) {
    auto snapshot = json::parse(d.http().Get("/v1/snapshot", Deployment::auth(d.reader))->body);
    auto replica_db = kiosk.db();
    CHECK(sync::stored_cursor(replica_db) == snapshot.at("cursor").get<std::int64_t>());
    // Rebuild the server's content in a scratch replica and compare table by table.
    TempDir scratch;
    auto expected = replica::open_replica((scratch.path() / "expected.db").string());
    {
        sqlite::Transaction tx(expected);
        for (const auto& row : snapshot.at("rows"))
            sync::apply_content_row(expected, row.at("table"), row.at("key"), false, row.at("data"));
        tx.commit();
    }
    for (const char* sql : {"SELECT id, language, title, summary, topics, audience, updated, body_markdown FROM guidance ORDER BY id, language",
                            "SELECT * FROM contacts ORDER BY id", "SELECT * FROM support_lines ORDER BY id",
                            "SELECT * FROM opening_ranges ORDER BY owner_id, weekday, opens", "SELECT * FROM opening_exceptions ORDER BY owner_id, date",
                            "SELECT * FROM checklist_items ORDER BY checklist_id, position", "SELECT * FROM events ORDER BY id",
                            "SELECT * FROM topics ORDER BY id", "SELECT * FROM counties ORDER BY code"}) {
        CAPTURE(sql);
        auto dump = [&](sqlite::Database& db) {
            std::string out;
            auto stmt = db.prepare(sql);
            const int columns = stmt.column_count();
            while (stmt.step()) {
                for (int c = 0; c < columns; ++c) out += stmt.column_text(c) + "|";
                out += "\n";
            }
            return out;
        };
        CHECK(dump(replica_db) == dump(expected));
    }
}


}  // namespace faltstod::test
