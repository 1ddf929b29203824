// Raising the listen backlog of the server's socket; see listen_backlog.hpp.
#include "listen_backlog.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <filesystem>
#include <string>
#include <system_error>

namespace faltstod::server {

namespace {

// The local port of a listening socket, or -1 for anything else (not a socket, not listening).
int listening_port(int fd) {
    int accepting = 0;
    socklen_t length = sizeof accepting;
    if (::getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &length) != 0 || !accepting) return -1;
    sockaddr_storage address{};
    socklen_t size = sizeof address;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) return -1;
    if (address.ss_family == AF_INET) return ntohs(reinterpret_cast<const sockaddr_in*>(&address)->sin_port);
    if (address.ss_family == AF_INET6) return ntohs(reinterpret_cast<const sockaddr_in6*>(&address)->sin6_port);
    return -1;
}

}  // namespace

bool raise_listen_backlog(int port, int backlog) {
    std::error_code error;
    bool raised = false;
    for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd", error)) {
        int fd = -1;
        try {
            fd = std::stoi(entry.path().filename().string());
        } catch (const std::exception&) {
            continue;
        }
        if (listening_port(fd) == port && ::listen(fd, backlog) == 0) raised = true;
    }
    return raised;
}

}  // namespace faltstod::server
