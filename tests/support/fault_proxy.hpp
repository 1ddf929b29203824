// A small fault-injecting TCP proxy for tests: listens on a free loopback port and forwards
// each connection to the real server, except that a chosen share of connections is faulted —
// dropped at once, reset, delayed, answered with 503 without reaching the server, or cut off
// after part of the server's answer. The sync engine opens one connection per request, so
// this is a share of requests. Deterministic for a given seed.
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
            const Fault fault = choose();
            if (fault != Fault::None) ++faulted_;
            std::lock_guard lock(mutex_);
            workers_.emplace_back([this, client, fault] { serve(client, fault); });
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

    void serve(int client, Fault fault) {
        switch (fault) {
            case Fault::Drop: close(client); return;
            case Fault::Reset: reset(client); return;
            case Fault::ServerError: {
                char buffer[65536];
                pollfd fd{client, POLLIN, 0};
                if (poll(&fd, 1, 2000) > 0) (void)!recv(client, buffer, sizeof buffer, 0);
                const char answer[] = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
                (void)!send(client, answer, sizeof answer - 1, MSG_NOSIGNAL);
                close(client);
                return;
            }
            case Fault::Delay: std::this_thread::sleep_for(std::chrono::milliseconds(300)); break;
            default: break;
        }
        const int server = connect_target();
        if (server < 0) {
            close(client);
            return;
        }
        // Forward both ways; with CutResponse, stop after part of the server's answer.
        std::size_t response_budget = fault == Fault::CutResponse ? 60 + static_cast<std::size_t>(client % 7) * 40 : SIZE_MAX;
        char buffer[16384];
        bool open = true;
        while (open && !stopping_) {
            pollfd fds[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
            if (poll(fds, 2, 100) <= 0) continue;
            for (int i = 0; i < 2 && open; ++i) {
                if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
                const ssize_t n = recv(fds[i].fd, buffer, sizeof buffer, 0);
                if (n <= 0) {
                    open = false;
                    break;
                }
                std::size_t length = static_cast<std::size_t>(n);
                if (i == 1) {
                    length = std::min(length, response_budget);
                    response_budget -= length;
                }
                if (send(fds[1 - i].fd, buffer, length, MSG_NOSIGNAL) < 0) open = false;
                if (i == 1 && response_budget == 0) open = false;
            }
        }
        if (fault == Fault::CutResponse) reset(client);
        else close(client);
        close(server);
    }

    std::atomic<int> target_port_;
    double fault_share_;
    std::mt19937 random_;
    int listener_ = -1;
    int port_ = 0;
    std::atomic<bool> stopping_{false};
    std::atomic<int> connections_{0};
    std::atomic<int> faulted_{0};
    std::mutex mutex_;
    std::thread acceptor_;
    std::vector<std::thread> workers_;
};

}  // namespace faltstod::test
