// Content signatures (protocol v1). The server signs every change page and every snapshot with
// its Ed25519 key, made at its first start; a device pins the public half at enrollment and
// refuses content whose signature is missing or wrong. So content cannot be changed on the
// way — by anyone on the network, a proxy or, later, a cache or CDN serving snapshots — without
// the device noticing.
//
// What is signed is a short statement naming what the bytes are and their SHA-256
// ("faltstod-content-v1 changes since=42 sha256=…"), so a signature made for one thing can
// never pass for another: not a snapshot for a page, not one page for a page after another
// cursor. A change page carries its signature in the header kSignatureHeader; a snapshot ends
// with `,"signature":"…"}` and the signature covers every byte before that field.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace faltstod::protocol {

inline constexpr const char* kSignatureHeader = "Faltstod-Signature";
// What a snapshot body ends with, before the base64 signature and the closing `"}`.
inline constexpr std::string_view kSnapshotSignatureField = ",\"signature\":\"";

std::string change_page_statement(std::int64_t since, std::string_view body_sha256_hex);
std::string snapshot_statement(std::string_view body_sha256_hex);

// Incremental SHA-256, for bodies that are streamed.
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;
    void update(std::string_view data);
    std::string hex_digest();  // ends the hash; lower-case hex
private:
    struct State;
    std::unique_ptr<State> state_;
};
std::string sha256_hex_of(std::string_view data);

// An Ed25519 key pair. Keys travel as base64 of their 32 raw bytes, signatures as base64 of
// their 64 bytes.
class SigningKey {
public:
    static SigningKey generate();
    // Throws std::invalid_argument when `text` is not a base64 Ed25519 private key.
    static SigningKey from_private_base64(const std::string& text);
    std::string private_base64() const;
    std::string public_base64() const;
    std::string sign(std::string_view statement) const;

private:
    struct Key;
    explicit SigningKey(std::shared_ptr<Key> key) : key_(std::move(key)) {}
    std::shared_ptr<Key> key_;
};

// True only when `signature_base64` is a valid signature of `statement` by `public_base64`.
// Any malformed input is simply false.
bool verify_signature(const std::string& public_base64, std::string_view statement, const std::string& signature_base64);

// True when `text` is the base64 form of a 32-byte Ed25519 public key.
bool is_public_key(const std::string& text);

}  // namespace faltstod::protocol
