// OpenSSL-backed randomness and hashing; see token_crypto.hpp.
#include "token_crypto.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <cctype>
#include <stdexcept>

namespace faltstod::server {

namespace {

template <std::size_t N>
std::array<unsigned char, N> random_bytes() {
    std::array<unsigned char, N> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) throw std::runtime_error("OpenSSL RAND_bytes failed");
    return bytes;
}

std::string hex(const unsigned char* data, std::size_t size) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        out += kDigits[data[i] >> 4];
        out += kDigits[data[i] & 0xF];
    }
    return out;
}

constexpr std::string_view kCodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";  // 31 symbols

}  // namespace

std::string random_token() {
    const auto bytes = random_bytes<32>();
    return hex(bytes.data(), bytes.size());
}

std::string random_enrollment_code() {
    std::string code;
    std::size_t produced = 0;
    while (produced < 12) {
        // Rejection sampling keeps every symbol equally likely.
        for (unsigned char byte : random_bytes<16>()) {
            if (byte >= 248 || produced == 12) continue;  // 248 = 8 * 31
            if (produced == 4 || produced == 8) code += '-';
            code += kCodeAlphabet[byte % kCodeAlphabet.size()];
            ++produced;
        }
    }
    return code;
}

std::string normalise_enrollment_code(std::string_view typed) {
    std::string out;
    for (char c : typed) {
        if (c == '-' || c == ' ') continue;
        out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return out;
}

std::string sha256_hex(std::string_view data) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    if (EVP_Digest(data.data(), data.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("OpenSSL SHA-256 failed");
    return hex(digest.data(), size);
}

std::string random_uuid() {
    auto b = random_bytes<16>();
    b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40);  // version 4
    b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);  // RFC 4122 variant
    const std::string h = hex(b.data(), b.size());
    return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" + h.substr(20);
}

}  // namespace faltstod::server
