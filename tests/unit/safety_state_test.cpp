// The quick-exit and auto-lock state machine, driven by a clock the test owns.
#include "safety_state.hpp"

#include <doctest/doctest.h>

using namespace faltstod::app;
using namespace std::chrono_literals;

namespace {
const SafetyState::Clock::time_point t0{};
}

TEST_CASE("three Shift presses within two seconds hide the screen, slower ones do not") {
    SafetyState safety(0s);
    safety.tick(t0);
    CHECK_FALSE(safety.shift_pressed(t0));
    CHECK_FALSE(safety.shift_pressed(t0 + 1s));
    CHECK_FALSE(safety.shift_pressed(t0 + 2100ms));  // the first is now too old
    CHECK(safety.mode() == SafetyMode::Open);
    CHECK(safety.shift_pressed(t0 + 2500ms));  // 1 s, 2.1 s and 2.5 s: within two seconds
    CHECK(safety.mode() == SafetyMode::Hidden);
    CHECK_FALSE(safety.showing_content());
    // More presses while hidden change nothing and report nothing new.
    CHECK_FALSE(safety.shift_pressed(t0 + 2600ms));
    CHECK_FALSE(safety.shift_pressed(t0 + 2700ms));
    CHECK(safety.mode() == SafetyMode::Hidden);
}

TEST_CASE("a press sequence starts again after leaving the neutral view") {
    SafetyState safety(0s);
    safety.shift_pressed(t0);
    safety.shift_pressed(t0 + 100ms);
    safety.quick_exit();  // the button, between presses
    CHECK(safety.mode() == SafetyMode::Hidden);
    safety.leave(t0 + 5s);
    CHECK(safety.showing_content());
    // The two presses before the button do not count towards a new triple.
    CHECK_FALSE(safety.shift_pressed(t0 + 5100ms));
    CHECK(safety.showing_content());
}

TEST_CASE("auto-lock after the idle time, counted from the last input") {
    SafetyState safety(60s);
    CHECK_FALSE(safety.tick(t0));  // the clock starts at the first frame
    CHECK_FALSE(safety.tick(t0 + 59s));
    safety.activity(t0 + 59s);
    CHECK_FALSE(safety.tick(t0 + 100s));
    CHECK(safety.tick(t0 + 119s));
    CHECK(safety.mode() == SafetyMode::Locked);
    CHECK_FALSE(safety.tick(t0 + 200s));  // reported once
}

TEST_CASE("an idle time of zero never locks, and changing it applies at once") {
    SafetyState safety(0s);
    safety.tick(t0);
    CHECK_FALSE(safety.tick(t0 + 24h));
    safety.set_idle_lock(30s);
    CHECK(safety.tick(t0 + 24h));
}

TEST_CASE("quick exit over a lock keeps the content hidden with one way back") {
    SafetyState safety(10s);
    safety.tick(t0);
    CHECK(safety.tick(t0 + 10s));
    safety.quick_exit();
    CHECK(safety.mode() == SafetyMode::Locked);
    CHECK(safety.pin_attempt(true, t0 + 11s));
    CHECK(safety.showing_content());
}

TEST_CASE("wrong PINs: three free tries, then pauses that double, capped at fifteen minutes") {
    SafetyState safety(0s);
    safety.quick_exit();
    auto now = t0;
    for (int i = 0; i < 3; ++i) CHECK(safety.pin_attempt(false, now));
    CHECK(safety.failed_attempts() == 3);
    auto until = safety.next_attempt_allowed(now);
    REQUIRE(until);
    CHECK(*until - now == 30s);
    // During the pause a try is refused and not even counted, right or wrong.
    CHECK_FALSE(safety.pin_attempt(true, now + 29s));
    CHECK_FALSE(safety.showing_content());
    CHECK(safety.failed_attempts() == 3);

    now += 30s;
    CHECK(safety.pin_attempt(false, now));
    CHECK(*safety.next_attempt_allowed(now) - now == 60s);
    now += 60s;
    CHECK(safety.pin_attempt(false, now));
    CHECK(*safety.next_attempt_allowed(now) - now == 120s);
    for (int i = 0; i < 10; ++i) {
        now = *safety.next_attempt_allowed(now);
        CHECK(safety.pin_attempt(false, now));
    }
    CHECK(*safety.next_attempt_allowed(now) - now == 15min);

    now += 15min;
    CHECK(safety.pin_attempt(true, now));
    CHECK(safety.showing_content());
    CHECK(safety.failed_attempts() == 0);
    CHECK_FALSE(safety.next_attempt_allowed(now));
}

TEST_CASE("idle time is measured from the last input") {
    SafetyState safety(0s);
    CHECK(safety.idle_for(t0 + 1h) == 0s);  // nothing seen yet
    safety.tick(t0);
    CHECK(safety.idle_for(t0 + 90s) == 90s);
    safety.activity(t0 + 100s);
    CHECK(safety.idle_for(t0 + 110s) == 10s);
}
