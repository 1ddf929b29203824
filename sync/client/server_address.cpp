// Parsing the server address and deciding what a connection to it may be trusted with; see
// server_address.hpp.
#include "server_address.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>

namespace faltstod::sync {

namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

bool is_loopback_host(const std::string& host) {
    if (lower(host) == "localhost") return true;
    in_addr v4{};
    if (inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
    in6_addr v6{};
    if (inet_pton(AF_INET6, host.c_str(), &v6) == 1) return IN6_IS_ADDR_LOOPBACK(&v6);
    return false;
}

// Letters, digits, '-' and '.' (a DNS name or an IPv4 address).
bool is_host_name(const std::string& host) {
    return !host.empty() && host.size() <= 253 && std::all_of(host.begin(), host.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '-' || c == '.';
    });
}

}  // namespace

std::optional<ServerAddress> parse_server_address(const std::string& text) {
    ServerAddress a;
    const auto scheme_end = text.find("://");
    if (scheme_end == std::string::npos) return std::nullopt;
    a.scheme = lower(text.substr(0, scheme_end));
    if (a.scheme != "http" && a.scheme != "https") return std::nullopt;
    std::string rest = text.substr(scheme_end + 3);
    if (!rest.empty() && rest.back() == '/') rest.pop_back();
    if (rest.find_first_of("/?#@ \t\r\n") != std::string::npos) return std::nullopt;
    std::string port_text;
    if (!rest.empty() && rest.front() == '[') {
        const auto close = rest.find(']');
        if (close == std::string::npos) return std::nullopt;
        a.host = rest.substr(1, close - 1);
        in6_addr v6{};
        if (inet_pton(AF_INET6, a.host.c_str(), &v6) != 1) return std::nullopt;
        const std::string after = rest.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':') return std::nullopt;
            port_text = after.substr(1);
        }
    } else {
        const auto colon = rest.find(':');
        a.host = rest.substr(0, colon);
        if (colon != std::string::npos) port_text = rest.substr(colon + 1);
        if (!is_host_name(a.host)) return std::nullopt;
    }
    a.port = a.scheme == "https" ? 443 : 80;
    if (!port_text.empty() || rest.find(':') != std::string::npos) {
        if (port_text.empty() || port_text.size() > 5 ||
            !std::all_of(port_text.begin(), port_text.end(), [](unsigned char c) { return std::isdigit(c); }))
            return std::nullopt;
        a.port = std::stoi(port_text);
        if (a.port < 1 || a.port > 65535) return std::nullopt;
    }
    const bool v6 = a.host.find(':') != std::string::npos;
    a.url = a.scheme + "://" + (v6 ? "[" + a.host + "]" : a.host) + (port_text.empty() ? "" : ":" + port_text);
    a.loopback = is_loopback_host(a.host);
    return a;
}

AddressCheck check_server_address(const std::string& text, bool insecure_allowed) {
    AddressCheck check;
    const auto address = parse_server_address(text);
    if (!address) {
        check.error = {SyncErrorKind::Rejected, SyncProblem::BadServerAddress, ""};
        return check;
    }
    check.address = *address;
    if (address->scheme == "https") {
        check.trust = ChannelTrust::VerifiedTls;
    } else if (address->loopback) {
        check.trust = ChannelTrust::Loopback;
    } else if (insecure_allowed) {
        check.trust = ChannelTrust::Insecure;
    } else {
        check.error = {SyncErrorKind::Rejected, SyncProblem::PlainHttpRefused, address->host};
    }
    return check;
}

}  // namespace faltstod::sync
