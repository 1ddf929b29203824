// A listening TCP socket on a free port, for the test servers and proxies (fault proxy,
// scripted server, the bench's counting proxy): on loopback, or on every address for tests
// that need to reach it through an address that is not loopback.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>
#include <string>

namespace faltstod::test {

struct ListeningSocket {
    int fd = -1;
    int port = 0;
};

// Throws std::runtime_error naming `who` when the socket cannot listen.
inline ListeningSocket listen_on_free_port(const std::string& who, bool every_address = false) {
    ListeningSocket s;
    s.fd = ::socket(AF_INET, SOCK_STREAM, 0);
    int yes = 1;
    setsockopt(s.fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(every_address ? INADDR_ANY : INADDR_LOOPBACK);
    address.sin_port = 0;
    if (::bind(s.fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(s.fd, 64) != 0) {
        ::close(s.fd);
        throw std::runtime_error(who + " cannot listen");
    }
    socklen_t length = sizeof address;
    getsockname(s.fd, reinterpret_cast<sockaddr*>(&address), &length);
    s.port = ntohs(address.sin_port);
    return s;
}

}  // namespace faltstod::test
