// A scripted HTTP server for hostile-network tests: it plays a server that is wrong or an
// attacker on the path. It reads each request and hands it to the test's handler, which writes
// whatever it likes to the raw socket — an endless body, one byte at a time, a forged order, a
// tampered page — and counts requests per path. Listens on a free port, on loopback or (for
// tests that need an address that is not loopback) on every address.
#pragma once

#include "listening_socket.hpp"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace faltstod::test {

struct ScriptedRequest {
    std::string method;
    std::string target;  // path and query, as sent
    std::string path;    // without the query
    std::string headers;  // the raw header block
    std::string body;

    std::string query_value(const std::string& name) const {
        const auto q = target.find('?');
        if (q == std::string::npos) return "";
        const std::string query = "&" + target.substr(q + 1);
        const auto at = query.find("&" + name + "=");
        if (at == std::string::npos) return "";
        const auto start = at + name.size() + 2;
        return query.substr(start, query.find('&', start) - start);
    }
};

// The handler's way back to the client.
class ScriptedReply {
public:
    explicit ScriptedReply(int fd) : fd_(fd) {}

    // False once the client has gone (a write failed).
    bool send(std::string_view bytes) {
        while (!bytes.empty()) {
            const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
            if (n <= 0) return false;
            bytes.remove_prefix(static_cast<std::size_t>(n));
        }
        return true;
    }

    // A complete answer with Content-Length; the connection closes after it.
    bool answer(int status, const std::string& body, const std::vector<std::string>& headers = {},
                const std::string& type = "application/json") {
        std::string head = "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: " + type +
                           "\r\nContent-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n";
        for (const auto& h : headers) head += h + "\r\n";
        return send(head + "\r\n") && send(body);
    }

    // Headers only, for a body the handler then sends itself (it ends when the connection closes).
    bool start_body(int status, const std::vector<std::string>& headers = {}) {
        std::string head = "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: application/json\r\nConnection: close\r\n";
        for (const auto& h : headers) head += h + "\r\n";
        return send(head + "\r\n");
    }

private:
    int fd_;
};

class ScriptedServer {
public:
    using Handler = std::function<void(const ScriptedRequest&, ScriptedReply&)>;

    explicit ScriptedServer(Handler handler, bool every_address = false) : handler_(std::move(handler)) {
        const auto socket = listen_on_free_port("scripted server", every_address);
        listener_ = socket.fd;
        port_ = socket.port;
        acceptor_ = std::thread([this] { accept_loop(); });
    }

    ~ScriptedServer() {
        stopping_ = true;
        acceptor_.join();
        ::close(listener_);
        std::lock_guard lock(mutex_);
        for (auto& worker : workers_) worker.join();
    }

    ScriptedServer(const ScriptedServer&) = delete;
    ScriptedServer& operator=(const ScriptedServer&) = delete;

    int port() const { return port_; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    bool stopping() const { return stopping_; }

    int requests(const std::string& path = "") const {
        std::lock_guard lock(mutex_);
        if (path.empty()) return total_;
        const auto it = per_path_.find(path);
        return it == per_path_.end() ? 0 : it->second;
    }
    int connections() const { return connections_; }

    // An IPv4 address of this machine that is not loopback, for tests of plain HTTP across a
    // network; "0.0.0.0" (which Linux connects to this machine) when there is none.
    static std::string non_loopback_address() {
        ifaddrs* list = nullptr;
        std::string found = "0.0.0.0";
        if (getifaddrs(&list) == 0) {
            for (auto* i = list; i; i = i->ifa_next) {
                if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET) continue;
                const auto* v4 = reinterpret_cast<const sockaddr_in*>(i->ifa_addr);
                if ((ntohl(v4->sin_addr.s_addr) >> 24) == 127) continue;
                char text[INET_ADDRSTRLEN];
                inet_ntop(AF_INET, &v4->sin_addr, text, sizeof text);
                found = text;
                break;
            }
            freeifaddrs(list);
        }
        return found;
    }

private:
    void accept_loop() {
        while (!stopping_) {
            pollfd fd{listener_, POLLIN, 0};
            if (poll(&fd, 1, 50) <= 0) continue;
            const int client = ::accept(listener_, nullptr, nullptr);
            if (client < 0) continue;
            ++connections_;
            std::lock_guard lock(mutex_);
            workers_.emplace_back([this, client] { serve(client); });
        }
    }

    // Reads one request (headers, then Content-Length bytes of body); false when the client left.
    bool read_request(int fd, ScriptedRequest& request) {
        std::string data;
        char buffer[65536];
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        std::size_t header_end;
        while ((header_end = data.find("\r\n\r\n")) == std::string::npos) {
            if (std::chrono::steady_clock::now() > deadline || stopping_) return false;
            pollfd p{fd, POLLIN, 0};
            if (poll(&p, 1, 100) <= 0) continue;
            const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
            if (n <= 0) return false;
            data.append(buffer, static_cast<std::size_t>(n));
        }
        request.headers = data.substr(0, header_end);
        const auto line_end = request.headers.find("\r\n");
        const std::string line = request.headers.substr(0, line_end);
        const auto space = line.find(' ');
        request.method = line.substr(0, space);
        request.target = line.substr(space + 1, line.find(' ', space + 1) - space - 1);
        request.path = request.target.substr(0, request.target.find('?'));
        std::size_t length = 0;
        std::string lower = request.headers;
        for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (const auto at = lower.find("\r\ncontent-length:"); at != std::string::npos)
            length = std::stoul(lower.substr(at + 17, lower.find("\r\n", at + 2) - at - 17));
        request.body = data.substr(header_end + 4);
        while (request.body.size() < length) {
            if (std::chrono::steady_clock::now() > deadline || stopping_) return false;
            pollfd p{fd, POLLIN, 0};
            if (poll(&p, 1, 100) <= 0) continue;
            const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
            if (n <= 0) return false;
            request.body.append(buffer, static_cast<std::size_t>(n));
        }
        return true;
    }

    void serve(int fd) {
        ScriptedRequest request;
        if (read_request(fd, request)) {
            {
                std::lock_guard lock(mutex_);
                ++total_;
                ++per_path_[request.path];
            }
            ScriptedReply reply(fd);
            handler_(request, reply);
        }
        ::shutdown(fd, SHUT_RDWR);
        ::close(fd);
    }

    Handler handler_;
    int listener_ = -1;
    int port_ = 0;
    std::atomic<bool> stopping_{false};
    std::atomic<int> connections_{0};
    mutable std::mutex mutex_;
    int total_ = 0;
    std::map<std::string, int> per_path_;
    std::thread acceptor_;
    std::vector<std::thread> workers_;
};

}  // namespace faltstod::test
