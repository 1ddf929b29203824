// One client connection with a request deadline and byte budgets; see connection_stream.hpp.
#include "connection_stream.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace faltstod::server {

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::chrono::milliseconds kSlice{100};
constexpr std::size_t kBufferBytes = 16 * 1024;

void address_of(const sockaddr_storage& address, socklen_t length, std::string& ip, int& port) {
    char host[NI_MAXHOST] = {};
    char service[NI_MAXSERV] = {};
    if (getnameinfo(reinterpret_cast<const sockaddr*>(&address), length, host, sizeof host, service, sizeof service,
                    NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
        ip = host;
        port = std::atoi(service);
    }
}

}  // namespace

ConnectionStream::ConnectionStream(socket_t sock, SSL* ssl, const StreamLimits& limits, const std::atomic<socket_t>& listener)
    : sock_(sock), ssl_(ssl), limits_(limits), listener_(listener), buffer_(kBufferBytes) {
    const int flags = fcntl(sock_, F_GETFL, 0);
    if (flags >= 0) fcntl(sock_, F_SETFL, flags | O_NONBLOCK);
    deadline_ = Clock::now() + limits_.request_timeout;
}

ConnectionStream::Wait ConnectionStream::wait_for(short events, Clock::time_point until) const {
    for (;;) {
        if (listener_ == INVALID_SOCKET) return Wait::Closed;  // the server is stopping
        const auto now = Clock::now();
        if (now >= until) return Wait::Timeout;
        const auto slice = std::min<Clock::duration>(until - now, kSlice);
        pollfd p{sock_, events, 0};
        const int ready = ::poll(&p, 1, static_cast<int>(std::chrono::ceil<std::chrono::milliseconds>(slice).count()));
        if (ready > 0) return Wait::Ready;  // also for an error or hang-up: the next read or write tells
        if (ready < 0 && errno != EINTR) return Wait::Closed;
    }
}

bool ConnectionStream::wait_for_request(std::chrono::milliseconds idle) {
    if (buffer_begin_ < buffer_end_ || (ssl_ && SSL_pending(ssl_) > 0)) return true;
    return wait_for(POLLIN, Clock::now() + idle) == Wait::Ready;
}

void ConnectionStream::begin_request() {
    deadline_ = Clock::now() + limits_.request_timeout;
    in_headers_ = true;
    header_bytes_ = body_bytes_ = 0;
    line_index_ = line_bytes_ = 0;
    last_byte_ = 0;
    hit_ = LimitHit::None;
}

bool ConnectionStream::accept_tls() {
    const auto until = Clock::now() + limits_.request_timeout;
    for (;;) {
        const int rc = SSL_accept(ssl_);
        if (rc == 1) return true;
        const int error = SSL_get_error(ssl_, rc);
        short events = 0;
        if (error == SSL_ERROR_WANT_READ) events = POLLIN;
        else if (error == SSL_ERROR_WANT_WRITE) events = POLLOUT;
        else return false;
        if (wait_for(events, until) != Wait::Ready) return false;
    }
}

ssize_t ConnectionStream::fill() {
    for (;;) {
        short events = POLLIN;
        if (ssl_) {
            const int n = SSL_read(ssl_, buffer_.data(), static_cast<int>(buffer_.size()));
            if (n > 0) return n;
            const int error = SSL_get_error(ssl_, n);
            if (error == SSL_ERROR_ZERO_RETURN) return 0;
            if (error == SSL_ERROR_WANT_WRITE) events = POLLOUT;
            else if (error != SSL_ERROR_WANT_READ) return -1;
        } else {
            const ssize_t n = ::recv(sock_, buffer_.data(), buffer_.size(), 0);
            if (n >= 0) return n;
            if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return -1;
        }
        const Wait waited = wait_for(events, deadline_);
        if (waited == Wait::Timeout) {
            hit_ = LimitHit::Deadline;
            return -1;
        }
        if (waited == Wait::Closed) return -1;
    }
}

void ConnectionStream::count_header_bytes(const char* data, std::size_t size) {
    for (std::size_t i = 0; i < size; ++i) {
        ++header_bytes_;
        ++line_bytes_;
        if (data[i] == '\n') {
            // cpp-httplib ends the header section at a line that is exactly CRLF.
            if (line_index_ > 0 && line_bytes_ == 2 && last_byte_ == '\r') in_headers_ = false;
            ++line_index_;
            line_bytes_ = 0;
        }
        last_byte_ = data[i];
    }
}

ssize_t ConnectionStream::read(char* ptr, size_t size) {
    if (hit_ != LimitHit::None) return -1;
    if (size == 0) return 0;
    std::size_t allowed;
    if (in_headers_) {
        const bool request_line = line_index_ == 0;
        const std::size_t budget = request_line ? limits_.max_request_line_bytes : limits_.max_header_bytes;
        const std::size_t used = request_line ? line_bytes_ : header_bytes_;
        if (used >= budget) {
            hit_ = request_line ? LimitHit::RequestLine : LimitHit::Headers;
            return -1;
        }
        allowed = std::min(budget - used, limits_.max_header_bytes - std::min(header_bytes_, limits_.max_header_bytes));
        if (allowed == 0) {
            hit_ = LimitHit::Headers;
            return -1;
        }
    } else {
        if (body_bytes_ >= limits_.max_body_bytes) {
            hit_ = LimitHit::Body;
            return -1;
        }
        allowed = limits_.max_body_bytes - body_bytes_;
    }
    if (buffer_begin_ == buffer_end_) {
        const ssize_t n = fill();
        if (n <= 0) return n;
        buffer_begin_ = 0;
        buffer_end_ = static_cast<std::size_t>(n);
    }
    std::size_t count = std::min({size, allowed, buffer_end_ - buffer_begin_});
    const char* data = buffer_.data() + buffer_begin_;
    if (in_headers_) {
        // Hand over no more than the header section, so the body is counted as body.
        const char* blank_line_end = nullptr;
        for (std::size_t i = 0; i < count && !blank_line_end; ++i) {
            count_header_bytes(data + i, 1);
            if (!in_headers_) blank_line_end = data + i + 1;
        }
        if (blank_line_end) count = static_cast<std::size_t>(blank_line_end - data);
    } else {
        body_bytes_ += count;
    }
    std::memcpy(ptr, data, count);
    buffer_begin_ += count;
    return static_cast<ssize_t>(count);
}

bool ConnectionStream::is_readable() const {
    if (buffer_begin_ < buffer_end_ || (ssl_ && SSL_pending(ssl_) > 0)) return true;
    return wait_for(POLLIN, deadline_) == Wait::Ready;
}

bool ConnectionStream::is_writable() const {
    return wait_for(POLLOUT, Clock::now() + limits_.write_timeout) == Wait::Ready;
}

ssize_t ConnectionStream::write(const char* ptr, size_t size) {
    if (size == 0) return 0;
    const auto until = Clock::now() + limits_.write_timeout;
    for (;;) {
        short events = POLLOUT;
        if (ssl_) {
            const int n = SSL_write(ssl_, ptr, static_cast<int>(std::min<size_t>(size, 1 << 30)));
            if (n > 0) return n;
            const int error = SSL_get_error(ssl_, n);
            if (error == SSL_ERROR_WANT_READ) events = POLLIN;
            else if (error != SSL_ERROR_WANT_WRITE) return -1;
        } else {
            const ssize_t n = ::send(sock_, ptr, size, MSG_NOSIGNAL);
            if (n >= 0) return n;
            if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return -1;
        }
        if (wait_for(events, until) != Wait::Ready) return -1;
    }
}

void ConnectionStream::get_remote_ip_and_port(std::string& ip, int& port) const {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getpeername(sock_, reinterpret_cast<sockaddr*>(&address), &length) == 0) address_of(address, length, ip, port);
}

void ConnectionStream::get_local_ip_and_port(std::string& ip, int& port) const {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getsockname(sock_, reinterpret_cast<sockaddr*>(&address), &length) == 0) address_of(address, length, ip, port);
}

}  // namespace faltstod::server
