// Contacts for a person in a hurry (issue 16): a text filter over name, municipality and kind
// that opens the contact when one is left, counties A–Ö in Swedish order, and whether each
// contact is open now, on its row.
#include "gui/kiosk_driver.hpp"
#include "swedish_order.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using faltstod::test::KioskDriver;
namespace app = faltstod::app;
namespace ui = faltstod::ui;

// Before: Contacts had only drop-downs; finding one socialjour meant choosing a county and scrolling.
TEST_CASE("typed words narrow Contacts, and when one contact is left it opens") {
    for (const auto& [width, height] : {std::pair{1366, 768}, std::pair{420, 860}}) {
        INFO(width << "x" << height);
        KioskDriver kiosk(width, height);
        kiosk.click("Kontakter");
        kiosk.click("Filtrera på namn, kommun eller slag");
        kiosk.type("linkoping");  // without ö, as typed in a hurry
        CHECK(kiosk.shows("Socialjouren, Linköpings kommun"));
        CHECK_FALSE(kiosk.shows("Norrköping"));
        CHECK(kiosk.ui().navigator().current().screen == app::Screen::Contacts);  // several left: still the list
        kiosk.type(" socialj");
        REQUIRE(kiosk.ui().navigator().current().screen == app::Screen::Contact);
        CHECK(kiosk.ui().navigator().current().id.find("linkoping") != std::string::npos);
        CHECK(kiosk.shows("Visa för den du möter"));  // the card, with its number
    }
}

// Before: the county list was in code order, Stockholm first and Blekinge ninth.
TEST_CASE("the county list is in Swedish A–Ö order, Örebro and Östergötland last") {
    KioskDriver kiosk(1366, 768);
    kiosk.click("Kontakter");
    kiosk.click("Alla län");
    std::vector<std::string> counties;
    // The open list's rows: after its own "Alla län" row, up to the next drop-down.
    int alla = 0;
    for (const auto& item : ui::ShownLog::last_frame()) {
        if (item.text == "Alla län") ++alla;
        else if (alla == 2 && item.text == "Välj län först") break;
        else if (alla == 2) counties.push_back(item.text);
    }
    INFO(kiosk.shown_summary());
    REQUIRE(counties.size() == 21);
    CHECK(counties.front() == "Blekinge län");
    CHECK(counties[counties.size() - 2] == "Örebro län");
    CHECK(counties.back() == "Östergötlands län");
    CHECK(std::is_sorted(counties.begin(), counties.end(), [](const auto& a, const auto& b) { return app::swedish_less(a, b); }));
}

// Before: a row said kind, municipality and number; whether it answered now took opening the card.
TEST_CASE("each contact row says whether it is open now") {
    KioskDriver kiosk(1366, 768);
    kiosk.use_fixed_clock(std::chrono::sys_days{std::chrono::year{2026} / 11 / 25} + std::chrono::hours{9});  // Wednesday 10:00
    kiosk.click("Kontakter");
    kiosk.click("Filtrera på namn, kommun eller slag");
    kiosk.type("länsstyrelsen");
    CHECK(kiosk.count_shown("· Öppet nu, stänger 16:30") >= 5);
}
