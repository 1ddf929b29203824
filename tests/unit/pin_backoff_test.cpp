// Wrong PINs on the command line are slowed down as on the lock screen, and the count survives
// a restart (issue 18); old PIN hashes still verify and are upgraded to 600,000 iterations.
#include "pin_backoff.hpp"
#include "pin_command.hpp"
#include "pin_store.hpp"
#include "safety_state.hpp"
#include "support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <sys/stat.h>

using namespace faltstod::app;
using namespace std::chrono_literals;
using SystemClock = std::chrono::system_clock;

namespace {

constexpr int kFast = 1000;  // tests need not wait for the real count
const SystemClock::time_point kNoon = SystemClock::time_point(std::chrono::seconds(1'790'000'000));

// `faltstod pin remove` typed with `typed` at the prompt, at `now`; returns the exit code and
// what it wrote to standard error.
std::pair<int, std::string> remove_with(const std::filesystem::path& pin_file, const std::string& typed, SystemClock::time_point now) {
    std::istringstream in(typed + "\n");
    std::ostringstream out, err;
    const int code = run_pin_command("remove", pin_file, in, out, err, [now] { return now; });
    return {code, err.str()};
}

}  // namespace

TEST_CASE("the pause after each wrong PIN is the lock screen's: three free, 30 s doubling, 15 minutes at most") {
    const std::vector<std::pair<int, std::chrono::seconds>> expected = {
        {0, 0s}, {1, 0s}, {2, 0s}, {3, 30s}, {4, 60s}, {5, 120s}, {6, 240s}, {7, 480s}, {8, 900s}, {9, 900s}, {50, 900s}};
    for (const auto& [failed, pause] : expected) {
        INFO(failed);
        CHECK(pin_pause_after(failed) == pause);
    }
    // The lock screen's state machine pauses by the same rule, try for try.
    SafetyState safety(0s);
    safety.quick_exit();
    auto now = SafetyState::Clock::time_point{} + 1h;
    for (int failed = 1; failed <= 12; ++failed) {
        REQUIRE(safety.pin_attempt(false, now));
        const auto until = safety.next_attempt_allowed(now);
        const auto pause = until ? std::chrono::duration_cast<std::chrono::seconds>(*until - now) : 0s;
        CHECK(pause == pin_pause_after(failed));
        if (until) now = *until;
    }
}

TEST_CASE("counting tries: a right PIN clears the count, and a pause runs from the wrong try") {
    PinAttempts attempts;
    for (int i = 0; i < 2; ++i) count_pin_attempt(attempts, false, kNoon);
    CHECK(pin_wait(attempts, kNoon) == 0s);
    count_pin_attempt(attempts, false, kNoon);
    CHECK(pin_wait(attempts, kNoon) == 30s);
    CHECK(pin_wait(attempts, kNoon + 29s) == 1s);
    CHECK(pin_wait(attempts, kNoon + 30s) == 0s);
    count_pin_attempt(attempts, true, kNoon + 30s);
    CHECK(attempts == PinAttempts{});
    // A pause written far into the future (a clock set back) never lasts past the longest one.
    attempts.paused_until = kNoon + 24h;
    CHECK(pin_wait(attempts, kNoon) == 15min);
}

TEST_CASE("the count is kept in a file only the user may read, and a damaged file gives no free tries") {
    faltstod::test::TempDir dir;
    const auto file = pin_attempts_path(dir.path() / "config" / "pin.json");
    CHECK(file == dir.path() / "config" / "pin-attempts.json");
    CHECK(load_pin_attempts(file) == PinAttempts{});
    const PinAttempts attempts{4, kNoon + 60s};
    save_pin_attempts(file, attempts);
    struct stat info {};
    REQUIRE(::stat(file.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    CHECK(load_pin_attempts(file) == attempts);
    std::ofstream(file) << "{broken";
    CHECK(load_pin_attempts(file).failed == kFreePinAttempts);
}

TEST_CASE("faltstod pin remove: wrong PINs pause it, the pause survives a restart, and a right PIN in a pause is not even tried") {
    faltstod::test::TempDir dir;
    const auto pin_file = dir.path() / "pin.json";
    save_pin(pin_file, hash_pin("2468", kFast));
    auto now = kNoon;
    for (int i = 0; i < 2; ++i) CHECK(remove_with(pin_file, "1111", now).first == 1);
    const auto third = remove_with(pin_file, "1111", now);
    CHECK(third.first == 1);
    CHECK(third.second.find("Vänta 30 s") != std::string::npos);
    // Every call is a new run of the program: the pause is read from the file.
    for (const auto& typed : {"1111", "2468"}) {
        const auto paused = remove_with(pin_file, typed, now + 10s);
        CHECK(paused.first == 1);
        CHECK(paused.second.find("vänta 20 s") != std::string::npos);
        CHECK(std::filesystem::exists(pin_file));
    }
    now += 30s;
    CHECK(remove_with(pin_file, "1111", now).second.find("Vänta 1 min") != std::string::npos);
    CHECK(remove_with(pin_file, "2468", now + 59s).first == 1);  // still paused
    CHECK(std::filesystem::exists(pin_file));
    CHECK(remove_with(pin_file, "2468", now + 60s).first == 0);
    CHECK_FALSE(std::filesystem::exists(pin_file));
    CHECK(load_pin_attempts(pin_attempts_path(pin_file)) == PinAttempts{});  // a right PIN clears the count
}

TEST_CASE("faltstod pin set asks for the current PIN under the same back-off") {
    faltstod::test::TempDir dir;
    const auto pin_file = dir.path() / "pin.json";
    save_pin(pin_file, hash_pin("2468", kFast));
    const auto set_with = [&](const std::string& typed, SystemClock::time_point now) {
        std::istringstream in(typed);
        std::ostringstream out, err;
        return run_pin_command("set", pin_file, in, out, err, [now] { return now; });
    };
    for (int i = 0; i < 3; ++i) CHECK(set_with("1111\n13579\n", kNoon) == 1);
    CHECK(set_with("2468\n13579\n", kNoon + 29s) == 1);
    CHECK(pin_matches(*load_pin(pin_file), "2468"));
    CHECK(set_with("2468\n1357\n", kNoon + 30s) == 0);
    CHECK(pin_matches(*load_pin(pin_file), "1357"));
}

TEST_CASE("PBKDF2 with 600,000 iterations, and an older, lower count still verifies and is upgraded on the next right PIN") {
    CHECK(kPinIterations == 600000);
    CHECK(hash_pin("1357").iterations == 600000);
    faltstod::test::TempDir dir;
    const auto file = dir.path() / "pin.json";
    // Stand-ins for 300,000 and 600,000 (the real counts take a second each).
    const PinHash old = hash_pin("97531", kFast);
    save_pin(file, old);
    CHECK(pin_needs_upgrade(old, 2 * kFast));
    CHECK_FALSE(check_pin_and_upgrade(file, old, "11111", 2 * kFast));  // a wrong PIN changes nothing
    CHECK(load_pin(file)->hash_hex == old.hash_hex);
    CHECK(check_pin_and_upgrade(file, old, "97531", 2 * kFast));
    const auto upgraded = load_pin(file);
    REQUIRE(upgraded);
    CHECK(upgraded->iterations == 2 * kFast);
    CHECK(upgraded->salt_hex != old.salt_hex);
    CHECK(pin_matches(*upgraded, "97531"));
    CHECK_FALSE(pin_needs_upgrade(*upgraded, 2 * kFast));
    // Already at the count: nothing is written again.
    CHECK(check_pin_and_upgrade(file, *upgraded, "97531", 2 * kFast));
    CHECK(load_pin(file)->hash_hex == upgraded->hash_hex);
}
