// faltstod-server's config file and connection timeouts against the real binary: a misspelt key
// stops `serve` and is named, the example config in docs/protocol.md works as written, and a
// client that stops sending half-way through a request is disconnected after --read-timeout.
#include "server_fixture.hpp"

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>
#include <fstream>
#include <sstream>

using faltstod::test::run_command;
using faltstod::test::shell_quote;
using faltstod::test::TempDir;

namespace {

const std::string kServer = shell_quote(faltstod::test::kServerBinary);

// `serve` with a config file; `timeout` bounds the run in case the file were accepted.
faltstod::test::CommandResult serve_with_config(const TempDir& dir, const std::string& config_text) {
    const auto config = dir.write("server.toml", config_text).string();
    const auto db = (dir.path() / "server.db").string();
    return run_command("timeout 10 " + kServer + " --db " + shell_quote(db) + " --config " + shell_quote(config) +
                       " serve --port 0 --listen 127.0.0.1");
}

// The first ```toml block of docs/protocol.md.
std::string documented_config_example() {
    std::ifstream in(std::string(FALTSTOD_SOURCE_DIR) + "/docs/protocol.md");
    std::stringstream text;
    text << in.rdbuf();
    const std::string doc = text.str();
    const auto start = doc.find("```toml\n");
    REQUIRE(start != std::string::npos);
    const auto body = start + 8;
    const auto end = doc.find("```", body);
    REQUIRE(end != std::string::npos);
    return doc.substr(body, end - body);
}

// A loopback TCP connection, closed when the object goes away.
class RawConnection {
public:
    explicit RawConnection(int port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
        REQUIRE(fd_ >= 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(static_cast<uint16_t>(port));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    }
    ~RawConnection() { ::close(fd_); }
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    void send_text(const std::string& text) { REQUIRE(::send(fd_, text.data(), text.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(text.size())); }

    // Reads until the server closes the connection or `limit` passes; returns whether it closed.
    bool wait_until_closed(std::chrono::milliseconds limit) {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < deadline) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            pollfd fd{fd_, POLLIN, 0};
            if (::poll(&fd, 1, static_cast<int>(std::max<long>(1, left.count()))) <= 0) continue;
            char buffer[1024];
            const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
            if (n <= 0) return true;  // end of stream or reset
            received_.append(buffer, static_cast<size_t>(n));
        }
        return false;
    }
    const std::string& received() const { return received_; }

private:
    int fd_;
    std::string received_;
};

}  // namespace

TEST_CASE("a misspelt config key stops serve and names the key") {
    TempDir dir;
    SUBCASE("a typo under [serve]") {
        const auto result = serve_with_config(dir, "[serve]\nlisten = \"127.0.0.1\"\nprot = 8470\n");
        INFO(result.output);
        CHECK(result.exit_code != 0);
        CHECK(result.exit_code != 124);  // refused at once, not stopped by `timeout`
        CHECK(result.output.find("unknown key 'serve.prot'") != std::string::npos);
        CHECK(result.output.find("listening") == std::string::npos);
    }
    SUBCASE("a serve option above [serve]") {
        const auto result = serve_with_config(dir, "port = 8470\n");
        INFO(result.output);
        CHECK(result.exit_code != 0);
        CHECK(result.exit_code != 124);
        CHECK(result.output.find("unknown key 'port'") != std::string::npos);
        CHECK(result.output.find("[serve]") != std::string::npos);  // says where it belongs
    }
    SUBCASE("an unknown section") {
        const auto result = serve_with_config(dir, "[srve]\nport = 8470\n");
        INFO(result.output);
        CHECK(result.exit_code != 0);
        CHECK(result.exit_code != 124);
        CHECK(result.output.find("unknown section [srve]") != std::string::npos);
    }
}

TEST_CASE("the documented example config file works") {
    TempDir dir;
    const auto example = documented_config_example();
    CHECK(example.find("[serve]") != std::string::npos);
    CHECK(example.find("read-timeout") != std::string::npos);
    const auto config = dir.write("server.toml", example).string();
    const auto db = (dir.path() / "server.db").string();
    // --db, --port 0 and --listen on the command line win over the file's values.
    faltstod::test::ServerProcess process(faltstod::test::kServerBinary, db, dir.path() / "log", {}, {"--config", config});
    httplib::Client client("127.0.0.1", process.port());
    client.set_read_timeout(10, 0);
    auto health = client.Get("/healthz");
    REQUIRE(health);
    CHECK(health->status == 200);

    // --help shows the same format.
    const auto help = run_command(kServer + " --help");
    CHECK(help.exit_code == 0);
    for (const char* text : {"[serve]", "port = 8470", "read-timeout = 10", "write-timeout = 30"})
        CHECK(help.output.find(text) != std::string::npos);
    CHECK(help.output.find("(keys as the long flag names, e.g. port = 8470)") == std::string::npos);
}

TEST_CASE("serve --help documents the timeouts and their bounds are checked") {
    const auto help = run_command(kServer + " serve --help");
    CHECK(help.exit_code == 0);
    CHECK(help.output.find("--read-timeout") != std::string::npos);
    CHECK(help.output.find("--write-timeout") != std::string::npos);
    TempDir dir;
    const auto db = shell_quote((dir.path() / "server.db").string());
    for (const char* bad : {"--read-timeout 0", "--read-timeout 301", "--write-timeout 0", "--write-timeout 601"}) {
        const auto result = run_command("timeout 10 " + kServer + " --db " + db + " serve --port 0 --listen 127.0.0.1 " + bad);
        CHECK(result.exit_code != 0);
        CHECK(result.exit_code != 124);
    }
}

TEST_CASE("a client that stops sending half-way through its headers is disconnected after the read timeout") {
    TempDir dir;
    faltstod::test::ServerProcess process(faltstod::test::kServerBinary, (dir.path() / "server.db").string(), dir.path() / "log",
                                          {"--read-timeout", "1"});
    RawConnection connection(process.port());
    const auto start = std::chrono::steady_clock::now();
    connection.send_text("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\n");  // no blank line: headers unfinished
    const bool closed = connection.wait_until_closed(std::chrono::seconds(8));
    const auto waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    INFO("received: " << connection.received());
    CHECK(closed);
    CHECK(waited >= 0.8);  // it waited for the rest
    // It gives up after the read timeout (1 s, with a 400) and closes the connection after at most
    // as long again: about 2 s, not the default 10 s.
    CHECK(waited < 3.5);
    CHECK(connection.received().find("200 OK") == std::string::npos);

    // The server still answers others afterwards.
    httplib::Client client("127.0.0.1", process.port());
    client.set_read_timeout(5, 0);
    auto health = client.Get("/healthz");
    REQUIRE(health);
    CHECK(health->status == 200);
}
