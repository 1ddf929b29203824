// The server's listening socket gets a longer accept queue than cpp-httplib's built-in 5
// (listen_backlog.hpp). Checked the way a burst of laptops would meet it: many connections at
// once to a socket nobody accepts on; the kernel completes only as many as the queue holds.
#include "listen_backlog.hpp"

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <unistd.h>

#include <vector>

namespace {

// A socket on 127.0.0.1 with an ephemeral port, listening with `backlog`; closed on destruction.
struct Listener {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    int port = 0;
    explicit Listener(int backlog) {
        REQUIRE(fd >= 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
        REQUIRE(::listen(fd, backlog) == 0);
        socklen_t size = sizeof address;
        REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0);
        port = ntohs(address.sin_port);
    }
    ~Listener() { ::close(fd); }
};

// Opens `count` connections at once without anyone accepting them; returns how many the
// kernel completed within half a second.
int connections_completed(int port, int count) {
    std::vector<int> sockets;
    for (int i = 0; i < count; ++i) {
        const int s = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        REQUIRE(s >= 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = htons(static_cast<uint16_t>(port));
        ::connect(s, reinterpret_cast<sockaddr*>(&address), sizeof address);  // EINPROGRESS
        sockets.push_back(s);
    }
    ::usleep(500 * 1000);
    int completed = 0;
    for (const int s : sockets) {
        pollfd p{s, POLLOUT, 0};
        int error = 0;
        socklen_t length = sizeof error;
        if (::poll(&p, 1, 0) == 1 && (p.revents & POLLOUT) && ::getsockopt(s, SOL_SOCKET, SO_ERROR, &error, &length) == 0 && error == 0)
            ++completed;
        ::close(s);
    }
    return completed;
}

}  // namespace

TEST_CASE("the listening socket's accept queue is raised from cpp-httplib's 5") {
    Listener small(5);
    CHECK(connections_completed(small.port, 40) < 20);  // the kernel holds about backlog + 1

    Listener raised(5);
    REQUIRE(faltstod::server::raise_listen_backlog(raised.port, 128));
    CHECK(connections_completed(raised.port, 40) == 40);

    CHECK_FALSE(faltstod::server::raise_listen_backlog(1));  // no socket of ours listens there
}
