// The kiosk's PIN, kept only as a salted, slow hash (PBKDF2-HMAC-SHA256, OpenSSL) in a file
// readable by the user alone. The PIN itself is never stored, logged or kept longer than the
// call that checks it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace faltstod::app {

struct PinHash {
    std::string salt_hex;
    std::string hash_hex;
    int iterations = 0;
};

// 4–8 digits; returns an empty string when acceptable, else why not (Swedish, for tr()).
const char* pin_problem(const std::string& pin);

// A new random salt and the PIN's hash; `iterations` is lowered only by tests.
PinHash hash_pin(const std::string& pin, int iterations = 300000);
bool pin_matches(const PinHash& stored, const std::string& pin);

// The file: {"salt": hex, "hash": hex, "iterations": n}, mode 0600, written atomically.
std::optional<PinHash> load_pin(const std::filesystem::path& file);
void save_pin(const std::filesystem::path& file, const PinHash& hash);
void remove_pin(const std::filesystem::path& file);
std::filesystem::path default_pin_path();

}  // namespace faltstod::app
