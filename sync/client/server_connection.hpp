// The device's side of protocol v1: one call per endpoint, with the protocol version, the
// bearer token, gzip and every limit set (http_transport.hpp). Errors are values (SyncError);
// nothing here throws for network or server trouble. A status >= 400 becomes an error from the
// server's error code alone: its message text is never used, and an order to revoke or wipe
// counts only over a channel that may carry one (server_address.hpp).
#pragma once

#include "http_transport.hpp"
#include "server_address.hpp"
#include "sync_error.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace faltstod::sync {

struct ConnectionOptions {
    // Certificates (PEM) to trust for this server instead of the system's, from --ca-file on
    // this run; when empty, the ones saved at enrollment (if any) are used.
    std::string ca_pem;
    std::chrono::milliseconds connect_timeout{10000};
    std::chrono::milliseconds request_deadline{60000};            // every exchange but a snapshot
    std::chrono::milliseconds snapshot_deadline{30 * 60 * 1000};  // a whole snapshot download
    std::chrono::seconds low_speed_window{30};                   // slower than low_speed_bytes/s this long: cut off
    long low_speed_bytes = 100;
    std::uint64_t max_page_bytes = 32ull << 20;       // one change page, decompressed
    std::uint64_t max_answer_bytes = 1ull << 20;      // enrollment, push, statistics, errors
    std::uint64_t max_snapshot_bytes = 4ull << 30;    // also never more than the free disk allows
    std::uint64_t disk_reserve_bytes = 256ull << 20;  // free disk a snapshot must leave (unsent logs need it)
};

// Where and as whom this device talks to the server.
struct ServerEndpoint {
    std::string url;
    std::string token;        // empty before enrollment
    bool insecure = false;    // plain HTTP across a network, allowed at enrollment with --insecure
    std::string ca_pem;       // saved at enrollment
};

class ServerConnection {
public:
    ServerConnection(const ServerEndpoint& endpoint, const ConnectionOptions& options);

    // Set when the address may not be used (bad, or plain HTTP without --insecure); every call
    // then returns it without touching the network.
    const SyncError& address_error() const { return address_error_; }
    ChannelTrust trust() const { return trust_; }

    // POST /v1/enroll with a one-time code; `wiped_device` reports an earlier wipe (see
    // wipe_receipt.hpp) in the same request.
    HttpAnswer enroll(const std::string& code, const std::string& device_name,
                      const std::optional<nlohmann::json>& wiped_device = std::nullopt);
    // GET /v1/changes; a 304 comes back as status 304 with an empty body, the ETag in headers.
    HttpAnswer changes(std::int64_t since, int limit, const std::string& etag);
    // GET /v1/snapshot into `file`, at most `max_bytes`; progress(bytes so far).
    HttpAnswer snapshot_to_file(const std::filesystem::path& file, std::uint64_t max_bytes,
                                const std::function<void(std::uint64_t)>& progress);
    HttpAnswer push(const nlohmann::json& body);
    // GET /v1/stats with the given query parameters (name, value), percent-encoded here.
    HttpAnswer stats(const std::vector<std::pair<std::string, std::string>>& params);
    // GET /v1/content-key: the server's public content key.
    HttpAnswer content_key();
    // POST /v1/wipe-receipt: this device erased what a wipe order asked for.
    HttpAnswer wipe_receipt(const nlohmann::json& receipt);

private:
    HttpAnswer run(HttpExchange exchange);
    HttpExchange request(const std::string& method, const std::string& path, std::uint64_t max_bytes) const;

    ConnectionOptions options_;
    std::string token_;
    SyncError address_error_;
    ChannelTrust trust_ = ChannelTrust::Insecure;
    std::optional<HttpTransport> transport_;
};

// Maps a status >= 400 to a SyncError using only the server's machine-readable error code.
// A revoke or wipe order over a channel that may not carry one becomes UntrustedOrderIgnored.
SyncError error_from_answer(int status, const std::string& body, ChannelTrust trust);

}  // namespace faltstod::sync
