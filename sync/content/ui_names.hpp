// The names of the kiosk's buttons and screens that content may tell a reader to use ("tryck på
// knappen ”Snabbstäng”"). Content is written by editors, the interface by developers: when one
// renames something the other goes stale, and a person in a hurry looks for a button that does
// not exist. The validator checks every such reference against this list, and the kiosk's
// tests check that the list is what the kiosk shows, in both languages.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace faltstod::content {

struct UiName {
    std::string_view sv;
    std::string_view en;
};

// The quick-exit button first: it is the one name safety guidance must get right.
inline constexpr std::array<UiName, 10> kUiNames = {{
    {"Snabbstäng", "Quick exit"},
    {"Hem", "Home"},
    {"Vägledning", "Guidance"},
    {"Kontakter", "Contacts"},
    {"Stödlinjer", "Support lines"},
    {"Checklistor", "Checklists"},
    {"Kalender", "Calendar"},
    {"Logga samtal", "Log a call"},
    {"Statistik", "Statistics"},
    {"Inställningar", "Settings"},
}};

struct UiNameProblem {
    std::size_t offset;  // byte offset of the reference in the text
    std::string needle;  // the text at that offset, to find its line
    std::string message;
};

// References in `text` (in `language`, "sv" or "en") to a button, tab or screen by a name the
// kiosk does not have — "knappen ”Dölj”", "the “Hide” button" — and, in Swedish, the quick exit
// called by another name than its button's ("snabbutgången").
std::vector<UiNameProblem> ui_name_problems(std::string_view text, std::string_view language);

}  // namespace faltstod::content
