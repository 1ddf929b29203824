// Sliding-window rate limiting; see rate_limiter.hpp.
#include "rate_limiter.hpp"

namespace faltstod::server {

bool RateLimiter::allow(const std::string& client, std::chrono::steady_clock::time_point now) {
    std::lock_guard lock(mutex_);
    // Forget clients with no recent attempts, so the map cannot grow without bound.
    for (auto it = attempts_.begin(); it != attempts_.end();) {
        while (!it->second.empty() && now - it->second.front() >= window_) it->second.pop_front();
        it = it->second.empty() ? attempts_.erase(it) : std::next(it);
    }
    auto& recent = attempts_[client];
    if (static_cast<int>(recent.size()) >= max_) return false;
    recent.push_back(now);
    return true;
}

}  // namespace faltstod::server
