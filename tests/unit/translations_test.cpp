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

TEST_CASE("every string shown in the kiosk has an English entry") {
    const auto po = read(FALTSTOD_SOURCE_DIR "/po/en.po");
    const auto used = used_strings();
    CHECK(used.size() > 100);
    for (const auto& swedish : used) {
        INFO("missing in po/en.po: " << swedish);
        CHECK(po.find("\nmsgid \"" + swedish + "\"\nmsgstr \"") != std::string::npos);
    }
}

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
