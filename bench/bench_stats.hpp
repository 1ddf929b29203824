// Small helpers shared by the benchmark programs: a monotonic stopwatch, percentiles of a
// sample, and this process's peak resident memory (getrusage).
#pragma once

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <vector>

namespace faltstod::bench {

class Stopwatch {
public:
    Stopwatch() : start_(std::chrono::steady_clock::now()) {}
    double ms() const {
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_).count();
    }

private:
    std::chrono::steady_clock::time_point start_;
};

// Nearest-rank percentile (p in 0..100) of an unsorted sample; 0 for an empty one.
inline double percentile(std::vector<double> sample, double p) {
    if (sample.empty()) return 0;
    std::sort(sample.begin(), sample.end());
    const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(sample.size())));
    return sample[std::min(sample.size() - 1, rank == 0 ? 0 : rank - 1)];
}

// Peak resident set size of this process so far, in KiB.
inline long peak_rss_kib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

}  // namespace faltstod::bench
