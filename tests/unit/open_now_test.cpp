// "Open now" in Europe/Stockholm time: weekly ranges, ranges past midnight, 24/7, holidays,
// eves, dated exceptions and the two DST changes.
#include "open_now.hpp"

#include <date/tz.h>
#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

using namespace std::chrono;
using faltstod::content::HolidayRule;
using faltstod::content::OpeningHours;
using faltstod::hours::open_state;

namespace {

// An instant given as Stockholm wall-clock time.
sys_seconds at(int y, unsigned mo, unsigned d, int h, int mi) {
    const auto local = date::local_days{date::year{y} / date::month{mo} / date::day{d}} + hours{h} + minutes{mi};
    return date::locate_zone("Europe/Stockholm")->to_sys(local, date::choose::earliest);
}

std::string local_text(sys_seconds when) {
    return date::format("%Y-%m-%d %H:%M", faltstod::hours::to_stockholm(when));
}

// socialjour: sun–thu 16:30–24:00, fri–sat 16:00–01:30, holidays as Sunday.
OpeningHours socialjour() {
    OpeningHours h;
    for (int wd : {6, 0, 1, 2, 3}) h.weekly.push_back({wd, 16 * 60 + 30, 24 * 60});
    for (int wd : {4, 5}) h.weekly.push_back({wd, 16 * 60, 90});
    h.public_holidays = HolidayRule::AsSunday;
    return h;
}

// NCH support phone: mon, wed, fri 09–12, closed on holidays, with exceptions.
OpeningHours support_phone() {
    OpeningHours h;
    for (int wd : {0, 2, 4}) h.weekly.push_back({wd, 9 * 60, 12 * 60});
    h.public_holidays = HolidayRule::Closed;
    h.exceptions.push_back({"2026-12-23", true, 0, 0, {}});
    h.exceptions.push_back({"2026-12-30", false, 10 * 60, 11 * 60, {}});
    return h;
}

}  // namespace

TEST_CASE("24/7 is always open") {
    OpeningHours h;
    h.always_open = true;
    const auto state = open_state(h, at(2026, 12, 24, 3, 0));
    CHECK(state.open);
    CHECK(state.always);
    CHECK_FALSE(state.change_at);
}

TEST_CASE("ordinary weekday: before, during, after") {
    const auto h = support_phone();
    auto s = open_state(h, at(2026, 11, 23, 8, 59));  // Monday
    CHECK_FALSE(s.open);
    CHECK(local_text(*s.change_at) == "2026-11-23 09:00");
    s = open_state(h, at(2026, 11, 23, 9, 0));
    CHECK(s.open);
    CHECK(local_text(*s.change_at) == "2026-11-23 12:00");
    s = open_state(h, at(2026, 11, 23, 12, 0));
    CHECK_FALSE(s.open);
    CHECK(local_text(*s.change_at) == "2026-11-25 09:00");  // Wednesday
}

TEST_CASE("ranges past midnight belong to the day they start") {
    const auto h = socialjour();
    auto s = open_state(h, at(2026, 11, 28, 1, 0));  // Saturday 01:00: Friday's range runs to 01:30
    CHECK(s.open);
    CHECK(local_text(*s.change_at) == "2026-11-28 01:30");
    s = open_state(h, at(2026, 11, 28, 1, 30));
    CHECK_FALSE(s.open);
    CHECK(local_text(*s.change_at) == "2026-11-28 16:00");
    s = open_state(h, at(2026, 11, 26, 23, 59));  // Thursday, closes at midnight
    CHECK(s.open);
    CHECK(local_text(*s.change_at) == "2026-11-27 00:00");
    CHECK_FALSE(open_state(h, at(2026, 11, 27, 0, 30)).open);  // Friday 00:30: Thursday ended at 24:00
}

TEST_CASE("public holidays: closed, or Sunday's hours") {
    const auto phone = support_phone();
    CHECK_FALSE(open_state(phone, at(2026, 4, 3, 10, 0)).open);   // Långfredagen, a Friday
    CHECK_FALSE(open_state(phone, at(2026, 4, 6, 10, 0)).open);   // Annandag påsk, a Monday
    CHECK_FALSE(open_state(phone, at(2026, 6, 19, 10, 0)).open);  // Midsommarafton, a Friday
    CHECK(local_text(*open_state(phone, at(2026, 4, 3, 10, 0)).change_at) == "2026-04-08 09:00");

    const auto jour = socialjour();
    // Långfredagen with Sunday's hours: 16:30–24:00, not Friday's 16:00–01:30.
    CHECK_FALSE(open_state(jour, at(2026, 4, 3, 16, 15)).open);
    CHECK(open_state(jour, at(2026, 4, 3, 16, 45)).open);
    CHECK_FALSE(open_state(jour, at(2026, 4, 4, 1, 0)).open);
}

TEST_CASE("dated exceptions replace the day") {
    const auto h = support_phone();
    CHECK_FALSE(open_state(h, at(2026, 12, 23, 10, 0)).open);  // a Wednesday, closed by exception
    auto s = open_state(h, at(2026, 12, 30, 9, 30));           // Wednesday, 10–11 instead
    CHECK_FALSE(s.open);
    CHECK(local_text(*s.change_at) == "2026-12-30 10:00");
    CHECK(open_state(h, at(2026, 12, 30, 10, 30)).open);
    CHECK_FALSE(open_state(h, at(2026, 12, 30, 11, 0)).open);
}

TEST_CASE("DST: the spring-forward night and the autumn night") {
    const auto h = socialjour();  // Saturday 2026-03-28 16:00 → Sunday 01:30 (before the change at 02:00)
    auto s = open_state(h, at(2026, 3, 29, 1, 0));
    CHECK(s.open);
    CHECK(local_text(*s.change_at) == "2026-03-29 01:30");

    OpeningHours night;  // 22:00–06:00 every day: one hour shorter in March, longer in October
    for (int wd = 0; wd < 7; ++wd) night.weekly.push_back({wd, 22 * 60, 6 * 60});
    const auto march_open = at(2026, 3, 28, 22, 0), march_close = *open_state(night, at(2026, 3, 29, 1, 0)).change_at;
    CHECK(duration_cast<hours>(march_close - march_open).count() == 7);
    const auto october_open = at(2026, 10, 24, 22, 0), october_close = *open_state(night, at(2026, 10, 25, 1, 0)).change_at;
    CHECK(duration_cast<hours>(october_close - october_open).count() == 9);
    CHECK(open_state(night, at(2026, 10, 25, 2, 30)).open);  // the repeated hour
}

TEST_CASE("hours given only as a note have no next opening") {
    OpeningHours h;
    h.note = {"Se webbplatsen", ""};
    const auto s = open_state(h, at(2026, 11, 23, 12, 0));
    CHECK_FALSE(s.open);
    CHECK_FALSE(s.change_at);
}

TEST_CASE("the next change is the first minute the state actually changes, walked minute by minute") {
    // The search for the next opening stops at the first day that has one; walking forward a
    // minute at a time must meet the change exactly there, for lines open most days, a few
    // days, past midnight, over Christmas (holidays, an eve, exceptions) and over the DST night.
    OpeningHours weekend_nights;  // fri–sat 22:00–03:00 only
    for (int wd : {4, 5}) weekend_nights.weekly.push_back({wd, 22 * 60, 3 * 60});
    OpeningHours twice_a_day;  // every day 08:00–11:00 and 13:00–16:00
    for (int wd = 0; wd < 7; ++wd) {
        twice_a_day.weekly.push_back({wd, 8 * 60, 11 * 60});
        twice_a_day.weekly.push_back({wd, 13 * 60, 16 * 60});
    }
    const std::vector<std::pair<const char*, OpeningHours>> lines = {
        {"socialjour", socialjour()}, {"support phone", support_phone()}, {"weekend nights", weekend_nights}, {"twice a day", twice_a_day}};
    const std::vector<sys_seconds> starts = {at(2026, 11, 24, 7, 13), at(2026, 11, 27, 23, 59), at(2026, 12, 22, 11, 30),
                                             at(2026, 12, 24, 0, 5),  at(2026, 12, 29, 10, 30), at(2027, 3, 27, 20, 0)};
    for (const auto& [name, hours] : lines)
        for (const auto start : starts) {
            CAPTURE(name);
            CAPTURE(local_text(start));
            const auto state = open_state(hours, start);
            REQUIRE(state.change_at);
            auto minute = start + minutes{1};
            while (minute < *state.change_at) {
                REQUIRE(open_state(hours, minute).open == state.open);  // nothing changes before it
                minute += minutes{1};
            }
            CHECK(open_state(hours, *state.change_at).open != state.open);  // and it changes there
        }
}
