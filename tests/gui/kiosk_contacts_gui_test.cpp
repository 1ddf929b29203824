// Contacts for a person in a hurry (issue 16): a text filter over name, municipality and kind
// that opens the contact when one is left, counties A–Ö in Swedish order, and whether each
// contact is open now, on its row.
#include "gui/kiosk_driver.hpp"
#include "swedish_order.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cfloat>

#include <imgui.h>

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

// Before: at 420 px a row's second line ran past the window's edge, cut mid-word
// ("… · Öppet nu, stäng"); now it wraps inside the row and the row is high enough for it.
TEST_CASE("at 420 px a contact row's second line wraps inside its row and the window") {
    for (const auto& [width, height] : {std::pair{420, 860}, std::pair{1366, 768}}) {
        INFO(width << "x" << height);
        KioskDriver kiosk(width, height);
        kiosk.use_fixed_clock(std::chrono::sys_days{std::chrono::year{2026} / 11 / 25} + std::chrono::hours{9});  // Wednesday 10:00
        kiosk.click("Kontakter");
        kiosk.click("Filtrera på namn, kommun eller slag");
        kiosk.type("socialjour");
        const auto& shown = ui::ShownLog::last_frame();
        int subtitles = 0;
        for (std::size_t i = 0; i < shown.size(); ++i) {
            const auto& item = shown[i];
            if (item.text.rfind("Socialjour · ", 0) != 0) continue;  // a row's second line
            if (item.min.y >= item.visible_max.y) continue;          // scrolled out of view
            ++subtitles;
            INFO(item.text);
            // Its row (recorded just before it) is high enough for the title and the second line
            // wrapped at the row's edge, as the font measures them.
            REQUIRE(i > 0);
            const auto& row = shown[i - 1];
            const float padding = ImGui::GetStyle().FramePadding.x;
            const float wrapped = ImGui::GetFont()->CalcTextSizeA(ImGui::GetFontSize(), FLT_MAX, row.max.x - row.min.x - 2 * padding,
                                                                  item.text.c_str()).y;
            CHECK(row.max.x <= static_cast<float>(width));
            CHECK(ImGui::GetFontSize() + wrapped <= row.max.y - row.min.y);
            // And the line is drawn wrapped, under the title, inside the row and the window (the
            // old row drew it on one line from the row's top, past the edge at 420 px).
            CHECK(item.min.y > row.min.y);
            CHECK(item.max.y - item.min.y == doctest::Approx(wrapped));
            CHECK(item.max.x <= static_cast<float>(width));
            CHECK(item.max.y <= row.max.y);
        }
        CHECK(subtitles >= 3);
    }
}
