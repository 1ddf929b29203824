// Every Swedish string the kiosk shows has an English translation in po/en.po, and the compiled
// catalogue is the one the program loads.
#include "i18n.hpp"
#include "ui_names.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace {

std::string read(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// The strings passed to tr("…") or N_("…") anywhere in app/.
std::set<std::string> used_strings() {
    std::set<std::string> used;
    const std::regex call(R"re(\b(?:tr|N_)\("((?:[^"\\]|\\.)*)"\))re");
    for (const auto& entry : std::filesystem::recursive_directory_iterator(FALTSTOD_SOURCE_DIR "/app")) {
        if (entry.path().extension() != ".cpp") continue;
        const auto text = read(entry.path());
        for (std::sregex_iterator it(text.begin(), text.end(), call), end; it != end; ++it) used.insert((*it)[1]);
    }
    return used;
}

}  // namespace

// That every string in app/ has an English entry is checked with gettext's own tools (xgettext
// and msgcmp): po/update.sh --check, the test po_catalogue.

TEST_CASE("the compiled catalogue translates and Swedish needs none") {
    faltstod::app::init_translations(FALTSTOD_BUILD_LOCALEDIR, "en");
    CHECK(std::string(faltstod::app::tr("Stödlinjer")) == "Support lines");
    CHECK(std::string(faltstod::app::tr("Öppet nu, stänger %s")) == "Open now, closes %s");
    faltstod::app::set_language("sv");
    CHECK(std::string(faltstod::app::tr("Stödlinjer")) == "Stödlinjer");
    CHECK(faltstod::app::current_language() == "sv");
    // A string without an entry falls back to the Swedish original, never to nothing.
    faltstod::app::set_language("en");
    CHECK(std::string(faltstod::app::tr("Ingen sådan text")) == "Ingen sådan text");
    faltstod::app::set_language("sv");
}

TEST_CASE("a count takes the plural form of its language: 1 kontakt, 2 kontakter, 1 contact, 2 contacts") {
    using faltstod::app::trn;
    faltstod::app::init_translations(FALTSTOD_BUILD_LOCALEDIR, "sv");
    CHECK(trn("%d kontakt", "%d kontakter", 1) == "1 kontakt");
    CHECK(trn("%d kontakt", "%d kontakter", 0) == "0 kontakter");
    CHECK(trn("%d kontakt", "%d kontakter", 189) == "189 kontakter");
    CHECK(trn("Färre än %d konsultation", "Färre än %d konsultationer", 5) == "Färre än 5 konsultationer");
    faltstod::app::set_language("en");
    CHECK(trn("%d kontakt", "%d kontakter", 1) == "1 contact");
    CHECK(trn("%d kontakt", "%d kontakter", 2) == "2 contacts");
    CHECK(trn("%d logg väntar på att skickas. Den går i väg av sig själv när datorn har nät.",
              "%d loggar väntar på att skickas. De går i väg av sig själva när datorn har nät.", 1) ==
          "1 log is waiting to be sent. It goes by itself when the laptop is online.");
    // Without an entry, gettext's fallback is the Swedish form for the number.
    CHECK(trn("%d sak", "%d saker", 1) == "1 sak");
    CHECK(trn("%d sak", "%d saker", 3) == "3 saker");
    faltstod::app::set_language("sv");
}

TEST_CASE("no count is glued to a translated noun by hand (that printed '1 kontakter')") {
    // std::to_string(n) + " " + tr("kontakter") cannot take the singular; trn() can.
    const std::regex glued(R"re(to_string\([^;]*\)\s*\+\s*" "\s*\+\s*\(?tr\(")re");
    for (const auto& entry : std::filesystem::recursive_directory_iterator(FALTSTOD_SOURCE_DIR "/app")) {
        if (entry.path().extension() != ".cpp") continue;
        const auto text = read(entry.path());
        INFO(entry.path().string());
        CHECK_FALSE(std::regex_search(text, glued));
    }
}

TEST_CASE("no translated string is split over adjacent literals") {
    // tr("a " "b") compiles to one string, but the catalogue check above (and xgettext's view of
    // it) only sees "a ", so the English entry was silently missing. Write such strings on one line.
    const std::regex split(R"re(\b(?:tr|N_)\("(?:[^"\\]|\\.)*"\s*\n\s*")re");
    for (const auto& entry : std::filesystem::recursive_directory_iterator(FALTSTOD_SOURCE_DIR "/app")) {
        if (entry.path().extension() != ".cpp") continue;
        const auto text = read(entry.path());
        INFO(entry.path().string());
        CHECK_FALSE(std::regex_search(text, split));
    }
}

TEST_CASE("every button and screen name content may refer to is one the kiosk shows, in both languages") {
    // The content validator accepts "knappen ”X”" only for these names (sync/content/ui_names.hpp);
    // renaming a button in the kiosk must fail here until the list, and the content, follow.
    const auto used = used_strings();
    faltstod::app::init_translations(FALTSTOD_BUILD_LOCALEDIR, "en");
    for (const auto& name : faltstod::content::kUiNames) {
        const std::string sv(name.sv);
        INFO(sv);
        CHECK(used.count(sv) == 1);
        CHECK(std::string(faltstod::app::tr(sv.c_str())) == name.en);
    }
    faltstod::app::set_language("sv");
}
