// A sliding-window limit of attempts per client address, for enrollment: codes are short
// enough to type, so guessing must be slow.
//
// Thread safety: allow() may be called from any thread.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace faltstod::server {

class RateLimiter {
public:
    RateLimiter(int max_attempts, std::chrono::seconds window) : max_(max_attempts), window_(window) {}

    // Records an attempt from `client`; false when it is over the limit.
    bool allow(const std::string& client, std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now());
    std::chrono::seconds window() const { return window_; }

private:
    int max_;
    std::chrono::seconds window_;
    std::mutex mutex_;
    std::map<std::string, std::deque<std::chrono::steady_clock::time_point>> attempts_;
};

}  // namespace faltstod::server
