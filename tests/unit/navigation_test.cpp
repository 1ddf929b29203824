// Navigation rules: tabs start from Home, details stack, Esc steps back, reset goes Home.
#include "navigation.hpp"

#include <doctest/doctest.h>

using namespace faltstod::app;

TEST_CASE("tabs start a fresh history that leads back to Home") {
    Navigator nav;
    CHECK(nav.current().screen == Screen::Home);
    CHECK_FALSE(nav.back());
    nav.switch_tab(Screen::Contacts);
    nav.open(Route{Screen::Contact, "contact/a"});
    nav.switch_tab(Screen::Guidance);
    CHECK(nav.depth() == 1);
    CHECK(nav.back());
    CHECK(nav.current().screen == Screen::Home);
}

TEST_CASE("details stack and Esc steps back one at a time") {
    Navigator nav;
    nav.switch_tab(Screen::Guidance);
    nav.open(Route{Screen::Article, "guidance/a"});
    nav.open(Route{Screen::Article, "guidance/b"});
    nav.open(Route{Screen::Article, "guidance/b"});  // the same route twice is one step
    CHECK(nav.current().id == "guidance/b");
    REQUIRE(nav.back());
    CHECK(nav.current().id == "guidance/a");
    REQUIRE(nav.back());
    CHECK(nav.current().screen == Screen::Guidance);
    REQUIRE(nav.back());
    CHECK(nav.current().screen == Screen::Home);
    CHECK_FALSE(nav.back());
}

TEST_CASE("reset goes Home with no way back") {
    Navigator nav;
    nav.switch_tab(Screen::Checklists);
    nav.open(Route{Screen::Checklist, "checklist/x"});
    nav.reset();
    CHECK(nav.current() == Route{});
    CHECK(nav.depth() == 0);
}

TEST_CASE("screen names round-trip and details belong to their tab") {
    for (const auto screen : {Screen::Home, Screen::Guidance, Screen::Article, Screen::Contacts, Screen::Contact, Screen::Lines,
                              Screen::Checklists, Screen::Checklist, Screen::Calendar, Screen::Log, Screen::Stats, Screen::Settings}) {
        const auto back = screen_from_name(screen_name(screen));
        REQUIRE(back);
        CHECK(*back == screen);
    }
    CHECK_FALSE(screen_from_name("nowhere"));
    CHECK(tab_of(Screen::Article) == Screen::Guidance);
    CHECK(tab_of(Screen::Contact) == Screen::Contacts);
    CHECK(tab_of(Screen::Checklist) == Screen::Checklists);
    CHECK(tab_of(Screen::Lines) == Screen::Lines);
    CHECK(tab_screens().size() == 9);
    CHECK(tab_of(Screen::Log) == Screen::Log);
}
