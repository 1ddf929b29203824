// PIN hashing and its file; see pin_store.hpp.
#include "pin_store.hpp"

#include "i18n.hpp"
#include "private_file.hpp"
#include "xdg_paths.hpp"

#include <nlohmann/json.hpp>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <fstream>
#include <stdexcept>
#include <vector>

namespace faltstod::app {

namespace {

constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;

std::string to_hex(const unsigned char* bytes, std::size_t size) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < size; ++i) {
        out += kDigits[bytes[i] >> 4];
        out += kDigits[bytes[i] & 0xF];
    }
    return out;
}

std::vector<unsigned char> from_hex(const std::string& hex) {
    std::vector<unsigned char> out;
    auto value = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;
    };
    if (hex.size() % 2) return {};
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        const int high = value(hex[i]), low = value(hex[i + 1]);
        if (high < 0 || low < 0) return {};
        out.push_back(static_cast<unsigned char>(high * 16 + low));
    }
    return out;
}

std::vector<unsigned char> derive(const std::string& pin, const std::vector<unsigned char>& salt, int iterations) {
    std::vector<unsigned char> out(kHashBytes);
    if (PKCS5_PBKDF2_HMAC(pin.data(), static_cast<int>(pin.size()), salt.data(), static_cast<int>(salt.size()), iterations, EVP_sha256(),
                          static_cast<int>(out.size()), out.data()) != 1)
        throw std::runtime_error("PBKDF2 failed");
    return out;
}

}  // namespace

const char* pin_problem(const std::string& pin) {
    if (pin.size() < 4 || pin.size() > 8) return N_("PIN-koden ska ha 4–8 siffror.");
    for (char c : pin)
        if (c < '0' || c > '9') return N_("PIN-koden får bara innehålla siffror.");
    return "";
}

PinHash hash_pin(const std::string& pin, int iterations) {
    std::vector<unsigned char> salt(kSaltBytes);
    if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1) throw std::runtime_error("no random bytes for the PIN salt");
    const auto hash = derive(pin, salt, iterations);
    return PinHash{to_hex(salt.data(), salt.size()), to_hex(hash.data(), hash.size()), iterations};
}

bool pin_matches(const PinHash& stored, const std::string& pin) {
    const auto salt = from_hex(stored.salt_hex);
    const auto expected = from_hex(stored.hash_hex);
    if (salt.empty() || expected.size() != kHashBytes || stored.iterations < 1) return false;
    const auto actual = derive(pin, salt, stored.iterations);
    return CRYPTO_memcmp(actual.data(), expected.data(), kHashBytes) == 0;  // constant time
}

bool pin_needs_upgrade(const PinHash& stored, int iterations) { return stored.iterations > 0 && stored.iterations < iterations; }

bool check_pin_and_upgrade(const std::filesystem::path& file, const PinHash& stored, const std::string& pin, int iterations) {
    if (!pin_matches(stored, pin)) return false;
    if (pin_needs_upgrade(stored, iterations)) save_pin(file, hash_pin(pin, iterations));
    return true;
}

std::optional<PinHash> load_pin(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) return std::nullopt;
    try {
        const auto json = nlohmann::json::parse(in);
        return PinHash{json.at("salt").get<std::string>(), json.at("hash").get<std::string>(), json.at("iterations").get<int>()};
    } catch (const nlohmann::json::exception&) {
        // A damaged PIN file must not unlock anything: callers treat this as "a PIN is set".
        return PinHash{};
    }
}

void save_pin(const std::filesystem::path& file, const PinHash& hash) {
    // Created 0600 (not chmod-ed afterwards), so the hash is never readable by others, not even briefly.
    sync::write_private_file(
        file, nlohmann::json{{"salt", hash.salt_hex}, {"hash", hash.hash_hex}, {"iterations", hash.iterations}}.dump() + "\n");
}

void remove_pin(const std::filesystem::path& file) {
    std::error_code ignored;
    std::filesystem::remove(file, ignored);
}

std::filesystem::path default_pin_path() { return config_dir() / "pin.json"; }

}  // namespace faltstod::app
