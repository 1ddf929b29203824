// Opening-hours sentences and the sync freshness line, in Swedish and English.
#include "i18n.hpp"
#include "open_text.hpp"

#include <date/tz.h>
#include <doctest/doctest.h>

using namespace faltstod;
using namespace std::chrono_literals;

namespace {

std::chrono::sys_seconds stockholm(int y, unsigned m, unsigned d, int hour, int minute) {
    const auto local = date::local_days{date::year{y} / date::month{m} / date::day{d}} + std::chrono::hours(hour) + std::chrono::minutes(minute);
    return std::chrono::floor<std::chrono::seconds>(date::make_zoned("Europe/Stockholm", local).get_sys_time());
}

content::OpeningHours weekdays_9_to_21_and_saturday() {
    content::OpeningHours hours;
    for (int day = 0; day < 5; ++day) hours.weekly.push_back({day, 9 * 60, 21 * 60});
    hours.weekly.push_back({5, 10 * 60, 14 * 60});
    return hours;
}

struct Language {
    explicit Language(const char* language) { app::init_translations(FALTSTOD_BUILD_LOCALEDIR, language); }
    ~Language() { app::set_language("sv"); }
};

}  // namespace

TEST_CASE("open now says when it closes, closed says when it opens and names the day when not today") {
    Language sv("sv");
    const auto hours = weekdays_9_to_21_and_saturday();
    // Monday 23 November 2026.
    auto text = app::open_text(hours, stockholm(2026, 11, 23, 10, 0));
    CHECK(text.open);
    CHECK(text.text == "Öppet nu, stänger 21:00");
    text = app::open_text(hours, stockholm(2026, 11, 23, 7, 30));
    CHECK_FALSE(text.open);
    CHECK(text.text == "Stängt, öppnar 09:00");
    text = app::open_text(hours, stockholm(2026, 11, 23, 22, 0));
    CHECK(text.text == "Stängt, öppnar tis 09:00");
    // Saturday evening: next opening is Monday.
    text = app::open_text(hours, stockholm(2026, 11, 28, 15, 0));
    CHECK(text.text == "Stängt, öppnar mån 09:00");
}

TEST_CASE("around the clock and hours only in a note") {
    Language sv("sv");
    content::OpeningHours always;
    always.always_open = true;
    CHECK(app::open_text(always, stockholm(2026, 12, 24, 3, 0)).text == "Öppet dygnet runt");
    CHECK(app::weekly_summary(always) == "Dygnet runt");
    content::OpeningHours note_only;
    note_only.note = {"Ring växeln", "Call the switchboard"};
    const auto unknown = app::open_text(note_only, stockholm(2026, 11, 23, 10, 0));
    CHECK(unknown.text == "Öppettider okända");
    CHECK_FALSE(unknown.open);
    CHECK_FALSE(unknown.known);
    CHECK(app::weekly_summary(note_only) == "Ring växeln");
}

TEST_CASE("the weekly summary joins days with the same hours") {
    Language sv("sv");
    CHECK(app::weekly_summary(weekdays_9_to_21_and_saturday()) == "mån–fre 09:00–21:00, lör 10:00–14:00");
    content::OpeningHours evenings;
    evenings.weekly = {{0, 16 * 60, 2 * 60}, {2, 16 * 60, 2 * 60}};
    CHECK(app::weekly_summary(evenings) == "mån 16:00–02:00, ons 16:00–02:00");
}

TEST_CASE("in English the same sentences come from the catalogue") {
    Language en("en");
    const auto hours = weekdays_9_to_21_and_saturday();
    CHECK(app::open_text(hours, stockholm(2026, 11, 23, 10, 0)).text == "Open now, closes 21:00");
    CHECK(app::open_text(hours, stockholm(2026, 11, 23, 22, 0)).text == "Closed, opens Tue 09:00");
    CHECK(app::weekly_summary(hours) == "Mon–Fri 09:00–21:00, Sat 10:00–14:00");
}

TEST_CASE("freshness says how old the data is") {
    Language sv("sv");
    const auto now = std::chrono::system_clock::now();
    CHECK(app::freshness_text(std::nullopt, now).starts_with("Aldrig synkad"));
    CHECK(app::freshness_text(now - 20s, now) == "Synkad nyss");
    CHECK(app::freshness_text(now - 5min, now) == "Synkad för 5 min sedan");
    CHECK(app::freshness_text(now - 3h, now) == "Offline – data från 3 tim sedan");
    CHECK(app::freshness_text(now - 48h, now) == "Offline – data från 2 dagar sedan");
    Language en("en");
    CHECK(app::freshness_text(now - 5min, now) == "Synced 5 min ago");
}

TEST_CASE("the sentence is the same for every second of a minute (Home works it out once a minute)") {
    Language sv("sv");
    auto hours = weekdays_9_to_21_and_saturday();
    hours.exceptions.push_back({"2026-12-24", false, 10 * 60, 13 * 60 + 30, {}});
    // Every minute of a week around the opening and closing times, and of Christmas Eve.
    int changes = 0;
    for (const auto start : {stockholm(2026, 11, 23, 0, 0), stockholm(2026, 12, 24, 0, 0)}) {
        std::string previous;
        for (auto minute = start; minute < start + std::chrono::hours(24 * 7); minute += std::chrono::minutes(1)) {
            const auto first = app::open_text(hours, minute);
            for (const int second : {1, 29, 59}) {
                const auto later = app::open_text(hours, minute + std::chrono::seconds(second));
                REQUIRE(later.open == first.open);
                REQUIRE(later.text == first.text);
            }
            changes += first.text != previous;
            previous = first.text;
        }
    }
    CHECK(changes > 10);  // the loop did pass openings and closings
}
