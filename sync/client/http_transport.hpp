// One HTTP(S) exchange from the device, over libcurl, with every limit a hostile network or
// server could otherwise exploit: a deadline for the whole exchange, a lowest speed (an answer
// that trickles in is cut off), a cap on the answer's size after decompression, on its headers,
// and on the protocols allowed (https only, unless the address is plain http that the caller
// has already approved). No redirects are followed. Errors come back as values, never thrown.
//
// libcurl rather than the cpp-httplib client the server uses: libcurl has a whole-request
// deadline, a low-speed limit, a header size limit and protocol restriction built in, and keeps
// connections alive between requests (docs/architecture.md).
//
// Thread safety: one HttpTransport per thread; different transports may run at once.
#pragma once

#include "server_address.hpp"
#include "sync_error.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace faltstod::sync {

struct HttpLimits {
    std::chrono::milliseconds connect_timeout{10000};
    std::chrono::milliseconds deadline{60000};  // the whole exchange, answer included
    // An answer slower than low_speed_bytes a second for this long is cut off. The whole-exchange
    // deadline bounds the rest.
    std::chrono::seconds low_speed_window{30};
    long low_speed_bytes = 100;
    std::uint64_t max_body_bytes = 1 << 20;   // after decompression
    std::size_t max_header_bytes = 64 * 1024;  // all header lines together
};

struct HttpExchange {
    std::string method = "GET";  // GET or POST
    std::string path;            // "/v1/changes?since=0", appended to the server's address
    std::vector<std::string> headers;  // "Name: value"
    std::string body;                  // POST only, sent as application/json
    HttpLimits limits;
    // When set, a 2xx body goes here piece by piece instead of into HttpAnswer::body (a snapshot
    // to a file); returning false stops the exchange (SyncProblem::LocalFailure unless the sink
    // set `sink_error`). Error bodies (status >= 400) always go to HttpAnswer::body.
    std::function<bool(const char*, std::size_t)> sink;
    SyncError* sink_error = nullptr;
    // Called with the bytes of body received so far.
    std::function<void(std::uint64_t)> progress;
};

struct HttpAnswer {
    SyncError error;  // a transport failure; the status is 0 then
    int status = 0;
    std::string body;
    std::map<std::string, std::string> headers;  // names in lower case; the last of repeated ones
    std::uint64_t body_bytes = 0;                // what arrived, also when it went to the sink

    std::string header(const std::string& lower_case_name) const;
};

class HttpTransport {
public:
    // `ca_pem`: certificates (PEM) to trust instead of the system's; empty: the system's.
    HttpTransport(ServerAddress address, ChannelTrust trust, std::string ca_pem);
    ~HttpTransport();
    HttpTransport(const HttpTransport&) = delete;
    HttpTransport& operator=(const HttpTransport&) = delete;

    HttpAnswer exchange(const HttpExchange& request);

    ChannelTrust trust() const { return trust_; }
    const ServerAddress& address() const { return address_; }

private:
    struct Handle;
    ServerAddress address_;
    ChannelTrust trust_;
    std::string ca_pem_;
    std::unique_ptr<Handle> handle_;  // kept between exchanges: the connection stays open
};

}  // namespace faltstod::sync
