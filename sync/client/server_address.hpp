// The server's address as the device holds it, and what a connection to it can be trusted
// with. HTTPS is the rule; plain HTTP is accepted to this computer itself (a loopback address,
// where no network lies between the two programs) and, only when the person asked for it with
// --insecure at enrollment, to any other address. Orders that destroy data (revoke, wipe) are
// obeyed only over a channel an attacker on the network cannot forge: verified TLS or loopback.
#pragma once

#include "sync_error.hpp"

#include <optional>
#include <string>

namespace faltstod::sync {

struct ServerAddress {
    std::string scheme;  // "http" or "https", lower case
    std::string host;    // as written, without brackets for IPv6
    int port = 0;        // the default of the scheme when none was written
    std::string url;     // normalised: scheme://host[:port], no trailing slash
    bool loopback = false;  // localhost, 127.0.0.0/8 or ::1
};

// nullopt for anything but scheme://host[:port][/] with scheme http or https (no user name,
// path, query or fragment: a base address has none).
std::optional<ServerAddress> parse_server_address(const std::string& text);

enum class ChannelTrust {
    VerifiedTls,  // https, the certificate checked against the system's or the saved CA
    Loopback,     // http to this computer
    Insecure,     // http across a network, allowed by --insecure: anyone on the path can read and change it
};

// The trust a connection to `address` has, or an error when the address may not be used:
// BadServerAddress, or PlainHttpRefused for http to another computer without `insecure_allowed`.
struct AddressCheck {
    SyncError error;
    ServerAddress address;
    ChannelTrust trust = ChannelTrust::Insecure;
};
AddressCheck check_server_address(const std::string& text, bool insecure_allowed);

// True when an order to revoke or wipe this device may be obeyed over such a channel.
inline bool may_obey_destructive_orders(ChannelTrust trust) { return trust != ChannelTrust::Insecure; }

}  // namespace faltstod::sync
