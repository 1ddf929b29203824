// Content's references to the kiosk's buttons and screens (sync/content/ui_names.hpp): every
// way an editor writes one, generated from the words and quotes the check knows.
#include "ui_names.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace faltstod::content;

namespace {

const std::array<std::pair<std::string, std::string>, 4> kQuotePairs = {{{"\u201d", "\u201d"}, {"\u201c", "\u201d"}, {"\"", "\""}, {"\u00ab", "\u00bb"}}};

std::string quoted(const std::pair<std::string, std::string>& q, std::string_view name) { return q.first + std::string(name) + q.second; }

}  // namespace

TEST_CASE("a button or screen named in Swedish content must be one the kiosk has") {
    for (const std::string word : {"knappen", "Knappen", "fliken", "skärmen", "sidan", "menyn", "vyn", "läget"}) {
        for (const auto& q : kQuotePairs) {
            for (const auto& name : kUiNames) {
                INFO(word, " ", name.sv);
                CHECK(ui_name_problems("Tryck på " + word + " " + quoted(q, name.sv) + " direkt.", "sv").empty());
                CHECK(ui_name_problems("Tryck på " + quoted(q, name.sv) + "-" + word + ".", "sv").empty());
            }
            const std::string text = "Tryck på " + word + " " + quoted(q, "Dölj") + " om någon kommer in.";
            const auto problems = ui_name_problems(text, "sv");
            INFO(text);
            REQUIRE(problems.size() == 1);
            CHECK(text.substr(problems[0].offset, problems[0].needle.size()) == problems[0].needle);
            CHECK(problems[0].message.find("\"Dölj\"") != std::string::npos);
            CHECK(problems[0].message.find("Snabbstäng") != std::string::npos);  // says what the buttons are
            CHECK(ui_name_problems("Tryck på " + quoted(q, "Dölj") + "-" + word + ".", "sv").size() == 1);
            CHECK(ui_name_problems("Tryck på " + quoted(q, "Dölj") + " " + word + ".", "sv").size() == 1);
        }
    }
}

TEST_CASE("English content names the English buttons") {
    for (const std::string word : {"button", "tab", "screen", "menu", "view"}) {
        for (const auto& q : kQuotePairs) {
            for (const auto& name : kUiNames) {
                CHECK(ui_name_problems("Press the " + word + " " + quoted(q, name.en) + ".", "en").empty());
                CHECK(ui_name_problems("Press the " + quoted(q, name.en) + " " + word + ".", "en").empty());
            }
            CHECK(ui_name_problems("Press the " + quoted(q, "Hide") + " " + word + ".", "en").size() == 1);
            // A Swedish name in English text is not what the English kiosk shows.
            CHECK(ui_name_problems("Press the " + word + " " + quoted(q, "Snabbstäng") + ".", "en").size() == 1);
        }
    }
}

TEST_CASE("the quick exit is called by its button's name, in every form of the other word") {
    for (const std::string other : {"snabbutgång", "snabbutgången", "Snabbutgången", "snabbutgångens", "snabbutgångar"}) {
        const std::string text = "Använd " + other + " om någon kommer in.";
        const auto problems = ui_name_problems(text, "sv");
        INFO(text);
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].needle == other);
        CHECK(problems[0].message.find("Snabbstäng") != std::string::npos);
    }
    CHECK(ui_name_problems("Use the quick exit if someone comes in.", "en").empty());
}

TEST_CASE("ordinary words and unquoted names are left alone") {
    for (const std::string clean : {"Läs sidan 3 i broschyren.", "Skärmen töms direkt.", "tryckknappen \"X\" på telefonen",
                                    "Knappen finns uppe till höger.", "Se ”Vägledning” för mer.", "knappen \u201dSnabbst\u00e4ng\u201d",
                                    "en \"knapp\" i texten", "snabbstängning"}) {
        INFO(clean);
        CHECK(ui_name_problems(clean, "sv").empty());
    }
}
