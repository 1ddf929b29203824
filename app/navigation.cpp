// Navigation rules; see navigation.hpp.
#include "navigation.hpp"

#include "i18n.hpp"

#include <array>

namespace faltstod::app {

namespace {
struct ScreenInfo {
    Screen screen;
    const char* name;
    const char* title;
};
constexpr std::array<ScreenInfo, 12> kScreens = {{
    {Screen::Home, "home", N_("Hem")},
    {Screen::Guidance, "guidance", N_("Vägledning")},
    {Screen::Article, "article", N_("Artikel")},
    {Screen::Contacts, "contacts", N_("Kontakter")},
    {Screen::Contact, "contact", N_("Kontakt")},
    {Screen::Lines, "lines", N_("Stödlinjer")},
    {Screen::Checklists, "checklists", N_("Checklistor")},
    {Screen::Checklist, "checklist", N_("Checklista")},
    {Screen::Calendar, "calendar", N_("Kalender")},
    {Screen::Log, "log", N_("Logga samtal")},
    {Screen::Stats, "stats", N_("Statistik")},
    {Screen::Settings, "settings", N_("Inställningar")},
}};
}  // namespace

const std::vector<Screen>& tab_screens() {
    static const std::vector<Screen> tabs = {Screen::Home, Screen::Guidance, Screen::Contacts, Screen::Lines,
                                             Screen::Checklists, Screen::Calendar, Screen::Log, Screen::Stats,
                                             Screen::Settings};
    return tabs;
}

Screen tab_of(Screen screen) {
    switch (screen) {
        case Screen::Article: return Screen::Guidance;
        case Screen::Contact: return Screen::Contacts;
        case Screen::Checklist: return Screen::Checklists;
        default: return screen;
    }
}

const char* screen_name(Screen screen) {
    for (const auto& info : kScreens)
        if (info.screen == screen) return info.name;
    return "home";
}

std::optional<Screen> screen_from_name(std::string_view name) {
    for (const auto& info : kScreens)
        if (name == info.name) return info.screen;
    return std::nullopt;
}

const char* screen_title(Screen screen) {
    for (const auto& info : kScreens)
        if (info.screen == screen) return info.title;
    return "Hem";
}

void Navigator::open(Route route) {
    if (route == current_) return;
    history_.push_back(current_);
    current_ = std::move(route);
}

void Navigator::switch_tab(Screen screen) {
    history_.clear();
    if (screen != Screen::Home) history_.push_back(Route{Screen::Home, {}});
    current_ = Route{screen, {}};
}

bool Navigator::back() {
    if (history_.empty()) {
        if (current_.screen == Screen::Home) return false;
        current_ = Route{};
        return true;
    }
    current_ = std::move(history_.back());
    history_.pop_back();
    return true;
}

void Navigator::reset() {
    history_.clear();
    current_ = Route{};
}

}  // namespace faltstod::app
