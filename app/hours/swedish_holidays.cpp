// Swedish holidays; see swedish_holidays.hpp.
#include "swedish_holidays.hpp"

namespace faltstod::hours {

using namespace std::chrono;

year_month_day easter_sunday(year y) {
    // The anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    const int Y = static_cast<int>(y);
    const int a = Y % 19, b = Y / 100, c = Y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
    const int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int m = (a + 11 * h + 22 * l) / 451;
    const int month_number = (h + l - 7 * m + 114) / 31, day_number = (h + l - 7 * m + 114) % 31 + 1;
    return year_month_day{y, month{static_cast<unsigned>(month_number)}, day{static_cast<unsigned>(day_number)}};
}

DayKind day_kind(year_month_day date, std::string_view* name) {
    auto found = [&](DayKind kind, std::string_view text) {
        if (name) *name = text;
        return kind;
    };
    if (name) *name = {};
    const auto m = date.month();
    const unsigned d = static_cast<unsigned>(date.day());
    const weekday wd{sys_days{date}};
    const sys_days easter{easter_sunday(date.year())};
    const auto offset = (sys_days{date} - easter).count();

    if (m == January && d == 1) return found(DayKind::PublicHoliday, "Nyårsdagen");
    if (m == January && d == 6) return found(DayKind::PublicHoliday, "Trettondedag jul");
    if (offset == -2) return found(DayKind::PublicHoliday, "Långfredagen");
    if (offset == 0) return found(DayKind::PublicHoliday, "Påskdagen");
    if (offset == 1) return found(DayKind::PublicHoliday, "Annandag påsk");
    if (m == May && d == 1) return found(DayKind::PublicHoliday, "Första maj");
    if (offset == 39) return found(DayKind::PublicHoliday, "Kristi himmelsfärdsdag");
    if (offset == 49) return found(DayKind::PublicHoliday, "Pingstdagen");
    if (m == June && d == 6) return found(DayKind::PublicHoliday, "Sveriges nationaldag");
    if (m == June && wd == Saturday && d >= 20 && d <= 26) return found(DayKind::PublicHoliday, "Midsommardagen");
    if (wd == Saturday && ((m == October && d == 31) || (m == November && d <= 6))) return found(DayKind::PublicHoliday, "Alla helgons dag");
    if (m == December && d == 25) return found(DayKind::PublicHoliday, "Juldagen");
    if (m == December && d == 26) return found(DayKind::PublicHoliday, "Annandag jul");
    if (m == June && wd == Friday && d >= 19 && d <= 25) return found(DayKind::HolidayEve, "Midsommarafton");
    if (m == December && d == 24) return found(DayKind::HolidayEve, "Julafton");
    if (m == December && d == 31) return found(DayKind::HolidayEve, "Nyårsafton");
    return DayKind::Ordinary;
}

}  // namespace faltstod::hours
