// Wrong PINs, slowed down: the rule the lock screen (safety_state.hpp) and `faltstod pin set|
// remove` share — three free tries, then a pause of 30 s that doubles with each further wrong
// PIN, up to 15 minutes; during a pause no try is accepted or counted — and the count of wrong
// tries kept on disk, so that starting the program again does not start the count again.
//
// The file, pin-attempts.json beside pin.json (mode 0600, written atomically), holds only the
// number of wrong tries in a row and, during a pause, when it ends (Unix seconds). A damaged
// file counts as three wrong tries already made: damage never buys more free tries.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>

namespace faltstod::app {

constexpr int kFreePinAttempts = 3;

// The pause after `failed` wrong PINs in a row (zero while fewer than kFreePinAttempts).
std::chrono::seconds pin_pause_after(int failed);

struct PinAttempts {
    int failed = 0;  // wrong PINs in a row
    std::optional<std::chrono::system_clock::time_point> paused_until;
    bool operator==(const PinAttempts&) const = default;
};

// How long until a PIN may be tried (zero: now).
std::chrono::seconds pin_wait(const PinAttempts& attempts, std::chrono::system_clock::time_point now);
// Counts one try that was allowed (pin_wait was zero): a right PIN clears the count.
void count_pin_attempt(PinAttempts& attempts, bool correct, std::chrono::system_clock::time_point now);

std::filesystem::path pin_attempts_path(const std::filesystem::path& pin_file);  // beside it
PinAttempts load_pin_attempts(const std::filesystem::path& file);
void save_pin_attempts(const std::filesystem::path& file, const PinAttempts& attempts);

}  // namespace faltstod::app
