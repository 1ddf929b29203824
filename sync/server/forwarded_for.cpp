// The client's address behind a trusted proxy; see forwarded_for.hpp.
#include "forwarded_for.hpp"

#include <arpa/inet.h>

#include <algorithm>

namespace faltstod::server {

namespace {

std::string trimmed(const std::string& text) {
    const auto begin = text.find_first_not_of(" \t");
    if (begin == std::string::npos) return "";
    return text.substr(begin, text.find_last_not_of(" \t") - begin + 1);
}

// One spelling per address, so "::ffff:127.0.0.1" and "127.0.0.1" compare equal.
std::string canonical(const std::string& address) {
    in6_addr v6{};
    if (inet_pton(AF_INET6, address.c_str(), &v6) == 1) {
        if (IN6_IS_ADDR_V4MAPPED(&v6)) {
            char text[INET_ADDRSTRLEN];
            inet_ntop(AF_INET, &v6.s6_addr[12], text, sizeof text);
            return text;
        }
        char text[INET6_ADDRSTRLEN];
        inet_ntop(AF_INET6, &v6, text, sizeof text);
        return text;
    }
    return address;
}

bool is_trusted(const std::string& address, const std::vector<std::string>& trusted) {
    const auto mine = canonical(address);
    return std::any_of(trusted.begin(), trusted.end(), [&](const std::string& t) { return canonical(t) == mine; });
}

}  // namespace

bool is_ip_address(const std::string& text) {
    in_addr v4{};
    in6_addr v6{};
    return inet_pton(AF_INET, text.c_str(), &v4) == 1 || inet_pton(AF_INET6, text.c_str(), &v6) == 1;
}

std::string client_address(const std::string& peer, const std::vector<std::string>& forwarded_for,
                           const std::vector<std::string>& trusted) {
    if (!is_trusted(peer, trusted)) return canonical(peer);
    std::vector<std::string> hops;
    for (const auto& header : forwarded_for) {
        std::size_t start = 0;
        while (start <= header.size()) {
            const auto comma = header.find(',', start);
            hops.push_back(trimmed(header.substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
    }
    std::string client = peer;
    for (auto hop = hops.rbegin(); hop != hops.rend(); ++hop) {
        if (!is_ip_address(*hop)) break;
        client = *hop;
        if (!is_trusted(*hop, trusted)) break;
    }
    return canonical(client);
}

}  // namespace faltstod::server
