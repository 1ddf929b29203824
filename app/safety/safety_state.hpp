// Safety in the room, as a state machine without ImGui: quick exit (Shift three times within two
// seconds, or the button), auto-lock after idle time, and leaving the neutral view again —
// deliberately, and with the PIN when one is set, with wrong PINs slowed down.
#pragma once

#include <chrono>
#include <optional>

namespace faltstod::app {

enum class SafetyMode { Open, Hidden, Locked };  // Hidden: after quick exit; Locked: after idle

class SafetyState {
public:
    using Clock = std::chrono::steady_clock;

    // `idle_lock` of zero turns auto-lock off.
    explicit SafetyState(std::chrono::seconds idle_lock = std::chrono::minutes(5));

    SafetyMode mode() const { return mode_; }
    bool showing_content() const { return mode_ == SafetyMode::Open; }

    // A Shift key went down at `now`. True when it was the third within two seconds and the
    // screen was hidden by it (the caller clears what was on screen at once).
    bool shift_pressed(Clock::time_point now);
    // The always-visible button.
    void quick_exit();
    // Locked as after idle time: how the kiosk starts when a PIN is set.
    void lock() { hide(SafetyMode::Locked); }
    // Any input at `now` keeps the kiosk from locking.
    void activity(Clock::time_point now);
    // Called every frame; true when it locked just now.
    bool tick(Clock::time_point now);
    void set_idle_lock(std::chrono::seconds idle_lock) { idle_lock_ = idle_lock; }
    // How long since the last input (zero before the first frame).
    Clock::duration idle_for(Clock::time_point now) const { return seen_activity_ ? now - last_activity_ : Clock::duration::zero(); }

    // Leaving the neutral view. Without a PIN: `leave()`. With one: `pin_attempt(ok, now)` after
    // the caller checked it; a wrong PIN counts towards the wait.
    void leave(Clock::time_point now);
    // When a PIN may be tried again (nullopt: now).
    std::optional<Clock::time_point> next_attempt_allowed(Clock::time_point now) const;
    // Returns false (and changes nothing) while attempts are paused.
    bool pin_attempt(bool correct, Clock::time_point now);
    int failed_attempts() const { return failed_; }
    // Takes over the count kept on disk (pin_backoff.hpp) when the kiosk starts: `failed` wrong
    // PINs so far and a pause with `pause_left` still to run from `now`.
    void restore_attempts(int failed, std::chrono::seconds pause_left, Clock::time_point now);

private:
    void hide(SafetyMode mode);

    std::chrono::seconds idle_lock_;
    SafetyMode mode_ = SafetyMode::Open;
    Clock::time_point shifts_[3]{};
    int shift_count_ = 0;
    Clock::time_point last_activity_{};
    bool seen_activity_ = false;
    int failed_ = 0;
    std::optional<Clock::time_point> paused_until_;
};

}  // namespace faltstod::app
