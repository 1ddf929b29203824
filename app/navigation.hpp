// Where the kiosk is: the current screen (and the item open on it) and the way back. No ImGui,
// so the rules — tabs start a fresh history, Esc goes back one step, Home is the floor — are
// unit-tested.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace faltstod::app {

enum class Screen { Home, Guidance, Article, Contacts, Contact, Lines, Checklists, Checklist, Calendar, Log, Stats, Settings };

struct Route {
    Screen screen = Screen::Home;
    std::string id;  // the article, contact or checklist shown; empty for lists
    bool operator==(const Route&) const = default;
};

// The tabs in the navigation bar, in order. Stats is shown only to editors and admins.
const std::vector<Screen>& tab_screens();
// The tab a screen belongs to (an Article belongs to Guidance).
Screen tab_of(Screen screen);

const char* screen_name(Screen screen);  // "home", "guidance", …
std::optional<Screen> screen_from_name(std::string_view name);
const char* screen_title(Screen screen);  // Swedish, for tr()

class Navigator {
public:
    const Route& current() const { return current_; }
    // Opens a detail (article, contact, …) on top of the current screen.
    void open(Route route);
    // Switches tab: the history starts again from Home.
    void switch_tab(Screen screen);
    // One step back; from a tab's top level back to Home. False when already Home.
    bool back();
    // Home, with no history (quick exit, lock, idle return).
    void reset();
    std::size_t depth() const { return history_.size(); }

private:
    Route current_;
    std::vector<Route> history_;
};

}  // namespace faltstod::app
