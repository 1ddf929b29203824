// The edges of the real faltstod-server that issue 17 found open, each checked with real
// processes and raw sockets:
//  - a request whose body the server would read without limit is answered before its body is
//    sent (411, 415, 413) and the connection is closed; headers over the limit get 431;
//  - a second server on a port in use refuses to start, with a message that says so (cpp-httplib
//    set SO_REUSEPORT and both listened, splitting the devices between two databases);
//  - /metrics on its own listener needs no token; the protocol port's /metrics still needs admin;
//  - a request that fails before routing is logged without the device id of the request before
//    it on the same connection (a thread_local borrowed it);
//  - the enrollment rate limit counts per X-Forwarded-For client only behind a trusted proxy;
//  - the database, its -wal and -shm and a backup are mode 0600 even with umask 000.
// And one that issue 21 measured: a kept-alive connection serves 100 requests (idle polls), not
// cpp-httplib's default of 5, says "Connection: close" on the 100th and is then closed.
#include "server_fixture.hpp"
#include "support/raw_connection.hpp"

#include <doctest/doctest.h>

#include <sys/stat.h>

#include <regex>

using faltstod::test::Deployment;
using faltstod::test::Endpoint;
using faltstod::test::RawConnection;
using faltstod::test::ServerProcess;
using faltstod::test::TempDir;
using faltstod::test::run_command;
using faltstod::test::shell_quote;
using faltstod::test::status_of;
using nlohmann::json;

namespace {

const std::string kEnroll = "POST /v1/enroll HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";

// Sends only the head of a request (its body is never sent) and returns the answer within 3 s.
std::string answer_to_head(int port, const std::string& head) {
    RawConnection connection(Endpoint{port, false});
    REQUIRE(connection.send(head));
    return connection.receive(std::chrono::seconds(3));
}

unsigned mode_of(const std::filesystem::path& path) {
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    return info.st_mode & 0777;
}

}  // namespace

TEST_CASE("requests whose body the server would not read are answered before the body comes, and the connection closes") {
    Deployment d;
    struct Row {
        std::string headers;
        int status;
        const char* why;
    };
    const std::vector<Row> rows = {
        {"Transfer-Encoding: chunked\r\n", 411, "a chunked body: cpp-httplib reads it with no limit"},
        {"Transfer-Encoding: gzip, chunked\r\n", 411, "any transfer coding"},
        {"", 411, "a POST with no Content-Length: cpp-httplib reads until the client closes"},
        {"Content-Encoding: gzip\r\nContent-Length: 100\r\n", 415, "a gzip body: cpp-httplib inflates it with no limit"},
        {"Content-Encoding: br\r\nContent-Length: 100\r\n", 415, "a brotli body"},
        {"Content-Encoding: identity\r\nContent-Length: 100\r\n", 415, "any content coding"},
        {"Content-Length: 2000000\r\n", 413, "a length over --max-body-bytes"},
        {"Content-Length: 10\r\nContent-Length: 10\r\n", 400, "two lengths"},
        {"Content-Length: 0x10\r\n", 400, "a length that is not a plain number"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.why);
        RawConnection connection(Endpoint{d.server->port(), false});
        REQUIRE(connection.send(kEnroll + row.headers + "\r\n"));
        const auto answer = connection.receive(std::chrono::seconds(3));
        CHECK(status_of(answer) == row.status);
        CHECK(answer.find("Connection: close") != std::string::npos);
        CHECK(json::parse(faltstod::test::body_of(answer)).at("error").at("message").get<std::string>().size() > 10);
    }
    // A GET with a body would leave the body on a kept-alive connection as the next "request".
    CHECK(status_of(answer_to_head(d.server->port(), "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n")) == 400);
    // A proper POST still works, and so does a kept-alive connection after it.
    RawConnection connection(Endpoint{d.server->port(), false});
    const std::string body = R"({"code":"AAAA-BBBB-CCCC","device_name":"x"})";
    REQUIRE(connection.send(kEnroll + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body +
                            "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    const auto answers = connection.receive(std::chrono::seconds(3));
    CHECK(status_of(answers) == 401);
    CHECK(answers.find("HTTP/1.1 200 OK") != std::string::npos);
}

TEST_CASE("headers over --max-header-bytes get 431 even when every line is short, and a long request line gets 414") {
    Deployment d;
    std::string many_lines;
    for (int i = 0; i < 40; ++i) many_lines += "X-Filler-" + std::to_string(i) + ": " + std::string(500, 'a') + "\r\n";
    const auto answer = answer_to_head(d.server->port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n" + many_lines + "\r\n");
    CHECK(status_of(answer) == 431);
    CHECK(answer.find("Connection: close") != std::string::npos);
    CHECK(status_of(answer_to_head(d.server->port(), "GET /healthz?" + std::string(9000, 'a') + " HTTP/1.1\r\n\r\n")) == 414);
    // 12 KiB of headers is within the 16 KiB default.
    std::string fewer;
    for (int i = 0; i < 24; ++i) fewer += "X-Filler-" + std::to_string(i) + ": " + std::string(480, 'a') + "\r\n";
    CHECK(status_of(answer_to_head(d.server->port(), "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + fewer + "\r\n")) == 200);
}

TEST_CASE("a second server on a port in use refuses to start and says why, and the first keeps every request") {
    Deployment d;
    const auto port = std::to_string(d.server->port());
    TempDir other;
    const auto second = run_command("timeout 10 " + shell_quote(faltstod::test::kServerBinary) + " --db " +
                                    shell_quote((other.path() / "other.db").string()) + " serve --listen 127.0.0.1 --port " + port);
    INFO(second.output);
    CHECK(second.exit_code == 1);
    CHECK(second.output.find("cannot listen on 127.0.0.1:" + port + ": the port is in use") != std::string::npos);
    // Every connection reaches the first server: its codes are all accepted (7 more enrollments,
    // 10 in all, the limit a minute from one address).
    for (int i = 0; i < 7; ++i) d.enroll("reader");
}

TEST_CASE("the metrics listener serves /metrics without a token, and the protocol port still asks for an admin") {
    Deployment d({"--metrics-port", "0"});
    std::smatch found;
    static const std::regex metrics_port(R"(metrics without a token on http://127\.0\.0\.1:(\d+)/metrics)");
    const std::string log = d.server->log();
    REQUIRE(std::regex_search(log, found, metrics_port));
    const int port = std::stoi(found[1]);
    httplib::Client metrics("127.0.0.1", port);
    const auto open = metrics.Get("/metrics");
    REQUIRE(open);
    CHECK(open->status == 200);
    CHECK(open->body.find("faltstod_devices_active 3") != std::string::npos);
    // Nothing else is served there: not the protocol, not the admin routes.
    const auto other = metrics.Get("/v1/admin/devices", Deployment::auth(d.admin));
    REQUIRE(other);
    CHECK(other->status == 404);
    auto http = d.http();
    CHECK(http.Get("/metrics")->status == 401);
    CHECK(http.Get("/metrics", Deployment::auth(d.reader))->status == 403);
    CHECK(http.Get("/metrics", Deployment::auth(d.admin))->status == 200);
}

TEST_CASE("a request that fails before routing is logged without the device id of the request before it") {
    Deployment d;
    // Same connection, so the same worker thread: an authenticated request, then broken ones.
    const std::vector<std::string> broken = {
        "NOT-A-METHOD / HTTP/1.1\r\n\r\n",                                           // 400 from cpp-httplib's parser
        "GET /healthz HTTP/1.1\r\nX-Long: " + std::string(20000, 'a') + "\r\n\r\n",  // 431 from the header limit
        "GET /healthz?" + std::string(9000, 'a') + " HTTP/1.1\r\n\r\n",              // 414 from the request line limit
    };
    for (const auto& request : broken) {
        RawConnection connection(Endpoint{d.server->port(), false});
        REQUIRE(connection.send("GET /v1/changes HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + d.reader.token + "\r\n\r\n" + request));
        const auto answers = connection.receive(std::chrono::seconds(3));
        CHECK(status_of(answers) == 200);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    const auto log = d.server->log();
    std::istringstream lines(log);
    std::string line;
    int changes = 0, failed = 0;
    while (std::getline(lines, line)) {
        if (line.find("GET /v1/changes 200") != std::string::npos) {
            ++changes;
            CHECK(line.find("device=" + d.reader.id) != std::string::npos);
        }
        if (std::regex_search(line, std::regex(" (400|414|431) [0-9.]+ms"))) {
            ++failed;
            INFO(line);
            CHECK(line.find("device=-") != std::string::npos);
        }
    }
    INFO(log);
    CHECK(changes == 3);
    CHECK(failed == 3);
}

TEST_CASE("behind a trusted proxy the enrollment limit counts per X-Forwarded-For client, and from anyone else the header is ignored") {
    const auto attempts = [](const Deployment& d, const std::string& forwarded_for) {
        auto client = d.http();
        httplib::Headers headers;
        if (!forwarded_for.empty()) headers.emplace("X-Forwarded-For", forwarded_for);
        const json body = {{"code", "AAAA-BBBB-CCCC"}, {"device_name", "x"}};
        std::vector<int> statuses;
        for (int i = 0; i < 3; ++i) statuses.push_back(client.Post("/v1/enroll", headers, body.dump(), "application/json")->status);
        return statuses;
    };
    const std::vector<int> refused = {401, 401, 401}, limited = {429, 429, 429};
    SUBCASE("the peer is the trusted proxy: each forwarded client has its own three attempts") {
        // The fixture's three enrollments (no header) fill the proxy's own bucket of 3.
        Deployment d({"--enroll-attempts-per-minute", "3", "--trusted-proxy", "127.0.0.1"});
        CHECK(attempts(d, "192.0.2.10") == refused);
        CHECK(attempts(d, "192.0.2.11") == refused);
        // The client's own header cannot pick a new bucket: the proxy's address for it is right-most.
        CHECK(attempts(d, "198.51.100.1, 192.0.2.10") == limited);
        CHECK(attempts(d, "not an address, 192.0.2.11") == limited);
        // Through two trusted hops (nginx behind another local proxy), still the client counts.
        CHECK(attempts(d, "192.0.2.12, 127.0.0.1") == refused);
    }
    SUBCASE("the peer is not trusted: a spoofed header changes nothing") {
        Deployment d({"--enroll-attempts-per-minute", "6", "--trusted-proxy", "192.0.2.1"});
        CHECK(attempts(d, "192.0.2.10") == refused);  // 3 fixture enrollments + 3 = the limit of 6
        CHECK(attempts(d, "192.0.2.11") == limited);
        CHECK(attempts(d, "") == limited);
    }
    SUBCASE("a trusted proxy that is not an address is refused at start") {
        TempDir dir;
        const auto result = run_command(shell_quote(faltstod::test::kServerBinary) + " --db " + shell_quote((dir.path() / "s.db").string()) +
                                        " serve --port 0 --trusted-proxy nginx.local");
        CHECK(result.exit_code == 1);
        CHECK(result.output.find("trusted-proxy 'nginx.local' is not an IP address") != std::string::npos);
    }
}

TEST_CASE("the database, its -wal and -shm and a backup are mode 0600 even when the server starts with umask 000") {
    TempDir dir;
    const auto db = dir.path() / "server.db";
    const auto server = shell_quote(faltstod::test::kServerBinary) + " --db " + shell_quote(db.string());
    TempDir bundle;
    faltstod::test::write_sample_bundle(bundle);
    REQUIRE(run_command("umask 000 && " + server + " publish " + shell_quote(bundle.path().string())).exit_code == 0);
    // While a server runs (started with umask 000) the -wal and -shm files exist.
    std::unique_ptr<ServerProcess> running;
    {
        const mode_t before = ::umask(0);
        running = std::make_unique<ServerProcess>(faltstod::test::kServerBinary, db.string(), dir.path() / "server.log");
        ::umask(before);
    }
    REQUIRE(run_command("umask 000 && " + server + " enroll-code --role reader").exit_code == 0);
    REQUIRE(run_command("umask 000 && " + server + " backup " + shell_quote((dir.path() / "copy.db").string())).exit_code == 0);
    for (const auto* name : {"server.db", "server.db-wal", "server.db-shm", "copy.db"}) {
        CAPTURE(name);
        REQUIRE(std::filesystem::exists(dir.path() / name));
        CHECK(mode_of(dir.path() / name) == 0600);
    }
    running->stop();
    // A database left with a wider mode by an earlier version is tightened when opened.
    std::filesystem::permissions(db, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write |
                                         std::filesystem::perms::group_read | std::filesystem::perms::others_read);
    REQUIRE(run_command(server + " devices").exit_code == 0);
    CHECK(mode_of(db) == 0600);
}

TEST_CASE("one kept-alive connection serves 100 polls, says Connection: close on the last, and closes") {
    Deployment d;
    RawConnection connection(Endpoint{d.server->port(), false});
    const std::string poll = "GET /v1/changes?since=0&limit=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Faltstod-Protocol: 1\r\n"
                             "Authorization: Bearer " + d.reader.token + "\r\n\r\n";
    const auto lower = [](std::string text) {
        for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return text;
    };
    for (int i = 1; i <= 100; ++i) {
        CAPTURE(i);
        REQUIRE(connection.send(poll));
        const auto answer = connection.receive(std::chrono::seconds(3), true);
        REQUIRE(status_of(answer) == 200);
        const auto head = lower(answer.substr(0, answer.find("\r\n\r\n")));
        if (i < 100) {
            CHECK(head.find("\r\nconnection: close") == std::string::npos);
            CHECK(head.find("\r\nkeep-alive: timeout=5, max=100") != std::string::npos);
        } else {
            CHECK(head.find("\r\nconnection: close") != std::string::npos);
        }
    }
    // The server closed its side: end of file, and a 101st request gets no answer.
    REQUIRE(connection.answered_or_closed(std::chrono::seconds(3)));
    connection.send(poll);
    CHECK(connection.receive(std::chrono::seconds(1)).empty());
}
