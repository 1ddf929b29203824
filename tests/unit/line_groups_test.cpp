// Support lines grouped by who they are for.
#include "line_groups.hpp"

#include <doctest/doctest.h>

using namespace faltstod;

namespace {
content::SupportLine line(const std::string& id, std::vector<std::string> audience) {
    content::SupportLine l;
    l.id = id;
    l.audience = std::move(audience);
    return l;
}
}  // namespace

TEST_CASE("a line appears in every group its audience matches, in the editors' order") {
    const std::vector<content::SupportLine> lines = {
        line("line/112", {"akut", "alla"}),
        line("line/kvinnofrid", {"utsatta", "kvinnor", "alla-yrkesverksamma"}),
        line("line/bris", {"barn", "unga"}),
        line("line/ud", {"utomlands", "anhoriga"}),
        line("line/nch", {"alla-yrkesverksamma"}),
    };
    const auto groups = app::group_support_lines(lines);
    REQUIRE(groups.size() == 5);
    CHECK(groups[0].group == app::LineGroup::Acute);
    REQUIRE(groups[0].lines.size() == 1);
    CHECK(groups[0].lines[0]->id == "line/112");
    CHECK(groups[1].group == app::LineGroup::Professionals);
    REQUIRE(groups[1].lines.size() == 2);
    CHECK(groups[1].lines[0]->id == "line/kvinnofrid");
    CHECK(groups[1].lines[1]->id == "line/nch");
    CHECK(groups[2].group == app::LineGroup::AtRisk);
    CHECK(groups[2].lines.size() == 2);  // kvinnofrid and ud (anhoriga)
    CHECK(groups[3].group == app::LineGroup::Children);
    CHECK(groups[4].group == app::LineGroup::Abroad);
}

TEST_CASE("empty groups are left out") {
    const std::vector<content::SupportLine> lines = {line("line/bris", {"barn"})};
    const auto groups = app::group_support_lines(lines);
    REQUIRE(groups.size() == 1);
    CHECK(groups[0].group == app::LineGroup::Children);
    CHECK(app::group_support_lines({}).empty());
}
