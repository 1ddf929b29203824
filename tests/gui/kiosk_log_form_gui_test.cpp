// The consultation log form (issue 16): errors follow the GOV.UK pattern (a summary at the top
// that leads to each field, each error right above its field), the note wraps and counts its
// characters, a refused part of the note is marked where it stands, and Spara is always in view.
#include "gui/kiosk_driver.hpp"
#include "outbox.hpp"
#include "support/log_dates.hpp"

#include <doctest/doctest.h>

using faltstod::test::KioskDriver;
namespace ui = faltstod::ui;

namespace {

// The first item showing exactly `text` (clickable or not).
ui::ShownItem item_exactly(const std::string& text) {
    for (const auto& item : ui::ShownLog::last_frame())
        if (item.text == text) return item;
    FAIL("nothing shows exactly '" << text << "'");
    return {};
}

// Every item showing exactly `text`, in drawing order.
std::vector<ui::ShownItem> items_exactly(const std::string& text) {
    std::vector<ui::ShownItem> found;
    for (const auto& item : ui::ShownLog::last_frame())
        if (item.text == text) found.push_back(item);
    return found;
}

bool in_view(const ui::ShownItem& item, float display_height) {
    return item.min.y >= std::max(0.0f, item.visible_min.y) && item.max.y <= std::min(display_height, item.visible_max.y);
}

}  // namespace

// Before: the errors were stacked under the note, far from their fields, with no summary.
TEST_CASE("a refused save lists every error at the top and again right above its own field") {
    KioskDriver kiosk(1366, 768);
    kiosk.click("Logga samtal");
    kiosk.click("Spara loggen");
    const auto summary = item_exactly("Rätta det här innan du sparar");
    CHECK(summary.max.y < item_exactly("Datum").min.y);  // above the first field

    for (const auto& [error, heading, first_choice] :
         std::vector<std::tuple<std::string, std::string, std::string>>{{"Välj vem som frågade.", "Vem frågade?", "Socialtjänst"},
                                                                         {"Välj minst ett ämne.", "Vad gällde det?", "Välj ett eller flera ämnen."},
                                                                         {"Välj åldersgrupp.", "Ålder på den det gäller", "Barn"},
                                                                         {"Välj kanal.", "Kanal", "Telefon"},
                                                                         {"Välj utfall.", "Utfall", "Råd och stöd"}}) {
        INFO(error);
        const auto shown = items_exactly(error);
        REQUIRE(shown.size() == 2);
        CHECK(shown[0].clickable);                   // the summary's line leads to the field
        CHECK(shown[0].max.y <= summary.max.y + 400);  // in the summary box
        // The field's own error sits between its heading and its first choice.
        CHECK(shown[1].min.y > item_exactly(heading).max.y - 1);
        CHECK(shown[1].max.y < item_exactly(first_choice).min.y + 1);
    }
    // The last field's error is far below the window at 768 px: its summary line brings it into view.
    kiosk.click("Välj utfall.");
    kiosk.frames(2);
    const auto outcome_error = items_exactly("Välj utfall.");
    REQUIRE(outcome_error.size() == 2);
    CHECK(in_view(outcome_error[1], 768));
    CHECK(in_view(item_exactly("Utfall"), 768));
}

// Before: Spara was the last thing on the form, 1,000 px down at 1366×768.
TEST_CASE("Spara is in view at 768 px high and stays in view while the form scrolls") {
    for (const auto& [width, height] : {std::pair{1366, 768}, std::pair{420, 860}}) {
        INFO(width << "x" << height);
        KioskDriver kiosk(width, height);
        kiosk.click("Logga samtal");
        kiosk.frames(2);
        CHECK(in_view(kiosk.find("Spara loggen"), static_cast<float>(height)));
        const auto date = kiosk.find("Datum", false);
        kiosk.point_at(ImVec2((date.min.x + date.max.x) / 2, (date.min.y + date.max.y) / 2));
        kiosk.scroll(-20);
        CHECK(in_view(kiosk.find("Spara loggen"), static_cast<float>(height)));
        CHECK(kiosk.find("Spara loggen").min.y > kiosk.find("Anteckning").max.y - 1);  // below the form, not over it
    }
}

// Before: the note was one line that ran off to the right (its start scrolled out of view), and
// nothing said how much of the 200 characters was used.
TEST_CASE("the note wraps inside its field, keeps its text, and counts its characters") {
    KioskDriver kiosk(1366, 768);
    kiosk.click("Logga samtal");
    CHECK(kiosk.shows("0 / 200"));
    const auto empty_field = kiosk.find("Anteckning");
    kiosk.click("Anteckning");
    const std::string note =
        "Samtal med skolkurator om oro inför sommarlovet, råd om orosanmälan och om att kontakta resurscentrum "
        "för gemensam planering nästa vecka.";
    kiosk.type(note);
    CHECK(kiosk.ui().log_form().note == note);  // saved as typed: no line breaks
    CHECK(kiosk.shows("137 / 200"));
    const auto field = kiosk.find(note);
    CHECK(field.max.x - field.min.x == doctest::Approx(empty_field.max.x - empty_field.min.x));
    CHECK(field.max.y - field.min.y >= empty_field.max.y - empty_field.min.y);
    // The field grew to hold every line rather than scroll: four lines of ~80 characters or fewer.
    CHECK(field.max.y - field.min.y > 3 * ImGui::GetTextLineHeight());

    kiosk.type(std::string(70, 'x'));
    CHECK(kiosk.shows("207 / 200"));
    CHECK(kiosk.shows("högst 200 tecken"));
}

// Before: only a sentence with character positions said what to remove.
TEST_CASE("a refused part of the note is marked where it stands in the field") {
    KioskDriver kiosk(1366, 768);
    kiosk.click("Logga samtal");
    kiosk.click("Anteckning");
    kiosk.type("Ringde om 121212-1212 igen");
    const auto mark = kiosk.find("marked: 121212-1212", false);
    const auto field = kiosk.find("Ringde om", true);
    CHECK(mark.min.x > field.min.x);
    CHECK(mark.max.x < field.max.x);
    CHECK(mark.min.y >= field.min.y);
    CHECK(mark.max.y <= field.max.y);
    // The error sits above the field too, and the summary after a save attempt names it.
    kiosk.click("Spara loggen");
    CHECK(kiosk.count_shown("Ta bort personnumret") == 2);
}

// Before: a log the server refused was listed with the server's own sentence, in English in the
// Swedish window ("county must be …"). Now the kiosk says why in its words and language.
TEST_CASE("a log the server refused is explained in the window's language, not with the server's text") {
    for (const std::string language : {"sv", "en"}) {
        CAPTURE(language);
        KioskDriver kiosk(1280, 800, language);
        const faltstod::protocol::ConsultationRecord record{faltstod::test::days_ago(1), "05", "skola", {"hrv"}, "child", "visit", "referred", ""};
        const auto id = faltstod::sync::enqueue_consultation(kiosk.db(), record);
        faltstod::sync::settle_outbox(kiosk.db(), {{id, "rejected", "server says: county not allowed for this device"}});
        kiosk.click(language == "sv" ? "Logga samtal" : "Log a call");
        INFO(kiosk.shown_summary());
        CHECK(kiosk.shows(language == "sv" ? "Servern tog inte emot loggen" : "The server did not accept the log"));
        CHECK_FALSE(kiosk.shows("server says"));
        CHECK(kiosk.shows(language == "sv" ? "Ta bort loggen" : "Remove the log"));
    }
}
