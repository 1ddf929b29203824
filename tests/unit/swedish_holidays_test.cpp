// Swedish public holidays and eves, checked against the calendar for several years.
#include "swedish_holidays.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <utility>
#include <vector>

using namespace std::chrono;
using faltstod::hours::DayKind;
using faltstod::hours::day_kind;
using faltstod::hours::easter_sunday;

namespace {
year_month_day ymd(int y, unsigned m, unsigned d) { return year_month_day{year{y}, month{m}, day{d}}; }
}  // namespace

TEST_CASE("Easter Sunday for 2024–2030") {
    CHECK(easter_sunday(year{2024}) == ymd(2024, 3, 31));
    CHECK(easter_sunday(year{2025}) == ymd(2025, 4, 20));
    CHECK(easter_sunday(year{2026}) == ymd(2026, 4, 5));
    CHECK(easter_sunday(year{2027}) == ymd(2027, 3, 28));
    CHECK(easter_sunday(year{2028}) == ymd(2028, 4, 16));
    CHECK(easter_sunday(year{2029}) == ymd(2029, 4, 1));
    CHECK(easter_sunday(year{2030}) == ymd(2030, 4, 21));
}

TEST_CASE("every public holiday of 2026") {
    const std::vector<std::pair<year_month_day, std::string_view>> holidays = {
        {ymd(2026, 1, 1), "Nyårsdagen"},         {ymd(2026, 1, 6), "Trettondedag jul"},
        {ymd(2026, 4, 3), "Långfredagen"},       {ymd(2026, 4, 5), "Påskdagen"},
        {ymd(2026, 4, 6), "Annandag påsk"},      {ymd(2026, 5, 1), "Första maj"},
        {ymd(2026, 5, 14), "Kristi himmelsfärdsdag"}, {ymd(2026, 5, 24), "Pingstdagen"},
        {ymd(2026, 6, 6), "Sveriges nationaldag"}, {ymd(2026, 6, 20), "Midsommardagen"},
        {ymd(2026, 10, 31), "Alla helgons dag"}, {ymd(2026, 12, 25), "Juldagen"},
        {ymd(2026, 12, 26), "Annandag jul"}};
    for (const auto& [date, expected] : holidays) {
        std::string_view name;
        CAPTURE(expected);
        CHECK(day_kind(date, &name) == DayKind::PublicHoliday);
        CHECK(name == expected);
    }
    int count = 0;
    for (sys_days d = sys_days{ymd(2026, 1, 1)}; d <= sys_days{ymd(2026, 12, 31)}; d += days{1})
        if (day_kind(year_month_day{d}) == DayKind::PublicHoliday) ++count;
    CHECK(count == 13);
}

TEST_CASE("moving holidays and eves in other years") {
    CHECK(day_kind(ymd(2025, 6, 21)) == DayKind::PublicHoliday);  // Midsommardagen
    CHECK(day_kind(ymd(2025, 6, 20)) == DayKind::HolidayEve);     // Midsommarafton
    CHECK(day_kind(ymd(2024, 6, 22)) == DayKind::PublicHoliday);
    CHECK(day_kind(ymd(2024, 11, 2)) == DayKind::PublicHoliday);  // Alla helgons dag
    CHECK(day_kind(ymd(2025, 11, 1)) == DayKind::PublicHoliday);
    CHECK(day_kind(ymd(2027, 5, 6)) == DayKind::PublicHoliday);   // Kristi himmelsfärd 2027
    CHECK(day_kind(ymd(2028, 6, 4)) == DayKind::PublicHoliday);   // Pingstdagen 2028
    CHECK(day_kind(ymd(2026, 12, 24)) == DayKind::HolidayEve);
    CHECK(day_kind(ymd(2026, 12, 31)) == DayKind::HolidayEve);
    CHECK(day_kind(ymd(2026, 6, 19)) == DayKind::HolidayEve);
    CHECK(day_kind(ymd(2026, 6, 26)) == DayKind::Ordinary);  // a Friday, but not in the midsummer week
    CHECK(day_kind(ymd(2026, 11, 23)) == DayKind::Ordinary);
}

TEST_CASE("every public holiday and eve of 2024 to 2030, and no other weekday") {
    // The rules of lag 1989:253 written out independently of the implementation, with Easter
    // taken from the calendar (the test case above).
    const std::vector<std::pair<int, year_month_day>> easter = {
        {2024, ymd(2024, 3, 31)}, {2025, ymd(2025, 4, 20)}, {2026, ymd(2026, 4, 5)}, {2027, ymd(2027, 3, 28)},
        {2028, ymd(2028, 4, 16)}, {2029, ymd(2029, 4, 1)},  {2030, ymd(2030, 4, 21)}};
    const auto saturday_between = [](int y, unsigned m, unsigned first_day) {
        sys_days d = sys_days{ymd(y, m, first_day)};
        while (weekday{d} != Saturday) d += days{1};
        return d;
    };
    for (const auto& [y, easter_day] : easter) {
        CAPTURE(y);
        const sys_days e{easter_day};
        const sys_days midsummer = saturday_between(y, 6, 20);
        std::vector<sys_days> holidays = {
            sys_days{ymd(y, 1, 1)},  sys_days{ymd(y, 1, 6)},   e - days{2},           e,
            e + days{1},             sys_days{ymd(y, 5, 1)},   e + days{39},          e + days{49},
            sys_days{ymd(y, 6, 6)},  midsummer,                saturday_between(y, 10, 31),
            sys_days{ymd(y, 12, 25)}, sys_days{ymd(y, 12, 26)}};
        for (const auto d : holidays) {
            CAPTURE(year_month_day{d});
            CHECK(day_kind(year_month_day{d}) == DayKind::PublicHoliday);
        }
        for (const auto eve : {midsummer - days{1}, sys_days{ymd(y, 12, 24)}, sys_days{ymd(y, 12, 31)}}) {
            CAPTURE(year_month_day{eve});
            CHECK(day_kind(year_month_day{eve}) == DayKind::HolidayEve);
        }
        // Every other day that is not a Sunday is no public holiday.
        for (sys_days d = sys_days{ymd(y, 1, 1)}; d <= sys_days{ymd(y, 12, 31)}; d += days{1}) {
            if (weekday{d} == Sunday || std::find(holidays.begin(), holidays.end(), d) != holidays.end()) continue;
            CAPTURE(year_month_day{d});
            CHECK(day_kind(year_month_day{d}) != DayKind::PublicHoliday);
        }
    }
}
