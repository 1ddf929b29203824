// The connection loop over ConnectionStream; see guarded_http_server.hpp.
#include "guarded_http_server.hpp"

#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace faltstod::server {

namespace {

// The connection a worker thread is serving, for the static accessors.
struct ConnectionState {
    ConnectionStream* stream = nullptr;
    bool close_after_answer = false;
};
thread_local ConnectionState* t_connection = nullptr;

class CurrentConnection {
public:
    explicit CurrentConnection(ConnectionState& state) { t_connection = &state; }
    ~CurrentConnection() { t_connection = nullptr; }
    CurrentConnection(const CurrentConnection&) = delete;
    CurrentConnection& operator=(const CurrentConnection&) = delete;
};

const char* reason_phrase(int status) {
    switch (status) {
        case 408: return "Request Timeout";
        case 413: return "Payload Too Large";
        case 414: return "URI Too Long";
        case 431: return "Request Header Fields Too Large";
        default: return "Bad Request";
    }
}

}  // namespace

GuardedHttpServer::GuardedHttpServer(GuardSettings settings, std::shared_ptr<TlsContext> tls)
    : settings_(settings), tls_(std::move(tls)) {
    const auto workers = static_cast<std::size_t>(std::max(1, settings_.workers));
    // cpp-httplib takes ownership of the queue it gets from this factory (a unique_ptr inside
    // listen), so the pointer is released to it here.
    new_task_queue = [workers] { return std::make_unique<httplib::ThreadPool>(workers).release(); };
    // cpp-httplib's default turns on SO_REUSEPORT, which lets a second server bind the same port
    // and take half the connections. SO_REUSEADDR alone lets a restart bind at once while old
    // connections linger in TIME_WAIT, and makes a port another process listens on fail.
    set_socket_options([](socket_t sock) {
        int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    keep_alive_max_count_ = std::max<std::size_t>(1, settings_.keep_alive_max_requests);
    // cpp-httplib reads these only for the Keep-Alive header it sends; the loop below keeps them.
    set_keep_alive_timeout(std::chrono::duration_cast<std::chrono::seconds>(settings_.keep_alive_timeout).count());
}

LimitHit GuardedHttpServer::current_limit_hit() {
    return t_connection && t_connection->stream ? t_connection->stream->limit_hit() : LimitHit::None;
}

void GuardedHttpServer::close_after_answer() {
    if (t_connection) t_connection->close_after_answer = true;
}

bool GuardedHttpServer::closing_after_answer() {
    return t_connection && (t_connection->close_after_answer || current_limit_hit() != LimitHit::None);
}

void GuardedHttpServer::write_refusal(ConnectionStream& stream, int status) {
    httplib::Response res;
    res.status = status;
    if (on_refused) on_refused(res);
    std::string bytes = "HTTP/1.1 " + std::to_string(status) + " " + reason_phrase(status) + "\r\n";
    for (const auto& [name, value] : res.headers) bytes += name + ": " + value + "\r\n";
    bytes += "Content-Length: " + std::to_string(res.body.size()) + "\r\nConnection: close\r\n\r\n" + res.body;
    for (std::size_t sent = 0; sent < bytes.size();) {
        const ssize_t n = stream.write(bytes.data() + sent, bytes.size() - sent);
        if (n <= 0) return;
        sent += static_cast<std::size_t>(n);
    }
}

bool GuardedHttpServer::process_and_close_socket(socket_t sock) {
    TlsContext::Session ssl;
    if (tls_) ssl = tls_->new_session(sock);
    bool ok = !tls_ || ssl != nullptr;
    if (ok) {
        ConnectionStream stream(sock, ssl.get(), settings_.limits, svr_sock_);
        ConnectionState state{&stream, false};
        CurrentConnection current(state);
        ok = !ssl || stream.accept_tls();
        const std::size_t most = keep_alive_max_count_;
        for (std::size_t served = 0; ok && served < most; ++served) {
            // The first request gets the request timeout to start; later ones the keep-alive time.
            const auto idle = served == 0 ? settings_.limits.request_timeout : settings_.keep_alive_timeout;
            if (!stream.wait_for_request(idle)) break;
            stream.begin_request();
            state.close_after_answer = false;
            if (on_request_start) on_request_start();
            bool client_closes = false;
            bool understood = false;  // cpp-httplib parsed the request line and every header
            SSL* session = ssl.get();
            ok = process_request(stream, served + 1 == most, client_closes, [session, &understood](httplib::Request& req) {
                req.ssl = session;
                understood = true;
            });
            const LimitHit hit = stream.limit_hit();
            if (!ok && (hit == LimitHit::RequestLine || hit == LimitHit::Deadline) && stream.request_bytes() > 0)
                write_refusal(stream, hit == LimitHit::RequestLine ? 414 : 408);
            // After a request that was not understood, the rest of it is still on the connection
            // and would be read as a next request: close instead.
            if (client_closes || !understood || state.close_after_answer || hit != LimitHit::None) break;
        }
    }
    if (ssl) SSL_shutdown(ssl.get());  // best effort: the socket is non-blocking
    ssl.reset();
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
    return ok;
}

std::string describe_bind_failure(const std::string& host, int port) {
    const std::string where = host + ":" + std::to_string(port);
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    addrinfo* found = nullptr;
    if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0 || !found)
        return "cannot listen on " + where + ": '" + host + "' is not an address or a name this machine can resolve";
    int error = 0;
    const int sock = ::socket(found->ai_family, found->ai_socktype, found->ai_protocol);
    if (sock >= 0) {
        int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        if (::bind(sock, found->ai_addr, found->ai_addrlen) != 0) error = errno;
        else if (::listen(sock, 1) != 0) error = errno;
        ::close(sock);
    } else {
        error = errno;
    }
    freeaddrinfo(found);
    if (error == EADDRINUSE)
        return "cannot listen on " + where + ": the port is in use by another program (is faltstod-server already running? "
               "see 'ss -ltnp sport = :" + std::to_string(port) + "')";
    if (error == EADDRNOTAVAIL) return "cannot listen on " + where + ": " + host + " is not an address of this machine";
    if (error == EACCES) return "cannot listen on " + where + ": ports below 1024 need privileges (use a higher port behind nginx)";
    return "cannot listen on " + where + (error ? std::string(": ") + std::strerror(error) : std::string());
}

}  // namespace faltstod::server
