// The HTTP face of faltstod-server: protocol v1 routes over cpp-httplib, with auth, limits,
// metrics and request logging. Routes are in http_routes.cpp; this class owns the listener.
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

namespace httplib {
class Server;
}

namespace faltstod::server {

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
    int read_timeout_seconds = 10;
    int write_timeout_seconds = 30;
    std::size_t snapshot_chunk_bytes = 64 * 1024;
    protocol::DateWindow log_window;       // dates a consultation log may carry (consultation_rules.hpp)
    int stats_threshold = 5;               // smallest count shown exactly in statistics (at least 3)
};

class SyncServer {
public:
    explicit SyncServer(ServerConfig config);
    ~SyncServer();
    SyncServer(const SyncServer&) = delete;
    SyncServer& operator=(const SyncServer&) = delete;

    // Binds the listening socket; returns the port (the chosen one when config.port is 0).
    // Throws std::runtime_error when the address cannot be bound or TLS files are unusable.
    int bind();
    // Serves until stop(); returns false when the listener failed.
    bool listen();
    // Safe to call from a signal-handling thread.
    void stop();
    bool uses_tls() const { return !config_.tls_cert.empty(); }

private:
    void install_routes();
    ServerConfig config_;
    ConnectionPool pool_;
    ServerMetrics metrics_;
    RateLimiter enroll_limiter_;
    PublishedContactsCache published_contacts_;
    std::optional<protocol::SigningKey> signing_key_;  // loaded or made at start (signing_key.hpp)
    std::unique_ptr<httplib::Server> http_;

    friend struct Routes;
};

}  // namespace faltstod::server
