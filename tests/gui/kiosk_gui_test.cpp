// GUI tests: the real kiosk window under Xvfb, driven by simulated clicks, typing and keys,
// asserting on the text each frame shows.
#include "content_store.hpp"
#include "favourites.hpp"
#include "replica_sync.hpp"
#include "ui_theme.hpp"
#include "gui/kiosk_driver.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>

using faltstod::test::KioskDriver;
namespace app = faltstod::app;

TEST_CASE("every tab opens its screen and shows its content") {
    KioskDriver kiosk;
    CHECK(kiosk.shows("Stödlinjer just nu"));
    CHECK(kiosk.shows("Kvinnofridslinjen"));
    CHECK(kiosk.shows("Aldrig synkad"));

    kiosk.click("Vägledning");
    CHECK(kiosk.ui().navigator().current().screen == app::Screen::Guidance);
    CHECK(kiosk.shows("Barnäktenskap"));

    kiosk.click("Kontakter");
    CHECK(kiosk.shows("189 kontakter"));

    kiosk.click("Stödlinjer");
    CHECK(kiosk.shows("Akut – fara nu"));
    CHECK(kiosk.shows("För barn och unga"));
    CHECK(kiosk.shows("Utomlands"));
    CHECK(kiosk.shows("UD-jouren"));

    kiosk.click("Checklistor");
    CHECK(kiosk.shows("Säkerhet vid hembesök"));

    kiosk.click("Kalender");
    CHECK(kiosk.ui().navigator().current().screen == app::Screen::Calendar);
    CHECK(kiosk.shows("Tidigare"));

    kiosk.click("Inställningar");
    CHECK(kiosk.shows("Om Fältstöd"));
    const auto counts = faltstod::replica::count_content(kiosk.db());
    CHECK(kiosk.shows(std::to_string(counts.guidance) + " artiklar, " + std::to_string(counts.contacts) + " kontakter"));
    CHECK(kiosk.shows("Väntar på att skickas: 0"));
    CHECK(kiosk.shows("Senaste lyckade synk: aldrig"));

    kiosk.click("Hem");
    CHECK(kiosk.ui().navigator().current().screen == app::Screen::Home);
}

TEST_CASE("search as you type finds guidance with highlighted words and opens the article") {
    KioskDriver kiosk;
    kiosk.click("Sök bland");
    kiosk.type("utresef");
    CHECK(kiosk.shows("Utreseförbud enligt LVU"));
    CHECK_FALSE(kiosk.shows("Stödlinjer just nu"));  // results replace the home lists
    kiosk.type("örbud");
    CHECK(kiosk.ui().search_text() == "utreseförbud");
    kiosk.click("Utreseförbud enligt LVU");
    CHECK(kiosk.ui().navigator().current().screen == app::Screen::Article);
    CHECK(kiosk.shows("Uppdaterad"));
    CHECK(kiosk.shows("Stödlinjer som hör till"));

    // Esc goes back to where the search was, with the text still there.
    kiosk.press(GLFW_KEY_ESCAPE);
    CHECK(kiosk.ui().navigator().current().screen == app::Screen::Home);
    CHECK(kiosk.shows("Utreseförbud enligt LVU"));
}

TEST_CASE("a search with no match says so and suggests what to try") {
    KioskDriver kiosk;
    kiosk.click("Sök bland");
    kiosk.type("xyzzyq");
    CHECK(kiosk.shows("Inget hittades. Prova ett kortare ord"));
}

TEST_CASE("the first two letters of a word ask for one more, and the third finds articles") {
    KioskDriver kiosk;
    kiosk.click("Sök bland");
    kiosk.type("ba");  // no article has the word "ba"
    CHECK(kiosk.shows("Skriv vidare – sökningen börjar vid tre bokstäver."));
    CHECK_FALSE(kiosk.shows("Ingen vägledning hittades"));
    kiosk.type("r");
    CHECK_FALSE(kiosk.shows("Skriv vidare"));
    CHECK(kiosk.shows("Barnäktenskap"));
}

TEST_CASE("contacts filter by county and kind, and a contact shows its number, hours and open state") {
    KioskDriver kiosk;
    kiosk.click("Kontakter");
    CHECK(kiosk.shows("189 kontakter"));
    kiosk.click("Alla län");
    kiosk.click("Östergötlands län");
    CHECK_FALSE(kiosk.shows("189 kontakter"));
    CHECK(kiosk.shows("Linköping"));
    CHECK_FALSE(kiosk.shows("Blekinge"));

    kiosk.click("Alla slags kontakter");
    kiosk.click("Socialjour");
    CHECK(kiosk.count_shown("Socialjour ·") >= 1);
    CHECK(kiosk.count_shown("Polisen ·") == 0);

    kiosk.click("Socialjouren, ");  // a row, by its title
    CHECK(kiosk.ui().navigator().current().screen == app::Screen::Contact);
    CHECK(kiosk.shows("Kopiera"));
    CHECK(kiosk.shows("Öppettider:"));
    CHECK((kiosk.shows("Öppet") || kiosk.shows("Stängt")));
}

TEST_CASE("switching to English translates the interface and the content") {
    KioskDriver kiosk;
    kiosk.click("Inställningar");
    kiosk.click("English");
    CHECK(kiosk.shows("Settings"));
    CHECK(kiosk.shows("About Fältstöd"));
    kiosk.click("Home");
    CHECK(kiosk.shows("Support lines right now"));
    kiosk.click("Support lines");
    CHECK(kiosk.shows("For children and young people"));
    // The choice is kept for the next start.
    kiosk.writer().flush();
    CHECK(app::load_settings(kiosk.dir() / "settings.json").language == "en");
    app::set_language("sv");
}

TEST_CASE("Ctrl+F from any screen goes to the guidance search and focuses it") {
    KioskDriver kiosk;
    kiosk.click("Kalender");
    kiosk.press(GLFW_KEY_F, true);
    CHECK(kiosk.ui().navigator().current().screen == app::Screen::Guidance);
    kiosk.type("könsstympning");
    CHECK(kiosk.ui().search_text() == "könsstympning");
    CHECK(kiosk.shows("Könsstympning"));
}

TEST_CASE("a favourite is marked at once and saved by the background writer") {
    KioskDriver kiosk;
    kiosk.click("Vägledning");
    kiosk.click("Sök i vägledningen");
    kiosk.type("barnäktenskap");
    kiosk.click("Barnäktenskap");
    kiosk.click("Spara som favorit");
    CHECK(kiosk.shows("Sparad som favorit"));
    kiosk.writer().flush();
    const auto saved = faltstod::replica::favourite_ids(kiosk.db());
    CHECK(saved.contains("guidance/barnaktenskap"));

    kiosk.ui().search_text().clear();
    kiosk.press(GLFW_KEY_ESCAPE);
    kiosk.click("Favoriter");
    CHECK(kiosk.shows("★ Barnäktenskap"));
    CHECK_FALSE(kiosk.shows("Tvångsäktenskap"));
}

TEST_CASE("checklist ticks count and can be cleared") {
    KioskDriver kiosk;
    kiosk.click("Checklistor");
    kiosk.click("Säkerhet vid hembesök");
    CHECK(kiosk.ui().navigator().current().screen == app::Screen::Checklist);
    kiosk.click("Töm bockarna");
    kiosk.press(GLFW_KEY_ESCAPE);
    CHECK(kiosk.ui().navigator().current().screen == app::Screen::Checklists);
}

TEST_CASE("a narrow window shows one column and opens details on their own screen") {
    KioskDriver kiosk(420, 860);
    kiosk.click("Kontakter");
    kiosk.click("Länsstyrelsen i Blekinge län");
    CHECK(kiosk.ui().navigator().current().screen == app::Screen::Contact);
    CHECK(kiosk.shows("Tillbaka"));
    CHECK_FALSE(kiosk.shows("189 kontakter"));  // the list is not beside the detail
    kiosk.click("Tillbaka");
    CHECK(kiosk.shows("189 kontakter"));
}

TEST_CASE("a list of 20,000 contacts draws only the rows on screen") {
    KioskDriver kiosk;
    {
        faltstod::sqlite::Transaction transaction(kiosk.db());
        for (int i = 0; i < 20000; ++i) {
            faltstod::content::Contact contact;
            contact.id = "contact/bulk-" + std::to_string(i);
            contact.kind = "socialtjanst";
            contact.name = "Testkontakt " + std::to_string(i);
            contact.county_code = "01";
            contact.municipality = "Stockholm";
            contact.phone = "08-000 00 00";
            faltstod::replica::upsert_contact(kiosk.db(), contact);
        }
        transaction.commit();
    }
    kiosk.click("Kontakter");
    CHECK(kiosk.shows("20189 kontakter"));
    CHECK(kiosk.count_shown("Testkontakt") < 40);
    kiosk.point_at(ImVec2(500, 500));
    for (int i = 0; i < 30; ++i) kiosk.scroll(-20);
    CHECK(kiosk.count_shown("Testkontakt") > 0);
    CHECK(kiosk.count_shown("Testkontakt") < 40);
    // The list reads its rows as they come into view: at its end it shows the last contacts of
    // the whole list, in the whole list's order.
    const auto whole = faltstod::replica::find_contacts(kiosk.db(), {});
    REQUIRE(whole.size() == 20189);
    kiosk.scroll(-1e6f);
    CHECK(kiosk.shows(whole.back().name));
    CHECK(kiosk.shows(whole[whole.size() - 2].name));
    CHECK_FALSE(kiosk.shows(whole.front().name));
}

namespace {
// Width and height from a PNG file's IHDR chunk (big-endian, bytes 16–23).
std::pair<int, int> png_size(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::string bytes(24, '\0');
    in.read(bytes.data(), 24);
    REQUIRE(bytes.substr(1, 3) == "PNG");
    auto be32 = [&](int at) {
        return (static_cast<unsigned char>(bytes[at]) << 24) | (static_cast<unsigned char>(bytes[at + 1]) << 16) |
               (static_cast<unsigned char>(bytes[at + 2]) << 8) | static_cast<unsigned char>(bytes[at + 3]);
    };
    return {be32(16), be32(20)};
}
}  // namespace

TEST_CASE("faltstod --screenshot renders the asked screen at the asked size") {
    faltstod::test::TempDir dir;
    const auto png = dir.path() / "lines.png";
    const std::string command = std::string("XDG_DATA_HOME=") + dir.path().string() + " XDG_CONFIG_HOME=" + dir.path().string() + " " +
                                FALTSTOD_APP_BIN + " --db " + (dir.path() / "r.db").string() + " --no-sync --screenshot " + png.string() +
                                " --screen lines --size 420x860 --lang en > " + (dir.path() / "out.txt").string() + " 2>&1";
    REQUIRE(std::system(command.c_str()) == 0);
    CHECK(png_size(png) == std::pair(420, 860));
    CHECK(std::filesystem::file_size(png) > 10000);  // a blank image compresses to far less

    // A detail screen without its item, and an unknown screen, are refused with a reason.
    const std::string bad = std::string(FALTSTOD_APP_BIN) + " --db " + (dir.path() / "r.db").string() + " --screenshot " +
                            (dir.path() / "x.png").string() + " --screen nowhere > " + (dir.path() / "bad.txt").string() + " 2>&1";
    CHECK(std::system(bad.c_str()) != 0);
    std::ifstream message(dir.path() / "bad.txt");
    CHECK(std::string(std::istreambuf_iterator<char>(message), {}).find("unknown screen 'nowhere'") != std::string::npos);
}

TEST_CASE("text size and theme apply at once and are remembered") {
    KioskDriver kiosk;
    kiosk.click("Inställningar");
    const auto before = kiosk.find("Om Fältstöd", false);
    kiosk.click("150 %");
    const auto after = kiosk.find("Om Fältstöd", false);
    // The heading is drawn with the bigger font: its box grows by about half.
    CHECK(after.max.y - after.min.y > (before.max.y - before.min.y) * 1.3f);
    kiosk.click("Hög kontrast");
    CHECK(ImGui::GetStyle().Colors[ImGuiCol_WindowBg].x == doctest::Approx(0.0f));
    kiosk.writer().flush();
    const auto saved = app::load_settings(kiosk.dir() / "settings.json");
    CHECK(saved.text_size_percent == 150);
    CHECK(saved.theme == app::Theme::HighContrast);
}

TEST_CASE("content older than the stale limit gets a warning in the header") {
    KioskDriver kiosk;
    CHECK_FALSE(kiosk.shows("Varning: innehållet har inte uppdaterats"));  // never synced: says so, no warning
    const auto ten_days_ago = std::chrono::duration_cast<std::chrono::seconds>(
                                  (std::chrono::system_clock::now() - std::chrono::hours(24 * 10)).time_since_epoch())
                                  .count();
    faltstod::sync::set_sync_state(kiosk.db(), faltstod::sync::kLastSuccessKey, std::to_string(ten_days_ago));
    kiosk.restart_ui();
    CHECK(kiosk.shows("Offline – data från 10 dagar sedan"));
    CHECK(kiosk.shows("Varning: innehållet har inte uppdaterats på länge"));
    // A banner: the warning sign, and a box the full width of the window (not one more line of text).
    const auto warning = kiosk.find("Varning: innehållet har inte uppdaterats på länge", false);
    CHECK(warning.text.rfind("⚠", 0) == 0);
    CHECK(warning.max.x - warning.min.x >= ImGui::GetIO().DisplaySize.x * 0.9f);

    const auto yesterday = std::chrono::duration_cast<std::chrono::seconds>(
                               (std::chrono::system_clock::now() - std::chrono::hours(24)).time_since_epoch())
                               .count();
    faltstod::sync::set_sync_state(kiosk.db(), faltstod::sync::kLastSuccessKey, std::to_string(yesterday));
    kiosk.restart_ui();
    CHECK_FALSE(kiosk.shows("Varning: innehållet har inte uppdaterats"));
}

TEST_CASE("the fonts have every glyph Swedish text uses") {
    KioskDriver kiosk;
    for (const ImFont* font : {faltstod::ui::fonts().regular, faltstod::ui::fonts().bold, faltstod::ui::fonts().heading}) {
        REQUIRE(font != nullptr);
        for (const char32_t c : std::u32string(U"åäöÅÄÖéÉüÜ–—“”‘’…→←★☆☐☑§½"))
            CHECK_MESSAGE(font->FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr, "missing U+" << std::hex << static_cast<int>(c));
    }
    CHECK_FALSE(faltstod::ui::fonts().file.empty());  // a real system font, not ImGui's built-in one
}

TEST_CASE("the municipality filter narrows a county's contacts") {
    KioskDriver kiosk;
    kiosk.click("Kontakter");
    kiosk.click("Alla län");
    kiosk.click("Östergötlands län");
    kiosk.click("Alla kommuner");
    kiosk.click("Linköping");
    CHECK(kiosk.shows("Linköping"));
    CHECK_FALSE(kiosk.shows("Norrköping ·"));
    CHECK(kiosk.count_shown(" · Linköping") >= 1);
}

TEST_CASE("moving to a screen with twice the DPI scales the fonts and touch sizes") {
    KioskDriver kiosk;
    const float before = ImGui::GetFontSize();
    GLFWwindow* handle = kiosk.window().handle();
    // The callback GLFW calls when the window's content scale changes (another monitor).
    const GLFWwindowcontentscalefun installed = glfwSetWindowContentScaleCallback(handle, nullptr);
    glfwSetWindowContentScaleCallback(handle, installed);
    REQUIRE(static_cast<bool>(installed));
    installed(handle, 2.0f, 2.0f);
    kiosk.frames(3);
    CHECK(kiosk.window().dpi_scale() == doctest::Approx(2.0f));
    CHECK(ImGui::GetFontSize() == doctest::Approx(before * 2).epsilon(0.05));
    CHECK(kiosk.shows("Stödlinjer just nu"));
}

TEST_CASE("an article offers the kinds of contact its topics lead to, and opens them filtered") {
    KioskDriver kiosk;
    kiosk.click("Sök bland");
    kiosk.type("utresef");
    kiosk.click("Utreseförbud enligt LVU");
    REQUIRE(kiosk.shows("Kontakter som kan behövas"));
    CHECK(kiosk.shows("Regionalt resurscentrum"));  // always first
    // The article is about abduction abroad: the police are offered; clicking opens Contacts
    // filtered to the police.
    kiosk.click("Polisen");
    CHECK(kiosk.ui().navigator().current().screen == faltstod::app::Screen::Contacts);
    CHECK(kiosk.shows("Polisen"));
    CHECK(kiosk.count_shown("Socialjour ·") == 0);
    CHECK(kiosk.count_shown("Polisen ·") >= 1);
}

TEST_CASE("Home lays out only the support line cards in view, and scrolling brings the others") {
    KioskDriver kiosk;
    for (int i = 0; i < 300; ++i) {
        faltstod::content::SupportLine line;
        line.id = "line/prov-" + std::to_string(i);
        line.name = "Provlinje " + std::to_string(1000 + i);
        line.number = "020-" + std::to_string(100000 + i);
        line.who = {"För prov", "For tests"};
        line.hours.always_open = true;
        line.sort_order = 100 + i;
        faltstod::replica::upsert_support_line(kiosk.db(), line);
    }
    kiosk.restart_ui();
    CHECK(kiosk.shows("Stödlinjer just nu"));
    CHECK(kiosk.count_shown("Provlinje ") < 50);  // of 300: only those in the window
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    kiosk.point_at(ImVec2(display.x * 0.6f, display.y * 0.6f));
    for (int i = 0; i < 400 && !kiosk.shows("Provlinje 1299"); ++i) kiosk.scroll(-5);
    CHECK(kiosk.shows("Provlinje 1299"));  // the list is as long as all its cards
    CHECK(kiosk.count_shown("Provlinje ") < 50);
    CHECK_FALSE(kiosk.shows("Provlinje 1000"));  // the first ones are out of view now
}

TEST_CASE("the content's own date is always in the header, also never synced, and Settings gives a date, not a version number") {
    KioskDriver kiosk;
    auto newest = kiosk.db().prepare("SELECT max(updated) FROM guidance");
    REQUIRE(newest.step());
    const std::string date = newest.column_text(0);
    REQUIRE(date.size() == 10);
    CHECK(kiosk.shows("Aldrig synkad"));
    CHECK(kiosk.shows("Innehåll från " + date));
    for (const char* tab : {"Kontakter", "Stödlinjer", "Logga samtal"}) {
        kiosk.click(tab);
        CHECK(kiosk.shows("Innehåll från " + date));
    }
    kiosk.click("Inställningar");
    CHECK_FALSE(kiosk.shows("Innehållsversion"));
    CHECK(kiosk.count_shown("Innehåll från " + date) == 2);  // the header's and About's
}
