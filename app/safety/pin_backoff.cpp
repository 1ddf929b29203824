// The PIN back-off and its file; see pin_backoff.hpp.
#include "pin_backoff.hpp"
#include "private_file.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <stdexcept>

namespace faltstod::app {

namespace {
constexpr auto kFirstPause = std::chrono::seconds(30);  // doubles with each further wrong PIN
constexpr auto kLongestPause = std::chrono::minutes(15);
}  // namespace

std::chrono::seconds pin_pause_after(int failed) {
    if (failed < kFreePinAttempts) return std::chrono::seconds(0);
    const auto pause = kFirstPause * (1 << std::min(failed - kFreePinAttempts, 5));
    return std::min<std::chrono::seconds>(pause, kLongestPause);
}

std::chrono::seconds pin_wait(const PinAttempts& attempts, std::chrono::system_clock::time_point now) {
    if (!attempts.paused_until || *attempts.paused_until <= now) return std::chrono::seconds(0);
    // A pause never lasts longer than the longest: a clock set back, or a file written by hand,
    // cannot lock the PIN for good.
    const auto left = std::chrono::ceil<std::chrono::seconds>(*attempts.paused_until - now);
    return std::min<std::chrono::seconds>(left, kLongestPause);
}

void count_pin_attempt(PinAttempts& attempts, bool correct, std::chrono::system_clock::time_point now) {
    if (correct) {
        attempts = {};
        return;
    }
    ++attempts.failed;
    const auto pause = pin_pause_after(attempts.failed);
    if (pause.count() > 0) attempts.paused_until = now + pause;
}

std::filesystem::path pin_attempts_path(const std::filesystem::path& pin_file) {
    return std::filesystem::absolute(pin_file).parent_path() / "pin-attempts.json";
}

PinAttempts load_pin_attempts(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) return {};
    try {
        const auto json = nlohmann::json::parse(in);
        PinAttempts attempts;
        attempts.failed = std::max(0, json.at("failed").get<int>());
        if (const auto it = json.find("paused_until"); it != json.end() && it->is_number_integer())
            attempts.paused_until = std::chrono::system_clock::time_point(std::chrono::seconds(it->get<std::int64_t>()));
        return attempts;
    } catch (const nlohmann::json::exception&) {
        return PinAttempts{kFreePinAttempts, std::nullopt};
    }
}

void save_pin_attempts(const std::filesystem::path& file, const PinAttempts& attempts) {
    nlohmann::json json = {{"failed", attempts.failed}};
    if (attempts.paused_until)
        json["paused_until"] = std::chrono::duration_cast<std::chrono::seconds>(attempts.paused_until->time_since_epoch()).count();
    sync::write_private_file(file, json.dump() + "\n");
}

}  // namespace faltstod::app
