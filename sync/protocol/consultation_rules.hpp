// What the side that checks a consultation log knows beyond the record itself: today's date by
// its own clock, the window of dates a log may carry, the county the device was enrolled for,
// and the contact details the published content lists. The kiosk checks a log with these rules
// before it is saved, the server again before it is stored (consultation_record.hpp,
// parse_consultation), each with its own clock and its own copy of the content.
//
// The window closes a way around anonymity: a date far in the past or future is not the date of
// a consultation but a place to put a birth date ("1985-01-01", and the note "sista fyra
// 1236"). By default a log may be dated from the same day 13 months ago (a year's follow-up and
// a month to catch up) to tomorrow (one day of slack for clocks and time zones). Both sides count
// the window from the UTC day, so the kiosk refuses exactly what the server would; the day of
// slack lets a log be dated by Stockholm's day, which is up to one day ahead of UTC.
#pragma once

#include "published_contacts.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace faltstod::protocol {

struct DateWindow {
    int months_back = 13;        // 1–120
    int future_slack_days = 1;   // 0–7
};

constexpr int kMinWindowMonths = 1;
constexpr int kMaxWindowMonths = 120;

struct ConsultationRules {
    std::string today;  // YYYY-MM-DD by the checking side's clock
    DateWindow window;
    std::optional<std::string> device_county;      // a device enrolled for one county logs only for it
    std::shared_ptr<const PublishedContacts> published;  // numbers and addresses a note may name; may be null
};

// "YYYY-MM-DD" of a day.
std::string format_date(std::chrono::sys_days day);
// Today in UTC by the system clock (the server's "today").
std::string utc_today();
// The default rules for a record checked now in UTC: the default window, no county, nothing
// published. For callers that know no more (tests, a fuzz target, the outbox's safety net).
ConsultationRules rules_for_utc_today();

struct DateRange {
    std::string first;  // YYYY-MM-DD, inclusive
    std::string last;
};

// The dates `window` allows when it is `today` (a valid YYYY-MM-DD). "13 months back" from
// 2026-03-31 is 2025-02-28: the day is clamped to the month's last.
DateRange allowed_dates(const std::string& today, const DateWindow& window);

}  // namespace faltstod::protocol
