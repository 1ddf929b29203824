// The device's side of protocol v1: one HTTP(S) client per call, with the protocol version,
// the bearer token, gzip and timeouts set. Errors are values (SyncError) with a message a
// person can act on; nothing here throws for network or server trouble.
#pragma once

#include "device_credentials.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace faltstod::sync {

enum class SyncErrorKind {
    None,
    Network,        // no connection, timeout, TLS failure: retry with backoff
    Server,         // 5xx or an answer we cannot read: retry with backoff
    Rejected,       // 4xx for this request: a bug or bad input, do not retry blindly
    Unauthorized,   // the token is unknown: enroll again
    Revoked,        // an administrator revoked the device: stop syncing
    Wipe,           // an administrator ordered a wipe: erase local logs and the token
    ResetRequired,  // the cursor is too old: reset from the snapshot
};

struct SyncError {
    SyncErrorKind kind = SyncErrorKind::None;
    std::string message;
    explicit operator bool() const { return kind != SyncErrorKind::None; }
};

struct ConnectionOptions {
    std::string ca_file;  // extra CA bundle for HTTPS (empty: the system's)
    int connect_timeout_seconds = 10;
    int read_timeout_seconds = 30;
};

struct HttpAnswer {
    SyncError error;
    int status = 0;
    std::string body;
};

class ServerConnection {
public:
    ServerConnection(std::string server_url, std::string token, ConnectionOptions options);

    // POST /v1/enroll with a one-time code.
    HttpAnswer enroll(const std::string& code, const std::string& device_name);
    // GET /v1/changes; a 304 comes back as status 304 with an empty body.
    HttpAnswer changes(std::int64_t since, int limit, const std::string& etag, std::string* new_etag);
    // GET /v1/snapshot into `file`; progress(bytes so far) is called as data arrives.
    HttpAnswer snapshot_to_file(const std::filesystem::path& file, const std::function<void(std::size_t)>& progress);
    HttpAnswer push(const nlohmann::json& body);
    // GET /v1/stats with the given query parameters (name, value), percent-encoded here.
    HttpAnswer stats(const std::vector<std::pair<std::string, std::string>>& params);

private:
    HttpAnswer request(const std::string& method, const std::string& path, const std::string& body,
                       const std::string& etag, std::string* new_etag);
    std::string url_;
    std::string token_;
    ConnectionOptions options_;
};

// Maps a non-2xx answer to a SyncError using the server's error code and message.
SyncError error_from_answer(int status, const std::string& body);

}  // namespace faltstod::sync
