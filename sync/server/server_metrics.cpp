// Prometheus text exposition of the server's counters; see server_metrics.hpp.
#include "server_metrics.hpp"

#include <sstream>

namespace faltstod::server {

void ServerMetrics::record_request(const std::string& route, int status, double seconds) {
    std::lock_guard lock(mutex_);
    ++requests_[{route, status}];
    auto& h = latency_[route];
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
        if (seconds <= kBuckets[i]) ++h.buckets[i];
    ++h.count;
    h.sum += seconds;
}

void ServerMetrics::record_push(const std::string& status) {
    std::lock_guard lock(mutex_);
    ++pushes_[status];
}

std::string ServerMetrics::render(int active_devices, long long change_log_rows, long long last_seq) const {
    std::lock_guard lock(mutex_);
    std::ostringstream out;
    out << "# HELP faltstod_http_requests_total HTTP requests by route and status.\n"
           "# TYPE faltstod_http_requests_total counter\n";
    for (const auto& [key, count] : requests_)
        out << "faltstod_http_requests_total{route=\"" << key.first << "\",status=\"" << key.second << "\"} " << count << "\n";
    out << "# HELP faltstod_http_request_duration_seconds Time to handle a request.\n"
           "# TYPE faltstod_http_request_duration_seconds histogram\n";
    for (const auto& [route, h] : latency_) {
        for (std::size_t i = 0; i < kBuckets.size(); ++i)
            out << "faltstod_http_request_duration_seconds_bucket{route=\"" << route << "\",le=\"" << kBuckets[i] << "\"} "
                << h.buckets[i] << "\n";
        out << "faltstod_http_request_duration_seconds_bucket{route=\"" << route << "\",le=\"+Inf\"} " << h.count << "\n"
            << "faltstod_http_request_duration_seconds_sum{route=\"" << route << "\"} " << h.sum << "\n"
            << "faltstod_http_request_duration_seconds_count{route=\"" << route << "\"} " << h.count << "\n";
    }
    out << "# HELP faltstod_push_records_total Pushed records by outcome.\n"
           "# TYPE faltstod_push_records_total counter\n";
    for (const char* status : {"applied", "duplicate", "conflict", "rejected"}) {
        const auto it = pushes_.find(status);
        out << "faltstod_push_records_total{status=\"" << status << "\"} " << (it == pushes_.end() ? 0 : it->second) << "\n";
    }
    out << "# HELP faltstod_devices_active Enrolled devices that are neither revoked nor ordered to wipe.\n"
           "# TYPE faltstod_devices_active gauge\n"
           "faltstod_devices_active " << active_devices << "\n"
           "# HELP faltstod_change_log_rows Content rows in the change log, tombstones included.\n"
           "# TYPE faltstod_change_log_rows gauge\n"
           "faltstod_change_log_rows " << change_log_rows << "\n"
           "# HELP faltstod_change_log_last_seq The newest change number.\n"
           "# TYPE faltstod_change_log_last_seq gauge\n"
           "faltstod_change_log_last_seq " << last_seq << "\n";
    return out.str();
}

}  // namespace faltstod::server
