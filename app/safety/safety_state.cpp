// The safety state machine; see safety_state.hpp.
#include "safety_state.hpp"

#include "pin_backoff.hpp"

#include <algorithm>

namespace faltstod::app {

namespace {
constexpr auto kTripleShiftWindow = std::chrono::seconds(2);
}  // namespace

SafetyState::SafetyState(std::chrono::seconds idle_lock) : idle_lock_(idle_lock) {}

void SafetyState::hide(SafetyMode mode) {
    // Quick exit wins over a lock: both hide the content, and either way the way back is the same.
    if (mode_ == SafetyMode::Open) mode_ = mode;
    shift_count_ = 0;
}

bool SafetyState::shift_pressed(Clock::time_point now) {
    // Keep the last three presses; the oldest must be within the window of the newest.
    if (shift_count_ == 3) {
        shifts_[0] = shifts_[1];
        shifts_[1] = shifts_[2];
        shift_count_ = 2;
    }
    shifts_[shift_count_++] = now;
    if (shift_count_ == 3 && now - shifts_[0] <= kTripleShiftWindow) {
        const bool was_open = mode_ == SafetyMode::Open;
        hide(SafetyMode::Hidden);
        return was_open;
    }
    return false;
}

void SafetyState::quick_exit() { hide(SafetyMode::Hidden); }

void SafetyState::activity(Clock::time_point now) {
    last_activity_ = now;
    seen_activity_ = true;
}

bool SafetyState::tick(Clock::time_point now) {
    if (!seen_activity_) activity(now);  // the clock starts at the first frame
    if (mode_ != SafetyMode::Open || idle_lock_.count() == 0) return false;
    if (now - last_activity_ < idle_lock_) return false;
    hide(SafetyMode::Locked);
    return true;
}

void SafetyState::leave(Clock::time_point now) {
    mode_ = SafetyMode::Open;
    activity(now);
}

std::optional<SafetyState::Clock::time_point> SafetyState::next_attempt_allowed(Clock::time_point now) const {
    if (paused_until_ && *paused_until_ > now) return paused_until_;
    return std::nullopt;
}

bool SafetyState::pin_attempt(bool correct, Clock::time_point now) {
    if (next_attempt_allowed(now)) return false;
    if (correct) {
        failed_ = 0;
        paused_until_.reset();
        leave(now);
        return true;
    }
    ++failed_;
    // The same rule as `faltstod pin` (pin_backoff.hpp).
    if (const auto pause = pin_pause_after(failed_); pause.count() > 0) paused_until_ = now + pause;
    return true;
}

void SafetyState::restore_attempts(int failed, std::chrono::seconds pause_left, Clock::time_point now) {
    failed_ = std::max(0, failed);
    paused_until_.reset();
    if (pause_left.count() > 0) paused_until_ = now + pause_left;
}

}  // namespace faltstod::app
