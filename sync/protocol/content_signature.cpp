// Ed25519 content signatures over OpenSSL 3; see content_signature.hpp.
#include "content_signature.hpp"

#include <openssl/evp.h>

#include <stdexcept>
#include <vector>

namespace faltstod::protocol {

namespace {

struct PkeyFree {
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

std::string to_base64(const unsigned char* data, std::size_t length) {
    std::string out(4 * ((length + 2) / 3), '\0');
    const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, static_cast<int>(length));
    out.resize(static_cast<std::size_t>(written));
    return out;
}

// Strict: only canonical base64 of exactly `expected` bytes.
std::optional<std::vector<unsigned char>> from_base64(const std::string& text, std::size_t expected) {
    if (text.size() != 4 * ((expected + 2) / 3)) return std::nullopt;
    std::vector<unsigned char> out(text.size() / 4 * 3);
    const int decoded = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
    if (decoded < 0) return std::nullopt;
    // EVP_DecodeBlock keeps the padding's zero bytes; the canonical text ends in '=' per byte short.
    std::size_t padding = 0;
    if (!text.empty() && text.back() == '=') ++padding;
    if (text.size() > 1 && text[text.size() - 2] == '=') ++padding;
    if (static_cast<std::size_t>(decoded) - padding != expected) return std::nullopt;
    out.resize(expected);
    if (to_base64(out.data(), out.size()) != text) return std::nullopt;
    return out;
}

constexpr std::size_t kKeyBytes = 32;
constexpr std::size_t kSignatureBytes = 64;

}  // namespace

std::string change_page_statement(std::int64_t since, std::string_view body_sha256_hex) {
    return "faltstod-content-v1 changes since=" + std::to_string(since) + " sha256=" + std::string(body_sha256_hex);
}

std::string snapshot_statement(std::string_view body_sha256_hex) {
    return "faltstod-content-v1 snapshot sha256=" + std::string(body_sha256_hex);
}

struct Sha256::State {
    MdCtx ctx{EVP_MD_CTX_new()};
};

Sha256::Sha256() : state_(std::make_unique<State>()) {
    if (!state_->ctx || EVP_DigestInit_ex(state_->ctx.get(), EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("SHA-256 is not available");
}

Sha256::~Sha256() = default;

void Sha256::update(std::string_view data) { EVP_DigestUpdate(state_->ctx.get(), data.data(), data.size()); }

std::string Sha256::hex_digest() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(state_->ctx.get(), digest, &length);
    static const char* kHex = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < length; ++i) {
        out += kHex[digest[i] >> 4];
        out += kHex[digest[i] & 0xF];
    }
    return out;
}

std::string sha256_hex_of(std::string_view data) {
    Sha256 hash;
    hash.update(data);
    return hash.hex_digest();
}

struct SigningKey::Key {
    Pkey pkey;
};

SigningKey SigningKey::generate() {
    Pkey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
    if (!key) throw std::runtime_error("cannot make an Ed25519 key");
    auto holder = std::make_shared<Key>();
    holder->pkey = std::move(key);
    return SigningKey(holder);
}

SigningKey SigningKey::from_private_base64(const std::string& text) {
    const auto raw = from_base64(text, kKeyBytes);
    if (!raw) throw std::invalid_argument("not a base64 Ed25519 private key");
    Pkey key(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, raw->data(), raw->size()));
    if (!key) throw std::invalid_argument("not an Ed25519 private key");
    auto holder = std::make_shared<Key>();
    holder->pkey = std::move(key);
    return SigningKey(holder);
}

std::string SigningKey::private_base64() const {
    unsigned char raw[kKeyBytes];
    std::size_t length = sizeof raw;
    if (EVP_PKEY_get_raw_private_key(key_->pkey.get(), raw, &length) != 1) throw std::runtime_error("cannot read the private key");
    return to_base64(raw, length);
}

std::string SigningKey::public_base64() const {
    unsigned char raw[kKeyBytes];
    std::size_t length = sizeof raw;
    if (EVP_PKEY_get_raw_public_key(key_->pkey.get(), raw, &length) != 1) throw std::runtime_error("cannot read the public key");
    return to_base64(raw, length);
}

std::string SigningKey::sign(std::string_view statement) const {
    MdCtx ctx(EVP_MD_CTX_new());
    unsigned char signature[kSignatureBytes];
    std::size_t length = sizeof signature;
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key_->pkey.get()) != 1 ||
        EVP_DigestSign(ctx.get(), signature, &length, reinterpret_cast<const unsigned char*>(statement.data()), statement.size()) != 1)
        throw std::runtime_error("cannot sign");
    return to_base64(signature, length);
}

bool is_public_key(const std::string& text) {
    const auto raw = from_base64(text, kKeyBytes);
    if (!raw) return false;
    return Pkey(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, raw->data(), raw->size())) != nullptr;
}

bool verify_signature(const std::string& public_base64, std::string_view statement, const std::string& signature_base64) {
    const auto raw_key = from_base64(public_base64, kKeyBytes);
    const auto signature = from_base64(signature_base64, kSignatureBytes);
    if (!raw_key || !signature) return false;
    Pkey key(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, raw_key->data(), raw_key->size()));
    MdCtx ctx(EVP_MD_CTX_new());
    if (!key || !ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1) return false;
    return EVP_DigestVerify(ctx.get(), signature->data(), signature->size(), reinterpret_cast<const unsigned char*>(statement.data()),
                            statement.size()) == 1;
}

}  // namespace faltstod::protocol
