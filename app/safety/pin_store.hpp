// The kiosk's PIN, kept only as a salted, slow hash (PBKDF2-HMAC-SHA256, 600,000 iterations,
// OpenSSL) in a file readable by the user alone. The PIN itself is never stored, logged or kept longer than the
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

// OWASP's count for PBKDF2-HMAC-SHA256 (2023). Hashes made with an older, lower count (300,000)
// still verify, and are made again with this count on the next right PIN (check_pin_and_upgrade).
constexpr int kPinIterations = 600000;

// A new random salt and the PIN's hash; `iterations` is lowered only by tests.
PinHash hash_pin(const std::string& pin, int iterations = kPinIterations);
bool pin_matches(const PinHash& stored, const std::string& pin);

// True when `stored` was made with fewer iterations than `iterations` (kPinIterations).
bool pin_needs_upgrade(const PinHash& stored, int iterations = kPinIterations);

// Checks `pin` against `stored` (read from `file`) and, when it is right and the hash is older
// than `iterations`, writes a new hash of it with `iterations` to `file`. Returns whether the PIN
// was right. Slow (two hashes on an upgrade): call it off the UI thread.
bool check_pin_and_upgrade(const std::filesystem::path& file, const PinHash& stored, const std::string& pin,
                           int iterations = kPinIterations);

// The file: {"salt": hex, "hash": hex, "iterations": n}, mode 0600, written atomically.
std::optional<PinHash> load_pin(const std::filesystem::path& file);
void save_pin(const std::filesystem::path& file, const PinHash& hash);
void remove_pin(const std::filesystem::path& file);
std::filesystem::path default_pin_path();

}  // namespace faltstod::app
