// The HTTP face of faltstod-server: protocol v1 routes over cpp-httplib, with auth, limits,
// metrics and request logging. Routes are in http_routes.cpp; this class owns the listeners:
// the protocol's, and optionally a separate one that serves only /metrics without a token
// (loopback by default), so monitoring needs no credential that could wipe laptops.
#pragma once

#include "connection_pool.hpp"
#include "consultation_rules.hpp"
#include "content_signature.hpp"
#include "published_contacts_cache.hpp"
#include "rate_limiter.hpp"
#include "server_metrics.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace faltstod::server {

class GuardedHttpServer;
class TlsContext;

struct ServerConfig {
    std::string db_path = "faltstod-server.db";
    std::string host = "127.0.0.1";
    int port = 8470;  // 0: any free port (tests)
    std::string tls_cert;
    std::string tls_key;
    std::size_t max_body_bytes = 1 << 20;  // larger requests get 413
    int max_push_records = 200;            // per POST /v1/push
    int default_page = 500;                // /v1/changes rows per page
    int max_page = 1000;
    int enroll_attempts_per_minute = 10;  // per client address
    int read_timeout_seconds = 10;        // a whole request (line, headers, body), from its first byte
    int write_timeout_seconds = 30;
    std::size_t max_header_bytes = 16 * 1024;  // request line and headers; more gets 431
    int workers = 64;                          // connections served at once
    std::size_t snapshot_chunk_bytes = 64 * 1024;
    protocol::DateWindow log_window;       // dates a consultation log may carry (consultation_rules.hpp)
    int stats_threshold = 5;               // smallest count shown exactly in statistics (at least 3)
    // The metrics listener: GET /metrics without a token. Port -1: none; 0: any free port (tests).
    std::string metrics_host = "127.0.0.1";
    int metrics_port = -1;
    // Reverse proxies whose X-Forwarded-For is believed (forwarded_for.hpp), e.g. 127.0.0.1.
    std::vector<std::string> trusted_proxies;
};

class SyncServer {
public:
    explicit SyncServer(ServerConfig config);
    ~SyncServer();
    SyncServer(const SyncServer&) = delete;
    SyncServer& operator=(const SyncServer&) = delete;

    // Binds the listening sockets; returns the port (the chosen one when config.port is 0).
    // Throws std::runtime_error with a message an administrator can act on when an address
    // cannot be bound (the port is in use, ...) or the TLS files are unusable.
    int bind();
    // The metrics listener's port after bind(), -1 when there is none.
    int metrics_port() const { return metrics_port_; }
    // Serves until stop(); returns false when the listener failed.
    bool listen();
    // Safe to call from a signal-handling thread.
    void stop();
    bool uses_tls() const { return !config_.tls_cert.empty(); }
    // Reads the TLS certificate and key files again (after a renewal); new connections use them.
    // Throws std::runtime_error, and keeps the certificate in use, when they are unusable.
    void reload_tls();

private:
    void install_routes();
    void install_metrics_routes();
    ServerConfig config_;
    ConnectionPool pool_;
    ServerMetrics metrics_;
    RateLimiter enroll_limiter_;
    PublishedContactsCache published_contacts_;
    std::optional<protocol::SigningKey> signing_key_;  // loaded or made at start (signing_key.hpp)
    std::shared_ptr<TlsContext> tls_;
    std::unique_ptr<GuardedHttpServer> http_;
    std::unique_ptr<GuardedHttpServer> metrics_http_;
    int metrics_port_ = -1;

    friend struct Routes;
};

}  // namespace faltstod::server
