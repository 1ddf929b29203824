// A loopback TCP proxy that counts what crosses the wire between the sync engine and the
// server: bytes each way, connections, and per answer its status and header/body sizes. The
// engine opens one connection per request, so each connection holds one answer; the proxy
// still splits a kept-alive stream at each "HTTP/1.1 " status line it sees after a body of
// known Content-Length.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdlib>
#include <cstdint>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace faltstod::bench {

struct WireAnswer {
    int status = 0;
    std::size_t header_bytes = 0;
    std::size_t body_bytes = 0;
};

struct WireCount {
    std::size_t connections = 0;
    std::size_t bytes_up = 0;    // client → server, headers and bodies
    std::size_t bytes_down = 0;  // server → client
    std::vector<WireAnswer> answers;
};

class CountingProxy {
public:
    explicit CountingProxy(int target_port) : target_port_(target_port) {
        listener_ = socket(AF_INET, SOCK_STREAM, 0);
        int yes = 1;
        setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || listen(listener_, 64) != 0)
            throw std::runtime_error("counting proxy cannot listen");
        socklen_t length = sizeof address;
        getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
        port_ = ntohs(address.sin_port);
        acceptor_ = std::thread([this] { accept_loop(); });
    }
    ~CountingProxy() {
        stopping_ = true;
        shutdown(listener_, SHUT_RDWR);
        close(listener_);
        acceptor_.join();
        for (auto& worker : workers_) worker.join();
    }
    CountingProxy(const CountingProxy&) = delete;
    CountingProxy& operator=(const CountingProxy&) = delete;

    int port() const { return port_; }

    // What was counted since the last call (connections still open count what they moved).
    WireCount take() {
        std::lock_guard lock(mutex_);
        WireCount result = count_;
        count_ = {};
        return result;
    }

private:
    void accept_loop() {
        while (!stopping_) {
            pollfd waiting{listener_, POLLIN, 0};
            if (poll(&waiting, 1, 100) <= 0) continue;
            const int client = accept(listener_, nullptr, nullptr);
            if (client < 0) continue;
            {
                std::lock_guard lock(mutex_);
                ++count_.connections;
            }
            workers_.emplace_back([this, client] { forward(client); });
        }
    }

    void forward(int client) {
        const int server = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = htons(static_cast<std::uint16_t>(target_port_));
        if (connect(server, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
            close(server);
            close(client);
            return;
        }
        // Forward each piece at once, as a direct connection would (no Nagle delay added here).
        int yes = 1;
        setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
        setsockopt(server, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
        AnswerParser parser;
        char buffer[65536];
        pollfd fds[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
        bool open = true;
        while (open && !stopping_) {
            if (poll(fds, 2, 100) <= 0) continue;
            for (int i = 0; i < 2 && open; ++i) {
                if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
                const ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
                if (n <= 0 || !write_all(fds[1 - i].fd, buffer, static_cast<std::size_t>(n))) {
                    open = false;
                    break;
                }
                std::lock_guard lock(mutex_);
                if (i == 0) count_.bytes_up += static_cast<std::size_t>(n);
                else {
                    count_.bytes_down += static_cast<std::size_t>(n);
                    parser.feed(std::string_view(buffer, static_cast<std::size_t>(n)), count_.answers);
                }
            }
        }
        close(server);
        close(client);
    }

    static bool write_all(int fd, const char* data, std::size_t size) {
        while (size > 0) {
            const ssize_t n = write(fd, data, size);
            if (n <= 0) return false;
            data += n;
            size -= static_cast<std::size_t>(n);
        }
        return true;
    }

    // Splits the server's byte stream into answers: headers up to the blank line, then the body.
    struct AnswerParser {
        std::string headers;
        bool in_body = false;
        std::size_t body_left = SIZE_MAX;  // unknown length (chunked): the rest of the connection

        void feed(std::string_view data, std::vector<WireAnswer>& answers) {
            while (!data.empty()) {
                if (in_body) {
                    const std::size_t take = std::min(body_left, data.size());
                    answers.back().body_bytes += take;
                    data.remove_prefix(take);
                    if (body_left != SIZE_MAX) body_left -= take;
                    if (body_left == 0) in_body = false;
                    continue;
                }
                const std::size_t before = headers.size();
                headers.append(data);
                const std::size_t end = headers.find("\r\n\r\n");
                if (end == std::string::npos) return;
                const std::size_t header_size = end + 4;
                data.remove_prefix(header_size - before);
                headers.resize(header_size);
                WireAnswer answer;
                answer.header_bytes = header_size;
                if (headers.size() > 12) answer.status = std::atoi(headers.c_str() + 9);
                body_left = content_length();
                answers.push_back(answer);
                headers.clear();
                in_body = body_left != 0;
            }
        }

        std::size_t content_length() const {
            std::string lower = headers;
            for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            const auto at = lower.find("\r\ncontent-length:");
            if (at != std::string::npos) return std::strtoull(lower.c_str() + at + 17, nullptr, 10);
            if (lower.find("transfer-encoding: chunked") != std::string::npos) return SIZE_MAX;
            return 0;  // 304, 204 and friends
        }
    };

    int target_port_;
    int listener_ = -1;
    int port_ = 0;
    std::atomic<bool> stopping_{false};
    std::thread acceptor_;
    std::vector<std::thread> workers_;
    std::mutex mutex_;
    WireCount count_;
};

}  // namespace faltstod::bench
