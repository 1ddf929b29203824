// Open-now evaluation; see open_now.hpp for the rules.
#include "open_now.hpp"

#include "swedish_holidays.hpp"

#include <date/tz.h>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace faltstod::hours {

using namespace std::chrono;

namespace {

// The date library has its own local-time clock type (std::chrono's is not wired to tzdb
// in GCC 12); local times here are date::local_seconds.
using LocalSeconds = date::local_seconds;

struct Interval {
    LocalSeconds start;
    LocalSeconds end;
};

const date::time_zone* stockholm() {
    static const date::time_zone* zone = date::locate_zone("Europe/Stockholm");
    return zone;
}

int iso_weekday_index(year_month_day date) {
    return static_cast<int>(weekday{sys_days{date}}.iso_encoding()) - 1;  // 0 = Monday
}

// The opening intervals that start on local date `date`, in local time.
std::vector<Interval> intervals_starting(const content::OpeningHours& hours, year_month_day date) {
    std::vector<Interval> out;
    const date::local_days day{sys_days{date}.time_since_epoch()};
    auto add = [&](int open, int close) {
        const LocalSeconds start = LocalSeconds{day} + minutes(open);
        const LocalSeconds end = LocalSeconds{day} + minutes(close > open ? close : close + 24 * 60);
        out.push_back({start, end});
    };
    if (!hours.exceptions.empty()) {
        // Formatted only when there are exceptions to compare with: date::format goes through
        // a stream and was most of the cost of Home's first frame with many lines.
        char text[16];
        std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                      static_cast<unsigned>(date.day()));
        for (const auto& exception : hours.exceptions) {
            if (exception.date != text) continue;
            if (!exception.closed) add(exception.open, exception.close);
            return out;  // an exception replaces the day, even when it only closes it
        }
    }
    int weekday_index = iso_weekday_index(date);
    if (day_kind(date) != DayKind::Ordinary) {
        switch (hours.public_holidays) {
            case content::HolidayRule::Closed: return out;
            case content::HolidayRule::AsSunday: weekday_index = 6; break;
            case content::HolidayRule::Normal: break;
        }
    }
    for (const auto& range : hours.weekly)
        if (range.weekday == weekday_index) add(range.open, range.close);
    return out;
}

sys_seconds to_sys(LocalSeconds local) {
    // With the offset in force before the change: a local time inside the spring-forward gap
    // (02:30 on the last Sunday of March) moves forward by the gap (03:30 CEST), and in the
    // autumn overlap the earlier of the two instants is used.
    const auto info = stockholm()->get_info(local);
    return sys_seconds{local.time_since_epoch()} - info.first.offset;
}

}  // namespace

date::local_seconds to_stockholm(sys_seconds when) { return stockholm()->to_local(when); }

OpenState open_state(const content::OpeningHours& hours, sys_seconds now) {
    OpenState state;
    if (hours.always_open) {
        state.open = state.always = true;
        return state;
    }
    const auto local_now = to_stockholm(now);
    const year_month_day today{sys_days{floor<days>(local_now).time_since_epoch()}};
    // Yesterday's ranges may still be running past midnight.
    std::optional<LocalSeconds> open_until, next_open;
    for (int offset = -1; offset <= 14; ++offset) {
        const year_month_day date{sys_days{today} + days{offset}};
        for (const auto& interval : intervals_starting(hours, date)) {
            if (interval.start <= local_now && local_now < interval.end)
                open_until = std::max(open_until.value_or(interval.end), interval.end);
            else if (interval.start > local_now && (!next_open || interval.start < *next_open))
                next_open = interval.start;
        }
        // Only ranges starting yesterday or today can hold `now`, and every range of a later
        // day starts after every range of this one: the first day from today with a next
        // opening ends the search (most lines open within a day; the loop ran 16 days).
        if (offset >= 0 && next_open) break;
    }
    if (open_until) {
        state.open = true;
        state.change_at = to_sys(*open_until);
    } else if (next_open) {
        state.change_at = to_sys(*next_open);
    }
    return state;
}

}  // namespace faltstod::hours
