// The rules a consultation log is checked with; see consultation_rules.hpp.
#include "consultation_rules.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace faltstod::protocol {

namespace {

std::chrono::year_month_day parse_day(const std::string& text) {
    int y = 0;
    unsigned m = 0, d = 0;
    if (std::sscanf(text.c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3) throw std::invalid_argument("not a date: YYYY-MM-DD expected");
    const std::chrono::year_month_day day{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
    if (!day.ok()) throw std::invalid_argument("not a date of the calendar");
    return day;
}

}  // namespace

std::string format_date(std::chrono::sys_days day) {
    const std::chrono::year_month_day ymd{day};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return text;
}

std::string utc_today() { return format_date(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())); }

ConsultationRules rules_for_utc_today() { return ConsultationRules{utc_today(), DateWindow{}, std::nullopt, nullptr}; }

DateRange allowed_dates(const std::string& today, const DateWindow& window) {
    const auto day = parse_day(today);
    const int months = std::clamp(window.months_back, kMinWindowMonths, kMaxWindowMonths);
    const std::chrono::year_month back = std::chrono::year_month(day.year(), day.month()) - std::chrono::months(months);
    const auto last_of_month = std::chrono::year_month_day_last(back.year(), std::chrono::month_day_last(back.month())).day();
    const std::chrono::year_month_day first{back.year(), back.month(), std::min(day.day(), last_of_month)};
    const auto last = std::chrono::sys_days(day) + std::chrono::days(std::clamp(window.future_slack_days, 0, 7));
    return {format_date(std::chrono::sys_days(first)), format_date(last)};
}

}  // namespace faltstod::protocol
