// Installing a newer package must keep the data (issue 9): today's faltstod-server and faltstod
// are started on databases of the previous schema versions (tests/fixtures/upgrade/) and must
// migrate them forward, keep every row, and go on working with the devices enrolled before.
#include "integration/server_fixture.hpp"
#include "replica_schema.hpp"
#include "schema_migrations.hpp"
#include "server_schema.hpp"
#include "support/log_dates.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

using faltstod::test::Deployment;
using faltstod::test::run_command;
using faltstod::test::ServerProcess;
using faltstod::test::shell_quote;
using faltstod::test::TempDir;
using nlohmann::json;
namespace sqlite = faltstod::sqlite;

namespace {

const std::filesystem::path kFixtures = std::filesystem::path(FALTSTOD_SOURCE_DIR) / "tests" / "fixtures" / "upgrade";

// The fixture devices' tokens (tests/fixtures/upgrade/README.md); they exist only in the fixture.
constexpr const char* kAdminToken = "d8fa5ddc713b9d96091c6636ff8993a01cc81d438929f09b37669225d47fde7d";
constexpr const char* kReaderToken = "3d85a8a61f0f15fb4a0dc0593de93254106fb62e326f433bfd08cc29adf3ec0d";
// The consultation the fixture replica logged but never sent.
constexpr const char* kUnsentLog = "339a216e-db78-4e0a-be71-d97b37f07518";

std::string read_text(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    REQUIRE_MESSAGE(in, "cannot read " << file);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void load_dump(const std::filesystem::path& dump, const std::string& db_path) {
    sqlite::Database db(db_path);
    db.exec(read_text(dump));
}

// Every table, index, trigger and view with its SQL, in a stable order.
std::string schema_of(sqlite::Database& db) {
    auto stmt = db.prepare("SELECT type, name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name");
    std::string schema;
    while (stmt.step()) schema += stmt.column_text(0) + " " + stmt.column_text(1) + ": " + stmt.column_text(2) + "\n";
    return schema;
}

std::int64_t count(sqlite::Database& db, const std::string& sql) {
    auto stmt = db.prepare(sql);
    REQUIRE(stmt.step());
    return stmt.column_int(0);
}

std::string integrity(sqlite::Database& db) {
    auto stmt = db.prepare("PRAGMA integrity_check");
    REQUIRE(stmt.step());
    return stmt.column_text(0);
}

httplib::Headers bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

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

// Every content table's rows, and what the full-text index finds, as text.
std::string content_of(sqlite::Database& db) {
    std::string all;
    for (const char* table : {"topics", "counties", "guidance", "contacts", "support_lines", "opening_hours", "opening_ranges",
                              "opening_exceptions", "checklists", "checklist_items", "events"})
        all += std::string(table) + ":\n" + rows_of(db, std::string("SELECT * FROM ") + table + " ORDER BY 1, 2");
    all += "fts:\n" + rows_of(db, "SELECT rowid FROM guidance_fts WHERE guidance_fts MATCH 'anmalan OR avidentifiera' ORDER BY 1");
    return all;
}

}  // namespace

TEST_CASE("the server fixture is exactly a version 1 database") {
    TempDir dir;
    const auto fixture = (dir.path() / "fixture.db").string();
    load_dump(kFixtures / "server-v1.sql", fixture);
    sqlite::Database loaded(fixture);
    CHECK(loaded.user_version() == 1);
    CHECK(integrity(loaded) == "ok");

    sqlite::Database fresh((dir.path() / "fresh.db").string());
    sqlite::apply_migrations(fresh, faltstod::server::server_migrations(), 1, "a version 1 database");
    CHECK(schema_of(loaded) == schema_of(fresh));
}

TEST_CASE("a version 1 server database upgrades in place and keeps devices, content and logs") {
    TempDir dir;
    const auto db_path = (dir.path() / "server.db").string();
    load_dump(kFixtures / "server-v1.sql", db_path);
    std::int64_t content_rows = 0;
    {
        sqlite::Database before(db_path);
        content_rows = count(before, "SELECT count(*) FROM content_rows WHERE deleted = 0");
        REQUIRE(content_rows == 50);
        REQUIRE(count(before, "SELECT count(*) FROM consultations") == 3);
    }

    ServerProcess server(FALTSTOD_SERVER_BIN, db_path, dir.path() / "server.log");
    httplib::Client http("127.0.0.1", server.port());
    http.set_read_timeout(15, 0);

    // The reader enrolled before the upgrade still syncs with its old token and gets every row.
    auto changes = http.Get("/v1/changes?since=0&limit=1000", bearer(kReaderToken));
    REQUIRE(changes);
    REQUIRE(changes->status == 200);
    CHECK(json::parse(changes->body).at("changes").size() == static_cast<std::size_t>(content_rows));

    // It can push a record with the note that version 2 added.
    const json push = {{"records",
                        {{{"id", "44444444-4444-4444-8444-444444444444"},
                          {"kind", "consultation"},
                          {"data",
                           {{"date", faltstod::test::days_ago(7)}, {"county", "05"}, {"profession", "polis"}, {"topics", {"hrv"}},
                            {"age_band", "adult"}, {"channel", "meeting"}, {"outcome", "joint_planning"},
                            {"note", "Samråd inför skyddsbedömning."}}}}}}};
    auto pushed = http.Post("/v1/push", bearer(kReaderToken), push.dump(), "application/json");
    REQUIRE(pushed);
    REQUIRE(pushed->status == 200);
    CHECK(json::parse(pushed->body).at("results").at(0).at("status") == "applied");

    // The admin enrolled before the upgrade still administers: both devices are listed.
    auto devices = http.Get("/v1/admin/devices", bearer(kAdminToken));
    REQUIRE(devices);
    REQUIRE(devices->status == 200);
    CHECK(devices->body.find("719acec4-5629-4ccf-a73b-d8a83bd5a82f") != std::string::npos);
    CHECK(devices->body.find("60cd30d5-e6a4-4a8d-a471-a39239d7a86c") != std::string::npos);

    // Statistics count the logs from before and after the upgrade together: four, so clients
    // see "< 5" and the admin's exact view on the command line sees 4.
    auto stats = http.Get("/v1/stats", bearer(kAdminToken));
    REQUIRE(stats);
    REQUIRE(stats->status == 200);
    CHECK(json::parse(stats->body).at("total") == "< 5");
    CHECK(server.stop() == 0);
    auto exact = run_command(shell_quote(FALTSTOD_SERVER_BIN) + " --db " + shell_quote(db_path) + " stats --exact --json 2>/dev/null");
    REQUIRE(exact.exit_code == 0);
    CHECK(json::parse(exact.output).at("total") == 4);

    sqlite::Database after(db_path);
    CHECK(after.user_version() == faltstod::server::server_migrations().back().version);
    CHECK(integrity(after) == "ok");
    CHECK(count(after, "SELECT count(*) FROM consultations") == 4);
    CHECK(count(after, "SELECT count(*) FROM consultations WHERE note IS NOT NULL") == 1);
    CHECK(count(after, "SELECT count(*) FROM devices WHERE revoked_at IS NULL") == 2);
    // Version 4 replaced the names the devices had sent with generated ones, in enrollment order.
    CHECK(count(after, "SELECT count(*) FROM devices WHERE name IN ('Centrets dator', 'Fältdator Östergötland')") == 0);
    auto names = after.prepare("SELECT name FROM devices ORDER BY created_at, id");
    REQUIRE(names.step());
    CHECK(names.column_text(0) == "Enhet 0001");
    REQUIRE(names.step());
    CHECK(names.column_text(0) == "Enhet 0002");
    // The audit trail (also version 4) holds one act: the exact view above.
    CHECK(count(after, "SELECT count(*) FROM audit_log") == 1);  // the exact view above
}

TEST_CASE("the replica fixture is exactly a version 3 replica") {
    TempDir dir;
    const auto fixture = (dir.path() / "fixture.db").string();
    load_dump(kFixtures / "replica-v3.sql", fixture);
    sqlite::Database loaded(fixture);
    CHECK(loaded.user_version() == 3);
    CHECK(integrity(loaded) == "ok");

    sqlite::Database fresh((dir.path() / "fresh.db").string());
    faltstod::replica::migrate(fresh, 3);
    CHECK(schema_of(loaded) == schema_of(fresh));
}

TEST_CASE("a version 3 replica upgrades when the new kiosk starts, keeps favourites, and delivers its unsent log") {
    Deployment d;
    TempDir kiosk;
    const auto replica = kiosk.path() / "replica.db";
    load_dump(kFixtures / "replica-v3.sql", replica.string());

    const std::string app = shell_quote(FALTSTOD_APP_BIN) + " --db " + shell_quote(replica.string());
    const std::string server_url = "http://127.0.0.1:" + std::to_string(d.server->port());
    auto enrolled = run_command(app + " enroll --server " + server_url + " --code " + d.new_code("reader", "05") + " 2>&1");
    REQUIRE_MESSAGE(enrolled.exit_code == 0, enrolled.output);
    auto synced = run_command(app + " sync --once 2>&1");
    REQUIRE_MESSAGE(synced.exit_code == 0, synced.output);

    // The log written under the old version reached the server, exactly once.
    {
        sqlite::Database server_db(d.db);
        auto stmt = server_db.prepare("SELECT count(*) FROM consultations WHERE id = ?");
        stmt.bind(1, std::string(kUnsentLog));
        REQUIRE(stmt.step());
        CHECK(stmt.column_int(0) == 1);
    }

    sqlite::Database after(replica.string());
    CHECK(after.user_version() == faltstod::replica::latest_schema_version());
    CHECK(integrity(after) == "ok");
    // The device's own state now lives in the local file beside the content (version 7).
    sqlite::Database local(faltstod::replica::local_state_path(replica.string()));
    CHECK(integrity(local) == "ok");
    CHECK(count(local, "SELECT count(*) FROM outbox") == 0);  // delivered logs leave the outbox
    CHECK(count(local, "SELECT count(*) FROM favourites WHERE guidance_id = 'guidance/anmalningsplikt-orosanmalan'") == 1);
    // The replica now holds the server's content (the sample bundle) in the new schema, which has
    // the contact address column that version 3 lacked.
    CHECK(count(after, "SELECT count(*) FROM guidance") > 0);
    CHECK(count(after, "SELECT count(*) FROM pragma_table_info('contacts') WHERE name = 'address'") == 1);
}

TEST_CASE("the replica fixture is exactly a version 6 replica") {
    TempDir dir;
    const auto fixture = (dir.path() / "fixture.db").string();
    load_dump(kFixtures / "replica-v6.sql", fixture);
    sqlite::Database loaded(fixture);
    CHECK(loaded.user_version() == 6);
    CHECK(integrity(loaded) == "ok");

    sqlite::Database fresh((dir.path() / "fresh.db").string());
    faltstod::replica::migrate(fresh, 6);
    CHECK(schema_of(loaded) == schema_of(fresh));
}

TEST_CASE("a version 6 replica opened by the new kiosk keeps every local row, now in the local file, and its content whole") {
    TempDir kiosk;
    const auto replica = kiosk.path() / "replica.db";
    const auto local_file = faltstod::replica::local_state_path(replica.string());
    CHECK(local_file == (kiosk.path() / "replica-local.db").string());
    load_dump(kFixtures / "replica-v6.sql", replica.string());
    const std::string outbox_sql =
        "SELECT id, kind, payload, created_at, attempts, last_error, quarantined_reason FROM outbox ORDER BY id";
    const std::string favourites_sql = "SELECT guidance_id, added_at FROM favourites ORDER BY guidance_id";
    std::string outbox, favourites, content;
    {
        sqlite::Database before(replica.string());
        outbox = rows_of(before, outbox_sql);
        favourites = rows_of(before, favourites_sql);
        content = content_of(before);
        REQUIRE(count(before, "SELECT count(*) FROM outbox") == 3);
        REQUIRE(count(before, "SELECT count(*) FROM outbox WHERE quarantined_reason IS NOT NULL") == 1);
        REQUIRE(count(before, "SELECT count(*) FROM favourites") == 2);
        REQUIRE(count(before, "SELECT count(*) FROM guidance") == 3);
    }
    REQUIRE_FALSE(std::filesystem::exists(local_file));

    // The new kiosk opens it: any subcommand does; status shows what it found.
    const auto status = run_command("umask 022 && " + shell_quote(FALTSTOD_APP_BIN) + " --db " + shell_quote(replica.string()) +
                                    " status 2>&1");
    INFO(status.output);
    REQUIRE(status.exit_code == 0);
    CHECK(status.output.find("Att skicka: 2 väntar, 1 avvisad av servern") != std::string::npos);
    CHECK(status.output.find("innehållsversion 57") != std::string::npos);
    // Why, in the kiosk's own words (the log is valid here: the server had other rules then).
    CHECK(status.output.find("avvisad logg c8e2a9d4: Servern tog inte emot loggen") != std::string::npos);

    // Every local row is in the local file, exactly as it was; the content file has none left.
    sqlite::Database local(local_file);
    CHECK(integrity(local) == "ok");
    CHECK(local.user_version() == faltstod::replica::latest_local_schema_version());
    CHECK(rows_of(local, outbox_sql) == outbox);
    CHECK(rows_of(local, favourites_sql) == favourites);
    CHECK(rows_of(local, "SELECT key, value FROM device_state ORDER BY key") == "last_success_epoch|1764578100\n");

    sqlite::Database after(replica.string());
    CHECK(integrity(after) == "ok");
    CHECK(after.user_version() == faltstod::replica::latest_schema_version());
    CHECK(count(after, "SELECT count(*) FROM sqlite_schema WHERE name IN ('outbox', 'favourites', 'outbox_pending')") == 0);
    CHECK(rows_of(after, "SELECT key, value FROM sync_state ORDER BY key") == "cursor|57\n");
    CHECK(content_of(after) == content);

    // Both files private (0600), whatever the umask, as the content file alone was before.
    for (const auto& file : {replica.string(), local_file}) {
        CAPTURE(file);
        CHECK((std::filesystem::status(file).permissions() & std::filesystem::perms::all) ==
              (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
    }

    // Opening it again changes nothing: nothing is copied twice.
    const auto again = run_command(shell_quote(FALTSTOD_APP_BIN) + " --db " + shell_quote(replica.string()) + " status 2>&1");
    REQUIRE_MESSAGE(again.exit_code == 0, again.output);
    CHECK(rows_of(local, outbox_sql) == outbox);
    CHECK(rows_of(local, favourites_sql) == favourites);
}
