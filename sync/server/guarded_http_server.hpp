// cpp-httplib's Server with the connection loop replaced, so that a client cannot make the server
// read without limit or wait without end (issue 17). cpp-httplib 0.11.4 (Debian's, a shared
// library) reads the request line, every header line and the body before any handler runs, with
// a timeout per read; this class runs each connection over a ConnectionStream instead, which
// holds a whole-request deadline and byte budgets (connection_stream.hpp), and serves TLS with
// its own TlsContext. cpp-httplib still parses and routes: its protected process_request() is
// called once per request.
//
// Also: one listener per port (SO_REUSEADDR, never SO_REUSEPORT, so binding a port another
// process listens on fails), and a worker pool large enough that a few slow clients cannot hold
// every worker.
//
// Contract: settings and hooks are fixed before bind(); the hooks run on a worker thread.
#pragma once

#include "connection_stream.hpp"
#include "tls_context.hpp"

#include <httplib.h>

#include <functional>
#include <memory>
#include <string>

namespace faltstod::server {

struct GuardSettings {
    StreamLimits limits;
    std::chrono::milliseconds keep_alive_timeout{5000};  // idle time allowed between two requests
    std::size_t keep_alive_max_requests = 100;          // requests on one connection
    int workers = 64;                                    // connections served at once
};

class GuardedHttpServer final : public httplib::Server {
public:
    // `tls` null: plain HTTP.
    GuardedHttpServer(GuardSettings settings, std::shared_ptr<TlsContext> tls);

    // Before any byte of a request is read (per request, on its worker thread).
    std::function<void()> on_request_start;
    // A request that cpp-httplib could not be given (its request line was too long, or did not
    // arrive in time): the hook fills in the answer's body and headers for `status`, and logs.
    std::function<void(httplib::Response&)> on_refused;

    // Inside a handler (pre-routing, error, logger) on the worker thread: the limit the request
    // being handled hit, if any; and a request to close the connection after this answer (the
    // request's body was not read, so the connection cannot carry another request).
    static LimitHit current_limit_hit();
    static void close_after_answer();
    static bool closing_after_answer();

    const GuardSettings& settings() const { return settings_; }
    bool uses_tls() const { return tls_ != nullptr; }

private:
    bool process_and_close_socket(socket_t sock) override;
    // Writes `res` as a whole answer, bypassing cpp-httplib (see on_refused).
    void write_refusal(ConnectionStream& stream, int status);

    GuardSettings settings_;
    std::shared_ptr<TlsContext> tls_;
};

// Why binding host:port failed, in words an administrator can act on ("the port is in use ...").
std::string describe_bind_failure(const std::string& host, int port);

}  // namespace faltstod::server
