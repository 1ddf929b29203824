// The bundle's small value formats.
#include "value_formats.hpp"

#include <doctest/doctest.h>

using namespace faltstod::content;

TEST_CASE("dates must exist in the calendar") {
    CHECK(is_valid_date("2026-10-01"));
    CHECK(is_valid_date("2028-02-29"));
    CHECK_FALSE(is_valid_date("2026-02-29"));
    CHECK_FALSE(is_valid_date("2026-13-01"));
    CHECK_FALSE(is_valid_date("2026-1-01"));
    CHECK_FALSE(is_valid_date("idag"));
}

TEST_CASE("times of day, with 24:00 only as a closing time") {
    CHECK(parse_time_of_day("00:00", false) == 0);
    CHECK(parse_time_of_day("16:30", false) == 16 * 60 + 30);
    CHECK(parse_time_of_day("24:00", true) == 24 * 60);
    CHECK_FALSE(parse_time_of_day("24:00", false));
    CHECK_FALSE(parse_time_of_day("25:00", true));
    CHECK_FALSE(parse_time_of_day("12:60", true));
    CHECK_FALSE(parse_time_of_day("9:00", true));
    CHECK(format_time_of_day(90) == "01:30");
    CHECK(format_time_of_day(1440) == "24:00");
}

TEST_CASE("slugs and vocabularies") {
    CHECK(is_slug("socialjour-linkoping"));
    CHECK_FALSE(is_slug("Linköping"));
    CHECK_FALSE(is_slug("-a"));
    CHECK_FALSE(is_slug("a--b"));
    CHECK(parse_weekday("sun") == 6);
    CHECK_FALSE(parse_weekday("sön"));
    CHECK(is_known_audience("barn"));
    CHECK_FALSE(is_known_audience("children"));
    CHECK(is_known_contact_kind("socialjour"));
    CHECK(parse_holiday_rule("as_sunday") == HolidayRule::AsSunday);
    CHECK_FALSE(parse_holiday_rule("sometimes"));
}
