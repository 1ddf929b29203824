// The server's TLS settings and certificate, owned here instead of by cpp-httplib's SSLServer so
// that the connection loop (guarded_http_server.hpp) can bound every TLS read and write.
//
// Contract:
//  - protocols TLS 1.2 and 1.3 only; on TLS 1.2 only ECDHE key exchange with AEAD ciphers
//    (forward secrecy), TLS 1.3's suites as OpenSSL has them; no renegotiation, no compression;
//  - the constructor and reload() read the certificate chain and key files and check they belong
//    together; on a problem they throw std::runtime_error with a message naming the file;
//  - reload() swaps the context atomically: connections already open keep the one they started
//    with, new connections get the new one; when reading fails the old one stays in use.
#pragma once

#include <openssl/ssl.h>

#include <memory>
#include <mutex>
#include <string>

namespace faltstod::server {

// The TLS 1.2 cipher list: ECDHE and AEAD only.
inline constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

class TlsContext {
public:
    TlsContext(std::string cert_file, std::string key_file);

    void reload();

    struct SslFree {
        void operator()(SSL* ssl) const { SSL_free(ssl); }
    };
    using Session = std::unique_ptr<SSL, SslFree>;
    // A server-side TLS session on `sock` with the current certificate (null when out of memory).
    Session new_session(int sock) const;

private:
    struct CtxFree {
        void operator()(SSL_CTX* ctx) const { SSL_CTX_free(ctx); }
    };
    std::shared_ptr<SSL_CTX> load() const;

    std::string cert_file_, key_file_;
    mutable std::mutex mutex_;
    std::shared_ptr<SSL_CTX> ctx_;
};

}  // namespace faltstod::server
