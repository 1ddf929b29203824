// The production layout of issue 17 with real processes: nginx (Debian's nginx-light), running
// the shipped packaging/nginx/faltstod-server.conf with only its addresses and certificate paths
// replaced, terminates TLS in front of the real faltstod-server on loopback. Every attack of
// tests/support/hostile_requests.hpp goes through it, one after another against the same
// server; throughout, the server must stay under 64 MB (VmHWM, plain builds) and /healthz must
// answer through nginx within a second, asked on a new connection every 200 ms.
//
// nginx runs as this test's own child process, with its configuration, pid file, logs and temp
// folders in a temporary folder: it works as root and as a normal user. When nginx is not
// installed the program says so and exits 77, which CTest reports as skipped.
#include "support/hostile_requests.hpp"
#include "support/sample_bundle.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <sstream>
#include <thread>

using namespace faltstod::test;

namespace {

const std::string kServerBinary = FALTSTOD_SERVER_BIN;
const std::string kSiteConfig = std::string(FALTSTOD_SOURCE_DIR) + "/packaging/nginx/faltstod-server.conf";
constexpr std::uint64_t kMemoryLimit = 64 * kMiB;

std::string nginx_binary() {
    for (const char* candidate : {"/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"})
        if (access(candidate, X_OK) == 0) return candidate;
    return "";
}

// A free loopback port (bound, read, released: nginx binds it right after).
int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(fd);
    return ntohs(address.sin_port);
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
    REQUIRE_MESSAGE(text.find(from) != std::string::npos, "the shipped nginx configuration no longer has '" << from << "'");
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) text.replace(at, from.size(), to);
}

// nginx with the shipped site configuration, as a child process.
class Nginx {
public:
    Nginx(const std::string& binary, const TempDir& dir, int server_port) {
        const auto path = [&dir](const std::string& name) { return (dir.path() / name).string(); };
        const auto made = run_command("cd " + shell_quote(dir.path().string()) +
                                      " && openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost"
                                      " -addext subjectAltName=IP:127.0.0.1 -keyout key.pem -out cert.pem");
        INFO(made.output);
        REQUIRE(made.exit_code == 0);
        std::ifstream in(kSiteConfig);
        REQUIRE(in);
        std::stringstream text;
        text << in.rdbuf();
        std::string site = text.str();
        port_ = free_port();
        replace_all(site, "listen 443 ssl;", "listen 127.0.0.1:" + std::to_string(port_) + " ssl;");
        replace_all(site, "listen [::]:443 ssl;", "");
        replace_all(site, "/etc/faltstod/tls/fullchain.pem", path("cert.pem"));
        replace_all(site, "/etc/faltstod/tls/privkey.pem", path("key.pem"));
        replace_all(site, "server 127.0.0.1:8470;", "server 127.0.0.1:" + std::to_string(server_port) + ";");
        dir.write("site.conf", site);
        std::string main;
        if (geteuid() == 0) main += "user root root;\n";  // its workers would else be 'nobody', shut out of the temp folder
        main += "worker_processes 1;\npid " + path("nginx.pid") + ";\nerror_log " + path("error.log") + " warn;\n" +
                "events { worker_connections 1024; }\n"
                "http {\n"
                "  access_log " + path("access.log") + ";\n"
                "  client_body_temp_path " + path("body") + ";\n  proxy_temp_path " + path("proxy") + ";\n"
                "  fastcgi_temp_path " + path("fastcgi") + ";\n  uwsgi_temp_path " + path("uwsgi") + ";\n"
                "  scgi_temp_path " + path("scgi") + ";\n"
                "  include " + path("site.conf") + ";\n"
                "}\n";
        dir.write("nginx.conf", main);
        error_log_ = path("error.log");
        const std::vector<std::string> args = {binary, "-p", dir.path().string(), "-c", path("nginx.conf"), "-e", error_log_,
                                               "-g", "daemon off;"};
        std::vector<char*> argv;
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        REQUIRE(posix_spawn(&pid_, argv[0], nullptr, nullptr, argv.data(), environ) == 0);
        // Up when /healthz answers through it.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (std::chrono::steady_clock::now() < deadline) {
            if (connectable() && ask_health(endpoint()).status == 200) return;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        FAIL("nginx did not come up; its log:\n" << log());
    }
    ~Nginx() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGTERM);
        int status = 0;
        for (int i = 0; i < 100 && waitpid(pid_, &status, WNOHANG) == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
        if (waitpid(pid_, &status, WNOHANG) == 0) {
            ::kill(pid_, SIGKILL);
            waitpid(pid_, &status, 0);
        }
    }
    Nginx(const Nginx&) = delete;
    Nginx& operator=(const Nginx&) = delete;

    Endpoint endpoint() const { return {port_, true}; }
    std::string log() const {
        std::ifstream in(error_log_);
        std::stringstream text;
        text << in.rdbuf();
        return text.str();
    }

private:
    bool connectable() const {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(static_cast<std::uint16_t>(port_));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
        ::close(fd);
        return ok;
    }
    pid_t pid_ = -1;
    int port_ = 0;
    std::string error_log_;
};

double mib(std::uint64_t bytes) { return static_cast<double>(bytes) / kMiB; }

}  // namespace

TEST_CASE("behind the shipped nginx configuration the server stays under 64 MB and /healthz answers within 1 s through every attack") {
    const auto nginx = nginx_binary();
    if (nginx.empty()) {
        std::cout << "SKIP: nginx is not installed (apt-get install nginx-light; packaging/install-deps.sh does)" << std::endl;
        std::exit(77);
    }
    TempDir dir;
    const std::string db = (dir.path() / "server.db").string();
    {
        TempDir bundle;
        write_sample_bundle(bundle);
        REQUIRE(run_command(shell_quote(kServerBinary) + " --db " + shell_quote(db) + " publish " + shell_quote(bundle.path().string())).exit_code == 0);
    }
    ServerProcess server(kServerBinary, db, dir.path() / "server.log", {"--trusted-proxy", "127.0.0.1"});
    TempDir nginx_dir;
    Nginx front(nginx, nginx_dir, server.port());
    const Endpoint endpoint = front.endpoint();

    // What nginx (or the server behind it, for the gzip body) answers.
    const std::map<std::string, int> expected = {
        {"a chunked POST of 150 MiB", 413},               // client_max_body_size, counted while de-chunking
        {"a POST of 150 MiB with no length", 411},        // nginx passes it on with no body; the server refuses it
        {"a gzip body of 150 KiB that inflates to 150 MiB", 415},  // passed on; the server refuses it
        {"a request line of 256 MiB", 414},               // large_client_header_buffers
        {"64 MiB of header lines", 400},                  // "Request Header Or Cookie Too Large"
    };
    for (const auto& attack : byte_floods()) {
        CAPTURE(attack.name);
        HealthWatch watch(endpoint);
        const auto outcome = attack.run(endpoint);
        watch.finish();
        const auto peak = peak_rss_bytes(server.pid());
        std::printf("FIGURE nginx | %s | answer %d | server peak RSS %.1f MiB | slowest /healthz %.3f s of %d asked\n",
                    attack.name.c_str(), outcome.status, mib(peak), watch.slowest(), watch.asked());
        INFO("answer: " << outcome.answer.substr(0, 300) << "\nnginx log:\n" << front.log());
        CHECK(outcome.status == expected.at(attack.name));
        CHECK(watch.failures() == 0);
        CHECK(watch.slowest() < 1.0);
        if (!FALTSTOD_SANITIZED) CHECK(peak < kMemoryLimit);
    }

    // Twelve clients sending one byte every 4 s, through nginx.
    SlowClients slow(endpoint, 12);
    const auto [slowest, failures, asked] = ask_health_while_trickling(endpoint, slow);
    const auto peak = peak_rss_bytes(server.pid());
    std::printf("FIGURE nginx | 12 slow clients, 1 byte / 4 s | server peak RSS %.1f MiB | slowest /healthz %.3f s of %d asked\n", mib(peak),
                slowest, asked);
    CHECK(failures == 0);
    CHECK(slowest < 1.0);
    if (!FALTSTOD_SANITIZED) CHECK(peak < kMemoryLimit);
    // Of the floods only two requests reached the server: the POST with no length (nginx reads it
    // as a POST with no body, and the 150 MiB after it as a broken next request, which it drops)
    // and the gzip body (nginx does not look into bodies). Both were refused at once.
    const auto log = server.log();
    INFO(log);
    CHECK_FALSE(std::regex_search(log, std::regex(R"( (408|413|414|431) [0-9.]+ms)")));
    CHECK(log.find("POST /v1/enroll 411") != std::string::npos);
    CHECK(log.find("POST /v1/enroll 415") != std::string::npos);
}
