// One client connection as cpp-httplib's Stream, plain TCP or TLS, with the limits cpp-httplib
// 0.11.4 does not have: it reads a request line, every header line and a body before any handler
// runs, each read with its own timeout. Here a request has
//   - a deadline for all of it (request line, headers and body), not one per read;
//   - a byte budget for its request line, one for its header section, one for its body;
//   - and the connection an idle limit between requests (keep-alive).
// When a limit is hit, read() fails and limit_hit() says which, so the caller can answer with the
// right status (414, 431, 413, 408) and close the connection.
//
// Contract: one thread uses a stream at a time (the worker that serves the connection). The
// socket is made non-blocking; every wait is a poll() bounded by the deadline (reads) or the
// write timeout (writes), in slices of at most 100 ms so that a stopping server is noticed.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace faltstod::server {

struct StreamLimits {
    std::size_t max_request_line_bytes = 8 * 1024;  // with its CRLF
    std::size_t max_header_bytes = 16 * 1024;       // request line and header lines together
    std::size_t max_body_bytes = 1 << 20;
    std::chrono::milliseconds request_timeout{10000};  // a whole request, from its first byte
    std::chrono::milliseconds write_timeout{30000};    // one write of an answer
};

enum class LimitHit { None, RequestLine, Headers, Body, Deadline };

class ConnectionStream final : public httplib::Stream {
public:
    // `ssl` may be null (plain HTTP); the stream does not own the socket or the SSL object.
    // `listener` is the server's listening socket: INVALID_SOCKET once the server stops.
    ConnectionStream(socket_t sock, SSL* ssl, const StreamLimits& limits, const std::atomic<socket_t>& listener);

    // Waits up to `idle` for the first byte of a next request; false when none came, the peer
    // closed, or the server is stopping.
    bool wait_for_request(std::chrono::milliseconds idle);
    // Starts a request: its deadline runs from now, its byte budgets are full again.
    void begin_request();
    LimitHit limit_hit() const { return hit_; }
    // Bytes handed to cpp-httplib for the current request.
    std::size_t request_bytes() const { return header_bytes_ + body_bytes_; }

    bool is_readable() const override;
    bool is_writable() const override;
    ssize_t read(char* ptr, size_t size) override;
    ssize_t write(const char* ptr, size_t size) override;
    void get_remote_ip_and_port(std::string& ip, int& port) const override;
    void get_local_ip_and_port(std::string& ip, int& port) const override;
    socket_t socket() const override { return sock_; }

    // The TLS handshake, bounded by the request timeout. Only for a stream with an SSL object.
    bool accept_tls();

private:
    enum class Wait { Ready, Timeout, Closed };
    // Waits until the socket is readable (or writable) or `until` passes.
    Wait wait_for(short events, std::chrono::steady_clock::time_point until) const;
    // Reads more bytes into buffer_; <= 0 on end, error or deadline.
    ssize_t fill();
    // Counts bytes handed over in the header section; switches to the body at the blank line.
    void count_header_bytes(const char* data, std::size_t size);

    socket_t sock_;
    SSL* ssl_;
    StreamLimits limits_;
    const std::atomic<socket_t>& listener_;

    std::vector<char> buffer_;
    std::size_t buffer_begin_ = 0, buffer_end_ = 0;

    std::chrono::steady_clock::time_point deadline_;
    bool in_headers_ = true;
    std::size_t header_bytes_ = 0, body_bytes_ = 0;
    std::size_t line_index_ = 0, line_bytes_ = 0;
    char last_byte_ = 0;
    LimitHit hit_ = LimitHit::None;
};

}  // namespace faltstod::server
