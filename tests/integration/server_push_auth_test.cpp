// faltstod-server's push, enrollment, admin and auth behaviour against the real binary,
// including the role matrix, limits, crash durability and what the log may contain.
#include "server_fixture.hpp"
#include "support/log_dates.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <thread>

using faltstod::test::Deployment;
using nlohmann::json;

namespace {

json consultation(const std::string& county = "05") {
    return {{"date", faltstod::test::days_ago(10)}, {"county", county}, {"profession", "skola"}, {"topics", {"barnaktenskap"}},
            {"age_band", "youth"}, {"channel", "phone"}, {"outcome", "advice_given"}};
}

json record(const std::string& id, const json& data) { return {{"id", id}, {"kind", "consultation"}, {"data", data}}; }

std::string uuid(int n) {
    char text[37];
    std::snprintf(text, sizeof text, "00000000-0000-4000-8000-%012d", n);
    return text;
}

httplib::Result push(Deployment& d, const Deployment::Device& device, const std::vector<json>& records) {
    json body = {{"records", json::array()}};
    for (const auto& r : records) body["records"].push_back(r);
    return d.http().Post("/v1/push", Deployment::auth(device), body.dump(), "application/json");
}

json results_of(const httplib::Result& res) {
    REQUIRE(res);
    REQUIRE(res->status == 200);
    return json::parse(res->body).at("results");
}

}  // namespace

TEST_CASE("a pushed record is applied once — a repeat is a duplicate — a changed repeat a conflict") {
    Deployment d;
    auto first = results_of(push(d, d.reader, {record(uuid(1), consultation())}));
    REQUIRE(first.size() == 1);
    CHECK(first[0].at("id") == uuid(1));
    CHECK(first[0].at("status") == "applied");

    auto repeat = results_of(push(d, d.reader, {record(uuid(1), consultation())}));
    CHECK(repeat[0].at("status") == "duplicate");

    auto changed = consultation();
    changed["outcome"] = "referred";
    auto conflict = results_of(push(d, d.reader, {record(uuid(1), changed)}));
    CHECK(conflict[0].at("status") == "conflict");
    CHECK_FALSE(conflict[0].at("reason").get<std::string>().empty());

    faltstod::sqlite::Database db(d.db);
    auto count = db.prepare("SELECT count(*), max(outcome) FROM consultations");
    count.step();
    CHECK(count.column_int(0) == 1);
    CHECK(count.column_text(1) == "advice_given");
}

TEST_CASE("a bad record never fails its neighbours") {
    Deployment d;
    auto with_name = consultation();
    with_name["name"] = "Anna Andersson";
    auto bad_date = consultation();
    bad_date["date"] = "igår";
    const std::vector<json> batch = {record(uuid(1), consultation()),
                        record(uuid(2), with_name),
                        record("not-a-uuid", consultation()),
                        {{"id", uuid(3)}, {"kind", "diary"}, {"data", json::object()}},
                        record(uuid(4), bad_date),
                        42,
                        record(uuid(5), consultation())};
    auto results = results_of(push(d, d.reader, batch));
    REQUIRE(results.size() == 7);
    CHECK(results[0].at("status") == "applied");
    CHECK(results[1].at("status") == "rejected");
    CHECK(results[1].at("reason").get<std::string>().find("a field that is not part of an anonymous consultation log") != std::string::npos);
    CHECK(results[1].dump().find("Anna") == std::string::npos);  // the value is never echoed
    CHECK(results[1].dump().find("name") == std::string::npos);  // nor the field's name
    CHECK(results[2].at("status") == "rejected");
    CHECK(results[2].at("id") == "");  // an id that is not a UUID is not echoed either
    CHECK(results[3].at("reason").get<std::string>().find("this kind of record is not accepted") != std::string::npos);
    CHECK(results[3].dump().find("diary") == std::string::npos);
    CHECK(results[4].at("reason").get<std::string>().find("'date'") != std::string::npos);
    CHECK(results[5].at("status") == "rejected");
    CHECK(results[6].at("status") == "applied");

    faltstod::sqlite::Database db(d.db);
    auto count = db.prepare("SELECT count(*) FROM consultations");
    count.step();
    CHECK(count.column_int(0) == 2);
}

TEST_CASE("a county-scoped device logs only its own county") {
    Deployment d;
    const auto scoped = d.enroll("reader", "25");
    auto results = results_of(push(d, scoped, {record(uuid(1), consultation("25")), record(uuid(2), consultation("05"))}));
    CHECK(results[0].at("status") == "applied");
    CHECK(results[1].at("status") == "rejected");
}

TEST_CASE("malformed pushes get 400, oversized ones 413") {
    Deployment d({"--max-push-records", "3", "--max-body-bytes", "20000"});
    auto client = d.http();
    const auto post = [&](const std::string& body) {
        auto res = client.Post("/v1/push", Deployment::auth(d.reader), body, "application/json");
        REQUIRE(res);
        return res;
    };
    auto broken = post("{\"records\": [");
    CHECK(broken->status == 400);
    CHECK(json::parse(broken->body).at("error").at("message").get<std::string>().find("not valid JSON") != std::string::npos);
    CHECK(post("[]")->status == 400);
    CHECK(post("{\"records\": {}}")->status == 400);
    auto unknown = post("{\"records\": [], \"extra\": 1}");
    CHECK(unknown->status == 400);
    CHECK(json::parse(unknown->body).at("error").at("message").get<std::string>().find("a field that is not allowed here (allowed: records)") !=
          std::string::npos);
    CHECK(unknown->body.find("extra") == std::string::npos);

    json four = json::array();
    for (int i = 0; i < 4; ++i) four.push_back(record(uuid(i), consultation()));
    auto too_many = post(json{{"records", four}}.dump());
    CHECK(too_many->status == 413);
    CHECK(json::parse(too_many->body).at("error").at("code") == "too_large");
    auto too_big = post(std::string(30000, ' '));
    CHECK(too_big->status == 413);
    // Nothing of the rejected batches was stored.
    faltstod::sqlite::Database db(d.db);
    auto count = db.prepare("SELECT count(*) FROM consultations");
    count.step();
    CHECK(count.column_int(0) == 0);
}

TEST_CASE("enrollment codes are single use, expire, and are rate limited") {
    Deployment d({"--enroll-attempts-per-minute", "7"});  // the fixture itself makes three of the seven
    auto client = d.http();
    const auto enroll = [&](const std::string& code) {
        auto res = client.Post("/v1/enroll", json{{"code", code}, {"device_name", "Fältlaptop 7"}}.dump(), "application/json");
        REQUIRE(res);
        return res;
    };
    const std::string code = d.new_code("reader", "05");
    // Typed with lower case and without dashes still works.
    std::string typed;
    for (char c : code)
        if (c != '-') typed += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto ok = enroll(typed);
    CHECK(ok->status == 201);
    const auto device = json::parse(ok->body);
    CHECK(device.at("token").get<std::string>().size() == 64);
    CHECK(device.at("role") == "reader");
    CHECK(device.at("county") == "05");

    auto reused = enroll(code);
    CHECK(reused->status == 401);
    CHECK(json::parse(reused->body).at("error").at("message").get<std::string>().find("already been used") != std::string::npos);

    const std::string expiring = d.new_code("reader");
    {
        faltstod::sqlite::Database db(d.db);
        db.exec("UPDATE enrollment_codes SET expires_at = '2000-01-01T00:00:00Z' WHERE used_at IS NULL");
    }
    auto expired = enroll(expiring);
    CHECK(expired->status == 401);
    CHECK(json::parse(expired->body).at("error").at("message").get<std::string>().find("expired") != std::string::npos);

    CHECK(enroll("AAAA-BBBB-CCCC")->status == 401);  // attempt 7 of 7
    auto limited = enroll("AAAA-BBBB-CCCC");
    CHECK(limited->status == 429);
    CHECK_FALSE(limited->get_header_value("Retry-After").empty());

    // Tokens are stored only as hashes.
    faltstod::sqlite::Database db(d.db);
    auto stored = db.prepare("SELECT count(*) FROM devices WHERE token_hash = ?");
    stored.bind(1, device.at("token").get<std::string>());
    stored.step();
    CHECK(stored.column_int(0) == 0);
}

TEST_CASE("role matrix: every endpoint against no token, bad token, revoked, wiped, reader, editor, admin") {
    Deployment d;
    auto revoked = d.enroll("reader");
    auto wiped = d.enroll("reader");
    auto client = d.http();
    REQUIRE(client.Post(("/v1/admin/devices/" + revoked.id + "/revoke").c_str(), Deployment::auth(d.admin), "", "application/json")->status == 200);
    REQUIRE(client.Post(("/v1/admin/devices/" + wiped.id + "/wipe").c_str(), Deployment::auth(d.admin), "", "application/json")->status == 200);

    struct Endpoint {
        std::string method, path, body;
        int reader, editor, admin;  // expected status for each role
    };
    const std::string victim = d.enroll("reader").id;
    const std::vector<Endpoint> endpoints = {
        {"GET", "/v1/changes?since=0", "", 200, 200, 200},
        {"GET", "/v1/snapshot", "", 200, 200, 200},
        {"POST", "/v1/push", "{\"records\": []}", 200, 200, 200},
        {"GET", "/v1/stats", "", 403, 200, 200},
        {"GET", "/metrics", "", 403, 403, 200},
        {"GET", "/v1/admin/devices", "", 403, 403, 200},
        {"POST", "/v1/admin/enrollment-codes", "{\"role\": \"reader\"}", 403, 403, 201},
        {"POST", "/v1/admin/devices/" + victim + "/wipe", "", 403, 403, 200},
        {"POST", "/v1/admin/devices/" + victim + "/revoke", "", 403, 403, 200},
    };
    struct Caller {
        std::string name;
        std::optional<std::string> token;
        std::string error_code;  // for the 401 callers
    };
    const std::vector<Caller> unauthorised = {{"no token", std::nullopt, "unauthorized"},
                                              {"bad token", std::string(64, 'a'), "unauthorized"},
                                              {"revoked", revoked.token, "revoked"},
                                              {"wiped", wiped.token, "wipe"}};
    const auto call = [&](const Endpoint& e, const std::optional<std::string>& token) {
        httplib::Headers headers;
        if (token) headers = Deployment::auth(*token);
        auto res = e.method == "GET" ? client.Get(e.path.c_str(), headers)
                                     : client.Post(e.path.c_str(), headers, e.body, "application/json");
        REQUIRE(res);
        return res;
    };
    for (const auto& e : endpoints) {
        CAPTURE(e.method + " " + e.path);
        for (const auto& caller : unauthorised) {
            CAPTURE(caller.name);
            auto res = call(e, caller.token);
            CHECK(res->status == 401);
            CHECK(json::parse(res->body).at("error").at("code") == caller.error_code);
        }
        CHECK(call(e, d.reader.token)->status == e.reader);
        CHECK(call(e, d.editor.token)->status == e.editor);
        CHECK(call(e, d.admin.token)->status == e.admin);
    }
    CHECK(client.Get("/healthz")->status == 200);
    auto missing = client.Post("/v1/admin/devices/00000000-0000-4000-8000-000000000000/revoke", Deployment::auth(d.admin), "",
                               "application/json");
    CHECK(missing->status == 404);
}

TEST_CASE("admin lists devices and creates codes over HTTP and on the command line") {
    Deployment d;
    auto client = d.http();
    auto list = json::parse(client.Get("/v1/admin/devices", Deployment::auth(d.admin))->body).at("devices");
    CHECK(list.size() == 3);
    CHECK(list.dump().find("token") == std::string::npos);

    auto created = client.Post("/v1/admin/enrollment-codes", Deployment::auth(d.admin),
                               R"({"role": "editor", "county": "12", "valid_hours": 2})", "application/json");
    REQUIRE(created->status == 201);
    const auto code = json::parse(created->body);
    auto bad = client.Post("/v1/admin/enrollment-codes", Deployment::auth(d.admin), R"({"role": "king"})", "application/json");
    CHECK(bad->status == 400);

    auto enrolled = client.Post("/v1/enroll", json{{"code", code.at("code")}, {"device_name", "Redaktör Skåne"}}.dump(), "application/json");
    REQUIRE(enrolled->status == 201);
    CHECK(json::parse(enrolled->body).at("role") == "editor");

    CHECK(json::parse(enrolled->body).at("device_name") == "Enhet 0004");

    // The name the device sent is not stored: the list shows the server's names.
    auto cli = d.cli("devices");
    CHECK(cli.exit_code == 0);
    CHECK(cli.output.find("Redaktör Skåne") == std::string::npos);
    CHECK(cli.output.find("Enhet 0004") != std::string::npos);
    CHECK(d.cli("revoke " + d.reader.id).exit_code == 0);
    CHECK(d.http().Get("/v1/changes", Deployment::auth(d.reader))->status == 401);
    CHECK(d.cli("revoke 00000000-0000-4000-8000-000000000000").exit_code == 1);
}

TEST_CASE("metrics count requests, latency and push outcomes") {
    Deployment d;
    results_of(push(d, d.reader, {record(uuid(1), consultation()), record(uuid(1), consultation()), record("x", consultation())}));
    auto res = d.http().Get("/metrics", Deployment::auth(d.admin));
    REQUIRE(res);
    REQUIRE(res->status == 200);
    const std::string& text = res->body;
    CHECK(text.find("faltstod_http_requests_total{route=\"POST /v1/push\",status=\"200\"} 1") != std::string::npos);
    CHECK(text.find("faltstod_http_request_duration_seconds_bucket{route=\"POST /v1/push\",le=\"+Inf\"} 1") != std::string::npos);
    CHECK(text.find("faltstod_push_records_total{status=\"applied\"} 1") != std::string::npos);
    CHECK(text.find("faltstod_push_records_total{status=\"duplicate\"} 1") != std::string::npos);
    CHECK(text.find("faltstod_push_records_total{status=\"rejected\"} 1") != std::string::npos);
    CHECK(text.find("faltstod_devices_active 3") != std::string::npos);
    CHECK(text.find("faltstod_change_log_rows 14") != std::string::npos);
}

TEST_CASE("an acknowledged push survives kill -9") {
    Deployment d;
    auto results = results_of(push(d, d.reader, {record(uuid(9), consultation())}));
    REQUIRE(results[0].at("status") == "applied");
    d.server->kill_hard();
    d.start();
    auto again = results_of(push(d, d.reader, {record(uuid(9), consultation())}));
    CHECK(again[0].at("status") == "duplicate");
}

TEST_CASE("the log never holds tokens, codes or record contents") {
    Deployment d;
    const std::string code = d.new_code("reader");
    auto client = d.http();
    auto enrolled = client.Post("/v1/enroll", json{{"code", code}, {"device_name", "Laptop"}}.dump(), "application/json");
    REQUIRE(enrolled->status == 201);
    auto data = consultation();
    data["note"] = "SECRET-NOTE-197001011234";
    results_of(push(d, d.reader, {record(uuid(1), data)}));
    d.server->stop();
    const std::string log = d.server->log();
    CHECK(log.find("POST /v1/push 200") != std::string::npos);  // the log is written…
    for (const auto& secret : {d.reader.token, d.admin.token, json::parse(enrolled->body).at("token").get<std::string>(), code,
                               std::string("SECRET-NOTE"), std::string("197001011234")}) {
        CHECK_MESSAGE(log.find(secret) == std::string::npos, "log holds a secret");  // …without secrets
    }
}

TEST_CASE("serving plain HTTP on a non-loopback address warns") {
    faltstod::test::TempDir dir;
    faltstod::test::ServerProcess server(faltstod::test::kServerBinary, (dir.path() / "s.db").string(), dir.path() / "s.log",
                                         {"--listen", "0.0.0.0"});
    CHECK(server.stop() == 0);
    CHECK(server.log().find("serving plain HTTP on 0.0.0.0") != std::string::npos);
}

TEST_CASE("HTTPS directly with --tls-cert and --tls-key") {
    faltstod::test::TempDir dir;
    const auto cert = dir.path() / "cert.pem", key = dir.path() / "key.pem";
    const auto made = faltstod::test::run_command("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost -keyout " +
                                                  key.string() + " -out " + cert.string());
    REQUIRE(made.exit_code == 0);
    faltstod::test::ServerProcess server(faltstod::test::kServerBinary, (dir.path() / "s.db").string(), dir.path() / "s.log",
                                         {"--tls-cert", cert.string(), "--tls-key", key.string()});
    CHECK(server.first_line().find("https://") != std::string::npos);
    httplib::SSLClient client("127.0.0.1", server.port());
    client.enable_server_certificate_verification(false);
    client.set_connection_timeout(5, 0);
    auto res = client.Get("/healthz");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(server.log().find("serving plain HTTP") == std::string::npos);
}

TEST_CASE("a stop signal right after start is not lost") {
    // Regression: SIGTERM between "listening" and the listener's start used to be ignored, and
    // the server ran on until killed. Repeated, because the window is narrow.
    faltstod::test::TempDir dir;
    for (int i = 0; i < 20; ++i) {
        CAPTURE(i);
        faltstod::test::ServerProcess server(faltstod::test::kServerBinary, (dir.path() / "s.db").string(), dir.path() / "s.log");
        CHECK(server.stop() == 0);
    }
}

TEST_CASE("backup while serving, and restore, keep every acknowledged record") {
    Deployment d;
    results_of(push(d, d.reader, {record(uuid(1), consultation()), record(uuid(2), consultation())}));
    // Pushes keep committing while the backup runs.
    std::atomic<bool> pushing{true};
    std::thread writer([&] {
        for (int i = 10; pushing && i < 400; ++i) push(d, d.reader, {record(uuid(i), consultation())});
    });
    const auto copy = (d.dir.path() / "backup.db").string();
    auto backup = d.cli("backup " + faltstod::test::shell_quote(copy));
    pushing = false;
    writer.join();
    INFO(backup.output);
    REQUIRE(backup.exit_code == 0);
    CHECK(d.cli("backup " + faltstod::test::shell_quote(copy)).exit_code == 1);  // never overwrites

    // The copy is consistent and holds at least what was acknowledged before it started.
    faltstod::sqlite::Database copied(copy, faltstod::sqlite::Database::Mode::ReadOnly);
    auto check = copied.prepare("PRAGMA integrity_check");
    REQUIRE(check.step());
    CHECK(check.column_text(0) == "ok");
    auto count = copied.prepare("SELECT count(*) FROM consultations WHERE id IN (?, ?)");
    count.bind(1, uuid(1)).bind(2, uuid(2));
    count.step();
    CHECK(count.column_int(0) == 2);

    // Restore into a fresh database; the device and its records are back.
    d.server->stop();
    const auto restored = (d.dir.path() / "restored.db").string();
    const std::string server = faltstod::test::shell_quote(faltstod::test::kServerBinary);
    REQUIRE(faltstod::test::run_command(server + " --db " + restored + " restore " + copy).exit_code == 0);
    faltstod::test::ServerProcess again(faltstod::test::kServerBinary, restored, d.dir.path() / "restored.log");
    httplib::Client client("127.0.0.1", again.port());
    client.set_read_timeout(10, 0);
    auto res = client.Post("/v1/push", Deployment::auth(d.reader),
                           json{{"records", json::array({record(uuid(1), consultation())})}}.dump(), "application/json");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    CHECK(json::parse(res->body).at("results")[0].at("status") == "duplicate");

    // A file that is not a server database is refused, and nothing is changed.
    d.dir.write("junk.db", "not a database");
    auto refused = faltstod::test::run_command(server + " --db " + restored + " restore " + (d.dir.path() / "junk.db").string());
    CHECK(refused.exit_code == 1);
}

TEST_CASE("both programs tell their version, and the server logs what it serves at start") {
    const std::string server = faltstod::test::shell_quote(faltstod::test::kServerBinary);
    auto version = faltstod::test::run_command(server + " --version");
    CHECK(version.exit_code == 0);
    CHECK(version.output.rfind("faltstod-server ", 0) == 0);
    faltstod::test::TempDir dir;
    faltstod::test::ServerProcess process(faltstod::test::kServerBinary, (dir.path() / "v.db").string(), dir.path() / "log");
    process.stop();
    const std::string log = process.log();
    CHECK(log.find("faltstod-server " + version.output.substr(16, version.output.find('\n') - 16) + " serving") != std::string::npos);
    CHECK(log.find((dir.path() / "v.db").string()) != std::string::npos);
    CHECK(log.find("127.0.0.1") != std::string::npos);
}

TEST_CASE("the audit trail: who created which code, revoked, ordered a wipe, published, read exact counts") {
    Deployment d;  // publishes the sample bundle from the command line, and enrolls three devices
    auto client = d.http();
    const auto victim = d.enroll("reader");
    const auto other = d.enroll("reader");
    auto code = client.Post("/v1/admin/enrollment-codes", Deployment::auth(d.admin), R"({"role": "editor", "county": "12", "valid_hours": 48})",
                            "application/json");
    REQUIRE(code->status == 201);
    REQUIRE(client.Post(("/v1/admin/devices/" + victim.id + "/revoke").c_str(), Deployment::auth(d.admin), "", "application/json")->status == 200);
    REQUIRE(client.Post(("/v1/admin/devices/" + other.id + "/wipe").c_str(), Deployment::auth(d.admin), "", "application/json")->status == 200);
    REQUIRE(d.cli("revoke " + other.id).exit_code == 0);
    REQUIRE(d.cli("stats --exact --county 05").exit_code == 0);
    REQUIRE(d.cli("publish " + faltstod::test::shell_quote(d.bundle.string())).exit_code == 0);

    const auto audit = d.cli("audit");
    INFO(audit.output);
    REQUIRE(audit.exit_code == 0);
    const auto has = [&](const std::string& part) { return audit.output.find(part) != std::string::npos; };
    // The codes of the five enrollments above, made on the command line, and the editor's over HTTP.
    CHECK(has("enrollment_code_created  by server CLI  {\"county\":null,\"expires_at\":"));
    CHECK(has("\"role\":\"admin\",\"valid_hours\":24}"));
    CHECK(has("enrollment_code_created  by device " + d.admin.id + " (Enhet 0001)  {\"county\":\"12\",\"expires_at\":"));
    CHECK(has("\"role\":\"editor\",\"valid_hours\":48}"));
    CHECK(has("device_revoked  by device " + d.admin.id + " (Enhet 0001)  device " + victim.id));
    CHECK(has("device_wipe_ordered  by device " + d.admin.id + " (Enhet 0001)  device " + other.id));
    CHECK(has("device_revoked  by server CLI  device " + other.id));
    CHECK(has("exact_stats_viewed  by server CLI  {\"county\":\"05\""));
    CHECK(has("content_published  by server CLI  {\"deleted\":0,\"inserted\":"));  // the first publish
    CHECK(has("\"inserted\":0,\"last_seq\":"));                                        // the second changed nothing
    // Never a code or a token.
    CHECK_FALSE(has(code->body.substr(code->body.find("\"code\":\"") + 8, 14)));
    CHECK_FALSE(has(d.admin.token));
    // Only the newest entries with --last.
    const auto last = d.cli("audit --last 1");
    CHECK(last.output.find("content_published") != std::string::npos);
    CHECK(last.output.find("device_revoked") == std::string::npos);

    // The server's log lines for revoke and wipe name the device acted on, not only the admin.
    const std::string log = d.server->log();
    CHECK(log.find("revoked device " + victim.id + " (by admin device " + d.admin.id + ")") != std::string::npos);
    CHECK(log.find("wipe ordered for device " + other.id + " (by admin device " + d.admin.id + ")") != std::string::npos);
}
