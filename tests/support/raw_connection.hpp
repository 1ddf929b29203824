// One client connection over a raw socket, plain or TLS (OpenSSL, no certificate check: the tests
// that use TLS here test the proxy's limits, not its certificate). A test sends exactly the
// bytes it means — a request line of 256 MiB, a body with no length, one byte every 4 s — and
// learns how much the other side took before it closed, and what it answered.
#pragma once

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <memory>
#include <string>

namespace faltstod::test {

// Where a test client connects: a loopback port, plain HTTP or HTTPS.
struct Endpoint {
    int port = 0;
    bool tls = false;
};

class RawConnection {
public:
    explicit RawConnection(Endpoint endpoint) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        REQUIRE(fd_ >= 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(static_cast<std::uint16_t>(endpoint.port));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
        // No call blocks for ever, whatever the other side does (a TLS handshake, a full buffer).
        timeval limit{30, 0};  // the server answers these in milliseconds, sanitized or not
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
        ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
        if (endpoint.tls) {
            ctx_.reset(SSL_CTX_new(TLS_client_method()));
            REQUIRE(ctx_);
            ssl_.reset(SSL_new(ctx_.get()));
            SSL_set_fd(ssl_.get(), fd_);
            REQUIRE(SSL_connect(ssl_.get()) == 1);
        }
    }
    ~RawConnection() {
        if (ssl_) SSL_shutdown(ssl_.get());
        ssl_.reset();
        if (fd_ >= 0) ::close(fd_);
    }
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    // Sends as much of `bytes` as the other side takes; false once it closed or reset.
    bool send(const std::string& bytes) {
        for (std::size_t sent = 0; sent < bytes.size();) {
            const ssize_t n = ssl_ ? SSL_write(ssl_.get(), bytes.data() + sent, static_cast<int>(bytes.size() - sent))
                                   : ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
            if (n <= 0) return false;
            sent += static_cast<std::size_t>(n);
            sent_ += static_cast<std::uint64_t>(n);
        }
        return true;
    }

    // Sends `pattern` again and again until `total` bytes are out or the other side stops taking
    // them (it answered and closed). Returns the bytes sent.
    std::uint64_t send_repeated(const std::string& pattern, std::uint64_t total) {
        const std::uint64_t start = sent_;
        while (sent_ - start < total) {
            const auto left = total - (sent_ - start);
            if (!send(left >= pattern.size() ? pattern : pattern.substr(0, static_cast<std::size_t>(left)))) break;
        }
        return sent_ - start;
    }

    // No more from this side (plain sockets: the body "ends" for a server that reads to EOF).
    void finish_sending() {
        if (!ssl_) ::shutdown(fd_, SHUT_WR);
    }

    // True when the other side has answered or closed the connection (there is something to
    // read, or end of file) within `wait`.
    bool answered_or_closed(std::chrono::milliseconds wait) {
        pollfd p{fd_, POLLIN, 0};
        return ::poll(&p, 1, static_cast<int>(wait.count())) > 0;
    }

    // Everything the other side sends until it closes or `limit` passes; with `one_answer`, only
    // until one whole answer with a Content-Length has arrived (a proxy keeps the connection open).
    std::string receive(std::chrono::milliseconds limit, bool one_answer = false) {
        std::string received;
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < deadline && !(one_answer && is_whole_answer(received))) {
            if (!ssl_ || SSL_pending(ssl_.get()) == 0) {
                pollfd p{fd_, POLLIN, 0};
                if (::poll(&p, 1, 50) <= 0) continue;
            }
            char buffer[65536];
            const ssize_t n = ssl_ ? SSL_read(ssl_.get(), buffer, sizeof buffer) : ::recv(fd_, buffer, sizeof buffer, 0);
            if (n <= 0) break;
            received.append(buffer, static_cast<std::size_t>(n));
        }
        return received;
    }

    std::uint64_t sent() const { return sent_; }

private:
    static bool is_whole_answer(const std::string& text) {
        const auto blank = text.find("\r\n\r\n");
        if (blank == std::string::npos) return false;
        std::string head = text.substr(0, blank);
        for (auto& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        const auto length = head.find("\r\ncontent-length:");
        if (length == std::string::npos) return false;
        return text.size() >= blank + 4 + std::stoull(head.substr(length + 17));
    }

    struct SslFree {
        void operator()(SSL* ssl) const { SSL_free(ssl); }
        void operator()(SSL_CTX* ctx) const { SSL_CTX_free(ctx); }
    };
    int fd_ = -1;
    std::unique_ptr<SSL_CTX, SslFree> ctx_;
    std::unique_ptr<SSL, SslFree> ssl_;
    std::uint64_t sent_ = 0;
};

// The status code of an HTTP/1.1 answer, 0 when there is none.
inline int status_of(const std::string& answer) {
    if (answer.rfind("HTTP/1.1 ", 0) != 0 || answer.size() < 12) return 0;
    return std::stoi(answer.substr(9, 3));
}

// The body of an HTTP answer (after the blank line).
inline std::string body_of(const std::string& answer) {
    const auto blank = answer.find("\r\n\r\n");
    return blank == std::string::npos ? std::string() : answer.substr(blank + 4);
}

// A process's peak resident memory so far (VmHWM), in bytes; 0 when it cannot be read.
inline std::uint64_t peak_rss_bytes(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::stoull(line.substr(6)) * 1024;
    return 0;
}

// GET /healthz on a new connection: the seconds until the answer, and its status.
struct HealthAnswer {
    int status = 0;
    double seconds = 0;
};
inline HealthAnswer ask_health(Endpoint endpoint, std::chrono::milliseconds limit = std::chrono::seconds(5)) {
    const auto start = std::chrono::steady_clock::now();
    RawConnection connection(endpoint);
    connection.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    HealthAnswer answer;
    answer.status = status_of(connection.receive(limit));
    answer.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return answer;
}

}  // namespace faltstod::test
