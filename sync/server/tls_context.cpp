// The server's TLS context and its reload; see tls_context.hpp.
#include "tls_context.hpp"

#include <openssl/err.h>

#include <stdexcept>

namespace faltstod::server {

namespace {

// OpenSSL's last error as a short reason ("no such file", "key values mismatch").
std::string openssl_reason() {
    const unsigned long code = ERR_peek_last_error();
    ERR_clear_error();
    const char* reason = code ? ERR_reason_error_string(code) : nullptr;
    return reason ? reason : "unknown reason";
}

}  // namespace

TlsContext::TlsContext(std::string cert_file, std::string key_file) : cert_file_(std::move(cert_file)), key_file_(std::move(key_file)) {
    ctx_ = load();
}

std::shared_ptr<SSL_CTX> TlsContext::load() const {
    std::shared_ptr<SSL_CTX> ctx(SSL_CTX_new(TLS_server_method()), CtxFree{});
    if (!ctx) throw std::runtime_error("cannot set up TLS: " + openssl_reason());
    SSL_CTX_set_min_proto_version(ctx.get(), TLS1_2_VERSION);
    SSL_CTX_set_options(ctx.get(), SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_COMPRESSION | SSL_OP_CIPHER_SERVER_PREFERENCE);
    SSL_CTX_set_mode(ctx.get(), SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    if (SSL_CTX_set_cipher_list(ctx.get(), kTls12Ciphers) != 1) throw std::runtime_error("cannot set the TLS cipher list");
    if (SSL_CTX_use_certificate_chain_file(ctx.get(), cert_file_.c_str()) != 1)
        throw std::runtime_error("cannot use the TLS certificate " + cert_file_ + " (" + openssl_reason() +
                                 "); it must be a PEM certificate chain, the server's own certificate first");
    if (SSL_CTX_use_PrivateKey_file(ctx.get(), key_file_.c_str(), SSL_FILETYPE_PEM) != 1)
        throw std::runtime_error("cannot use the TLS key " + key_file_ + " (" + openssl_reason() + "); it must be a PEM private key");
    if (SSL_CTX_check_private_key(ctx.get()) != 1)
        throw std::runtime_error("the TLS key " + key_file_ + " does not belong to the certificate " + cert_file_);
    return ctx;
}

void TlsContext::reload() {
    auto fresh = load();  // throws, and the old context stays, when the new files are unusable
    std::lock_guard lock(mutex_);
    ctx_ = std::move(fresh);
}

TlsContext::Session TlsContext::new_session(int sock) const {
    std::shared_ptr<SSL_CTX> ctx;
    {
        std::lock_guard lock(mutex_);
        ctx = ctx_;
    }
    // SSL_new takes its own reference on the context: a reload cannot free it under a session.
    Session session(SSL_new(ctx.get()));
    if (session) SSL_set_fd(session.get(), sock);
    return session;
}

}  // namespace faltstod::server
