// The address of the client behind a trusted reverse proxy (nginx in front of the server: every
// connection then comes from 127.0.0.1, and a rate limit per address would become global).
//
// Contract: X-Forwarded-For is believed only when the connection comes from one of the trusted
// proxies. Then its addresses are read from the right (the one the trusted proxy added) to the
// left, skipping trusted proxies; the first other address is the client. Anything that is not an
// IP address ends the walk, and so does a header from an untrusted peer: the peer itself is then
// the client. A client can put any address in the header it sends, but only to the left of the
// one its proxy appends, which is the one used.
#pragma once

#include <string>
#include <vector>

namespace faltstod::server {

// `peer`: the address the connection comes from; `forwarded_for`: every X-Forwarded-For header
// value in order (a proxy may send several); `trusted`: the trusted proxies' addresses.
std::string client_address(const std::string& peer, const std::vector<std::string>& forwarded_for,
                           const std::vector<std::string>& trusted);

// True for an IPv4 or IPv6 address literal (a setting is checked with this).
bool is_ip_address(const std::string& text);

}  // namespace faltstod::server
