// Dates for consultation logs in tests. A log may carry only a date from the last 13 months
// (protocol/consultation_rules.hpp), by the server's clock, so a test that hard-codes one stops
// passing a year later: tests take their dates relative to today instead.
#pragma once

#include <chrono>
#include <cstdio>
#include <string>

namespace faltstod::test {

// "YYYY-MM-DD" of the UTC day `days` days before today.
inline std::string days_ago(int days) {
    const auto day = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) - std::chrono::days(days);
    const std::chrono::year_month_day ymd{day};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return text;
}

// "YYYY-MM" of the month `months` months before this one (UTC).
inline std::string months_ago(int months) {
    const std::chrono::year_month_day today{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
    const auto month = std::chrono::year_month(today.year(), today.month()) - std::chrono::months(months);
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u", static_cast<int>(month.year()), static_cast<unsigned>(month.month()));
    return text;
}

// The 10th of the month `months` months before this one: a day that exists in every month and
// stays inside the window for months 0–12.
inline std::string day_in_month(int months) { return months_ago(months) + "-10"; }

}  // namespace faltstod::test
