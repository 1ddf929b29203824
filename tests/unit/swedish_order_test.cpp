// Swedish alphabetical order (app/swedish_order.hpp).
#include "swedish_order.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using faltstod::app::swedish_less;

TEST_CASE("å, ä and ö come after z, in that order, whatever their case") {
    CHECK(swedish_less("Zeta", "Åre"));
    CHECK(swedish_less("Åre", "Älvsbyn"));
    CHECK(swedish_less("Älvsbyn", "Örebro"));
    CHECK(swedish_less("ärla", "Öland"));
    CHECK(swedish_less("Ånge", "ängelholm"));
    CHECK_FALSE(swedish_less("Örebro", "Västerås"));
    CHECK(swedish_less("Gotland", "Gävleborg"));
    CHECK(swedish_less("Västmanlands län", "Västra Götalands län"));
}

TEST_CASE("case is ignored, a prefix sorts first, and the order is total") {
    CHECK(swedish_less("skåne", "Stockholm"));
    CHECK(swedish_less("Sala", "Salem"));
    CHECK(swedish_less("Örebro", "Örebro län"));
    CHECK_FALSE(swedish_less("Örebro", "Örebro"));
    CHECK(swedish_less("ABC", "abc") != swedish_less("abc", "ABC"));
}

TEST_CASE("Sweden's counties in Swedish order end with Örebro and Östergötland") {
    std::vector<std::string> counties = {"Stockholms län", "Uppsala län", "Södermanlands län", "Östergötlands län", "Jönköpings län",
                                         "Kronobergs län", "Kalmar län", "Gotlands län", "Blekinge län", "Skåne län", "Hallands län",
                                         "Västra Götalands län", "Värmlands län", "Örebro län", "Västmanlands län", "Dalarnas län",
                                         "Gävleborgs län", "Västernorrlands län", "Jämtlands län", "Västerbottens län", "Norrbottens län"};
    std::sort(counties.begin(), counties.end(), [](const auto& a, const auto& b) { return swedish_less(a, b); });
    CHECK(counties.front() == "Blekinge län");
    CHECK(counties[1] == "Dalarnas län");
    CHECK(counties[counties.size() - 2] == "Örebro län");
    CHECK(counties.back() == "Östergötlands län");
}

TEST_CASE("a cut-off UTF-8 sequence does not read past the end") {
    const std::string cut = std::string("Ab") + '\xC3';
    CHECK(swedish_less(cut, "Ac"));
    CHECK_FALSE(swedish_less("Ac", cut));
}
