// Counters for GET /metrics (Prometheus text format): requests by route and status, request
// latency histogram by route, and push outcomes. Gauges read from the database (devices,
// change-log size) are added by the route at scrape time.
//
// Thread safety: all members may be called from any thread.
#pragma once

#include <array>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace faltstod::server {

class ServerMetrics {
public:
    void record_request(const std::string& route, int status, double seconds);
    void record_push(const std::string& status);
    std::string render(int active_devices, long long change_log_rows, long long last_seq) const;

    static constexpr std::array<double, 10> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0, 5.0};

private:
    struct Histogram {
        std::array<long long, kBuckets.size()> buckets{};
        long long count = 0;
        double sum = 0;
    };
    mutable std::mutex mutex_;
    std::map<std::pair<std::string, int>, long long> requests_;
    std::map<std::string, Histogram> latency_;
    std::map<std::string, long long> pushes_;
};

}  // namespace faltstod::server
