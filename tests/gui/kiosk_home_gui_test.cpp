// Home answers "who do I call, now?" at a glance (issue 16): 112 first, then the laptop's
// county — its resource centre and socialjour — in view the moment Home opens, on a laptop
// screen and in a narrow window; the lines in that strip are not repeated below it.
#include "device_credentials.hpp"
#include "gui/kiosk_driver.hpp"

#include <doctest/doctest.h>

using faltstod::test::KioskDriver;

namespace {

const auto kWednesdayMorning = std::chrono::sys_days{std::chrono::year{2026} / 11 / 25} + std::chrono::hours{9};  // 10:00 in Stockholm

// Enrolled for Skåne (county 12), as `faltstod enroll` would have saved it.
void enroll_for_skane(KioskDriver& kiosk) {
    faltstod::sync::DeviceCredentials credentials;
    credentials.server_url = "https://stod.example.se";
    credentials.device_id = "00000000-0000-4000-8000-000000000001";
    credentials.token = "not-used-offline";
    credentials.role = "reader";
    credentials.county = "12";
    faltstod::sync::save_credentials(kiosk.dir() / "device.json", credentials);
    // A fixed clock (Wednesday 10:00 in Stockholm): the strip shows open socialjours first, so
    // which two it shows depends on the hour. Malmö's is open around the clock, the others only
    // in the evening; with the real clock these tests failed every evening.
    kiosk.use_fixed_clock(kWednesdayMorning);
}

// Drawn, and inside the window without scrolling.
void check_in_view(const KioskDriver& kiosk, const std::string& text) {
    INFO(text);
    const auto item = kiosk.find(text, false);
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    CHECK(item.min.y >= 0);
    CHECK(item.max.y <= display.y);
}

}  // namespace

TEST_CASE("Home opens with 112 and the county's resource centre and socialjour in view, at 1366x768 and 420x860") {
    for (const auto& [width, height] : {std::pair{1366, 768}, std::pair{420, 860}}) {
        INFO(width << "x" << height);
        KioskDriver kiosk(width, height);
        enroll_for_skane(kiosk);
        check_in_view(kiosk, "Akut fara: ring 112");
        check_in_view(kiosk, "Resurscentrum Heder Skåne");
        check_in_view(kiosk, "010-224 10 00");
        check_in_view(kiosk, "Socialjouren, Malmö stad");
        // Above the search field: nothing comes before it.
        CHECK(kiosk.find("Akut fara: ring 112", false).max.y <= kiosk.find("Sök bland").min.y);
        // Another county's socialjour is not in the strip.
        CHECK_FALSE(kiosk.shows("Socialjouren, Linköpings kommun"));
    }
}

TEST_CASE("without a county, Home says what the strip will show, and 112 is there anyway") {
    KioskDriver kiosk(1366, 768);
    check_in_view(kiosk, "Akut fara: ring 112");
    CHECK(kiosk.shows("Välj ditt län under Inställningar"));
    CHECK_FALSE(kiosk.shows("Resurscentrum Heder Skåne"));
}

// Issue 16: a laptop not enrolled for a county had no way to say where it is used.
TEST_CASE("a county chosen in Settings gives Home its strip and Contacts its start, without binding the log") {
    KioskDriver kiosk(1366, 768);
    kiosk.use_fixed_clock(kWednesdayMorning);
    kiosk.click("Inställningar");
    kiosk.click("Inget län valt");
    kiosk.click("Skåne län");
    CHECK(faltstod::app::load_settings(kiosk.dir() / "settings.json").county == "12");
    kiosk.click("Hem");
    check_in_view(kiosk, "Resurscentrum Heder Skåne");
    check_in_view(kiosk, "Socialjouren, Malmö stad");
    kiosk.click("Kontakter");
    CHECK(kiosk.shows("Skåne län"));
    CHECK_FALSE(kiosk.shows("Socialjouren, Arvika kommun"));
    // The log still asks: only an enrollment decides which county a log is for.
    kiosk.click("Logga samtal");
    CHECK(kiosk.ui().log_form().county.empty());
}

TEST_CASE("a laptop enrolled for a county shows that county in Settings instead of a choice") {
    KioskDriver kiosk(1366, 768);
    enroll_for_skane(kiosk);
    kiosk.click("Inställningar");
    CHECK(kiosk.shows("Datorn är registrerad för Skåne län."));
    CHECK_FALSE(kiosk.shows("Inget län valt"));
}

TEST_CASE("a line in the strip is not shown again in the list below it") {
    KioskDriver kiosk(1366, 768);
    enroll_for_skane(kiosk);
    // Scroll the whole of Home, as a person would, counting every card's name seen.
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    kiosk.point_at(ImVec2(display.x * 0.6f, display.y * 0.6f));
    bool saw_list = false, saw_other_card = false, saw_112_card = false;
    for (int i = 0; i < 40; ++i) {
        saw_list = saw_list || kiosk.shows("Stödlinjer just nu");
        saw_other_card = saw_other_card || kiosk.shows("UD-jouren");
        saw_112_card = saw_112_card || kiosk.shows("112 – SOS Alarm");
        kiosk.scroll(-2);
    }
    CHECK(saw_list);
    CHECK(saw_other_card);      // the cards below were drawn as they came into view
    CHECK_FALSE(saw_112_card);  // 112 is in the strip, not again as a card
}

TEST_CASE("a line whose hours are unknown is not listed as closed") {
    KioskDriver kiosk(1366, 768);
    // Terrafem's hours are not confirmed in the bundled content: its own heading, not "Stängda nu".
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    kiosk.point_at(ImVec2(display.x * 0.6f, display.y * 0.6f));
    for (int i = 0; i < 40 && !(kiosk.shows("Terrafem") && kiosk.find("Terrafem", false).max.y < display.y); ++i) kiosk.scroll(-1);
    REQUIRE(kiosk.shows("Terrafem"));
    const auto unknown = kiosk.find("Öppettider okända", false);
    const auto terrafem = kiosk.find("Terrafem", false);
    CHECK(terrafem.min.y > unknown.min.y);
    if (kiosk.shows("Stängda nu")) CHECK(terrafem.min.y < kiosk.find("Stängda nu", false).min.y);
}

TEST_CASE("Contacts opens on the laptop's county, and 'Alla län' widens it") {
    KioskDriver kiosk(1366, 768);
    enroll_for_skane(kiosk);
    kiosk.click("Kontakter");
    CHECK(kiosk.shows("Skåne län"));
    CHECK_FALSE(kiosk.shows("189 kontakter"));
    CHECK(kiosk.shows("Resurscentrum Heder Skåne"));
    CHECK_FALSE(kiosk.shows("Socialjouren, Linköpings kommun"));
    kiosk.click("Skåne län");  // the county list
    kiosk.click("Alla län");
    CHECK(kiosk.shows("189 kontakter"));
}

// Issue 16: Home's search found only articles; "bris" did not find the line, "socialjour" no
// contact. Now one search finds everything, grouped, with a count and a ✕ to clear it.
TEST_CASE("Home's search finds lines, contacts, checklists and articles, grouped, and ✕ clears it") {
    KioskDriver kiosk(1366, 768);
    kiosk.click("Sök bland");
    kiosk.type("bris");
    CHECK(kiosk.shows("Bris – för barn och unga"));
    CHECK(kiosk.shows("116 111"));
    // The group's heading (the last "Stödlinjer": the first is the navigation's) is above the line.
    faltstod::ui::ShownItem lines_heading;
    for (const auto& item : faltstod::ui::ShownLog::last_frame())
        if (item.text == "Stödlinjer") lines_heading = item;
    CHECK_FALSE(lines_heading.clickable);
    CHECK(lines_heading.max.y < kiosk.find("Bris – för barn och unga", false).min.y);
    CHECK(kiosk.shows(" träffar"));

    kiosk.click("✕");
    CHECK(kiosk.ui().search_text().empty());
    CHECK(kiosk.shows("Stödlinjer just nu"));  // Home as it was

    kiosk.click("Sök bland");
    kiosk.type("hembesök");
    CHECK(kiosk.shows("Checklistor"));
    CHECK(kiosk.shows("Säkerhet vid hembesök"));
    CHECK(kiosk.shows("Vägledning"));
}

TEST_CASE("'socialjour' on Home lists the laptop's county's socialjour first, and leads to all of them") {
    KioskDriver kiosk(1366, 768);
    enroll_for_skane(kiosk);
    kiosk.click("Sök bland");
    kiosk.type("socialjour");
    std::vector<std::string> contacts;
    for (const auto& item : faltstod::ui::ShownLog::last_frame())
        if (item.clickable && item.text.starts_with("Socialjouren")) contacts.push_back(item.text);
    REQUIRE_FALSE(contacts.empty());
    REQUIRE(contacts.size() >= 4);
    // Skåne's four, before Arvika's (the first in the whole list).
    CHECK(contacts[0] == "Socialjouren, Helsingborgs stad");
    CHECK(contacts[3] == "Socialjouren, Malmö stad");
    kiosk.click("Visa alla");
    CHECK(kiosk.ui().navigator().current().screen == faltstod::app::Screen::Contacts);
    CHECK(kiosk.shows("Socialjouren, Arvika kommun"));  // every county now
}

TEST_CASE("in English, Home's search finds Swedish-only articles and marks them SV") {
    KioskDriver kiosk(1366, 768, "en");
    kiosk.click("Search support lines");
    kiosk.type("hedersnormer");
    CHECK(kiosk.shows("· SV"));
}

// Issue 16: "Kontakter som kan behövas" should lead to the laptop's own county, from an article
// and from a checklist (checklists had no such chips).
TEST_CASE("related contacts from an article and from a checklist open Contacts on the laptop's county") {
    KioskDriver kiosk(1366, 768);
    enroll_for_skane(kiosk);
    kiosk.click("Vägledning");
    kiosk.click("Barnäktenskap");
    CHECK(kiosk.shows("Öppnar Kontakter i ditt län"));
    kiosk.click("Socialjour");
    CHECK(kiosk.ui().navigator().current().screen == faltstod::app::Screen::Contacts);
    CHECK(kiosk.shows("Skåne län"));
    CHECK(kiosk.shows("Socialjouren, Malmö stad"));
    CHECK_FALSE(kiosk.shows("Socialjouren, Arvika kommun"));
    CHECK_FALSE(kiosk.shows("Polisen"));  // the kind is chosen too

    kiosk.click("Checklistor");
    kiosk.click("Misstänkt barnäktenskap");
    kiosk.click("Regionalt resurscentrum");
    CHECK(kiosk.ui().navigator().current().screen == faltstod::app::Screen::Contacts);
    CHECK(kiosk.shows("Resurscentrum Heder Skåne"));
    CHECK(kiosk.count_shown("kontakt") >= 1);
}
