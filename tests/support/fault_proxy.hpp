// A small fault-injecting TCP proxy for tests: listens on a free loopback port and forwards
// each connection to the real server, except that a chosen share of requests is faulted —
// the connection dropped or reset, the request delayed, answered with 503 without reaching the
// server, or its answer cut off part-way. The kiosk keeps connections alive and the server
// serves many requests on one, so the fault is chosen per request (a client sending after the
// server has answered starts a new request), not per connection: faulting connections only
// would fault a handful of the run's requests. Deterministic for a given seed.
#pragma once

#include "listening_socket.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <mutex>
#include <random>
#include <stdexcept>
#include <thread>
#include <vector>

namespace faltstod::test {

class FaultProxy {
public:
    enum class Fault { None, Drop, Reset, Delay, ServerError, CutResponse };

    FaultProxy(int target_port, double fault_share, unsigned seed)
        : target_port_(target_port), fault_share_(fault_share), random_(seed) {
        const auto socket = listen_on_free_port("fault proxy");
        listener_ = socket.fd;
        port_ = socket.port;
        acceptor_ = std::thread([this] { accept_loop(); });
    }

    ~FaultProxy() {
        stopping_ = true;
        acceptor_.join();
        close(listener_);
        std::lock_guard lock(mutex_);
        for (auto& worker : workers_) worker.join();
    }

    int port() const { return port_; }
    int connections() const { return connections_; }
    int requests() const { return requests_; }
    int faulted() const { return faulted_; }
    void set_target_port(int port) { target_port_ = port; }

private:
    Fault choose() {
        std::lock_guard lock(mutex_);
        std::uniform_real_distribution<double> share(0, 1);
        if (share(random_) >= fault_share_) return Fault::None;
        std::uniform_int_distribution<int> kind(1, 5);
        return static_cast<Fault>(kind(random_));
    }

    void accept_loop() {
        while (!stopping_) {
            pollfd fd{listener_, POLLIN, 0};
            if (poll(&fd, 1, 50) <= 0) continue;
            const int client = accept(listener_, nullptr, nullptr);
            if (client < 0) continue;
            ++connections_;
            std::lock_guard lock(mutex_);
            workers_.emplace_back([this, client] { serve(client); });
        }
    }

    int connect_target() const {
        const int server = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = htons(static_cast<uint16_t>(target_port_.load()));
        if (connect(server, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
            close(server);
            return -1;
        }
        return server;
    }

    static void reset(int fd) {
        linger hard{1, 0};  // close with RST instead of FIN
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
        close(fd);
    }

    // Answers a request that never reaches the server with 503, after reading what came of it.
    static void answer_unavailable(int client) {
        const char answer[] = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        (void)!send(client, answer, sizeof answer - 1, MSG_NOSIGNAL);
    }

    void serve(int client) {
        int server = -1;
        std::size_t response_budget = SIZE_MAX;  // bytes of the current answer still forwarded
        Fault fault = Fault::None;
        bool awaiting_request = true;  // the next bytes from the client start a new request
        char buffer[16384];
        bool open = true;
        while (open && !stopping_) {
            pollfd fds[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
            if (poll(fds, server < 0 ? 1 : 2, 100) <= 0) continue;
            if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
                const ssize_t n = recv(client, buffer, sizeof buffer, 0);
                if (n <= 0) break;
                if (awaiting_request) {
                    awaiting_request = false;
                    ++requests_;
                    fault = choose();
                    if (fault != Fault::None) ++faulted_;
                    if (fault == Fault::Drop) break;
                    if (fault == Fault::Reset || fault == Fault::ServerError) {
                        if (fault == Fault::ServerError) answer_unavailable(client);
                        fault = Fault::Reset;
                        break;
                    }
                    if (fault == Fault::Delay) std::this_thread::sleep_for(std::chrono::milliseconds(300));
                    response_budget = fault == Fault::CutResponse ? 60 + static_cast<std::size_t>(requests_ % 7) * 40 : SIZE_MAX;
                    if (server < 0 && (server = connect_target()) < 0) break;
                }
                if (send(server, buffer, static_cast<std::size_t>(n), MSG_NOSIGNAL) < 0) break;
            }
            if (server >= 0 && (fds[1].revents & (POLLIN | POLLHUP | POLLERR))) {
                const ssize_t n = recv(server, buffer, sizeof buffer, 0);
                if (n <= 0) break;
                const std::size_t length = std::min(static_cast<std::size_t>(n), response_budget);
                response_budget -= length;
                awaiting_request = true;  // the client speaks next only after the answer
                if (send(client, buffer, length, MSG_NOSIGNAL) < 0) open = false;
                if (response_budget == 0) open = false;
            }
        }
        if (fault == Fault::CutResponse || fault == Fault::Reset) reset(client);
        else close(client);
        if (server >= 0) close(server);
    }
    std::atomic<int> target_port_;
    double fault_share_;
    std::mt19937 random_;
    int listener_ = -1;
    int port_ = 0;
    std::atomic<bool> stopping_{false};
    std::atomic<int> connections_{0};
    std::atomic<int> requests_{0};
    std::atomic<int> faulted_{0};
    std::mutex mutex_;
    std::thread acceptor_;
    std::vector<std::thread> workers_;
};

}  // namespace faltstod::test
