// Support lines grouped by who they are for.
#include "bundle_loader.hpp"
#include "line_groups.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <map>

using namespace faltstod;

namespace {
content::SupportLine line(const std::string& id, std::vector<std::string> audience) {
    content::SupportLine l;
    l.id = id;
    l.audience = std::move(audience);
    return l;
}
}  // namespace

namespace {
std::vector<std::string> ids(const std::vector<const content::SupportLine*>& lines) {
    std::vector<std::string> out;
    for (const auto* l : lines) out.push_back(l->id);
    return out;
}
}  // namespace

TEST_CASE("each line's card is drawn once, in the group of its first tag, and the other groups name it") {
    const std::vector<content::SupportLine> lines = {
        line("line/112", {"akut", "alla"}),
        line("line/kvinnofrid", {"utsatta", "kvinnor", "alla-yrkesverksamma"}),
        line("line/bris", {"barn", "unga"}),
        line("line/ud", {"utomlands", "alla-yrkesverksamma", "anhoriga", "utsatta"}),
        line("line/nch", {"alla-yrkesverksamma"}),
    };
    const auto groups = app::group_support_lines(lines);
    REQUIRE(groups.size() == 5);
    CHECK(groups[0].group == app::LineGroup::Acute);
    CHECK(ids(groups[0].lines) == std::vector<std::string>{"line/112"});
    CHECK(groups[1].group == app::LineGroup::Professionals);
    CHECK(ids(groups[1].lines) == std::vector<std::string>{"line/nch"});
    CHECK(ids(groups[1].named) == std::vector<std::string>{"line/kvinnofrid", "line/ud"});
    CHECK(groups[2].group == app::LineGroup::AtRisk);
    CHECK(ids(groups[2].lines) == std::vector<std::string>{"line/kvinnofrid"});
    CHECK(ids(groups[2].named) == std::vector<std::string>{"line/ud"});
    CHECK(groups[3].group == app::LineGroup::Children);
    CHECK(groups[4].group == app::LineGroup::Abroad);
    CHECK(ids(groups[4].lines) == std::vector<std::string>{"line/ud"});
    CHECK(groups[4].named.empty());

    // Whatever the tags, no line is drawn twice on the screen.
    std::map<std::string, int> drawn;
    for (const auto& g : groups)
        for (const auto* l : g.lines) ++drawn[l->id];
    CHECK(drawn.size() == lines.size());
    for (const auto& [id, times] : drawn) CHECK_MESSAGE(times == 1, id);
}

TEST_CASE("112 comes first under Akut, whatever the editors' order") {
    auto police = line("line/polis", {"akut"});
    police.number = "114 14";
    auto emergency = line("line/nodnummer", {"akut", "alla"});
    emergency.number = "112";
    const std::vector<content::SupportLine> lines = {police, emergency};  // the groups point into it
    const auto groups = app::group_support_lines(lines);
    REQUIRE(groups.size() == 1);
    CHECK(ids(groups[0].lines) == std::vector<std::string>{"line/nodnummer", "line/polis"});
}

TEST_CASE("the shipped lines: 112 alone under Akut, 114 14 not there, no card twice") {
    const auto bundle = content::load_bundle(std::filesystem::path(FALTSTOD_SOURCE_DIR) / "assets" / "content");
    REQUIRE(bundle.errors.empty());
    const auto groups = app::group_support_lines(bundle.bundle.support_lines);
    REQUIRE(!groups.empty());
    REQUIRE(groups[0].group == app::LineGroup::Acute);
    REQUIRE(!groups[0].lines.empty());
    CHECK(groups[0].lines[0]->number == "112");
    for (const auto* l : groups[0].lines) CHECK_MESSAGE(l->number != "114 14", l->id);
    std::map<std::string, int> drawn;
    for (const auto& g : groups)
        for (const auto* l : g.lines) ++drawn[l->id];
    for (const auto& l : bundle.bundle.support_lines) CHECK_MESSAGE(drawn[l.id] == 1, l.id);
}

TEST_CASE("empty groups are left out") {
    const std::vector<content::SupportLine> lines = {line("line/bris", {"barn"})};
    const auto groups = app::group_support_lines(lines);
    REQUIRE(groups.size() == 1);
    CHECK(groups[0].group == app::LineGroup::Children);
    const std::vector<content::SupportLine> none;
    CHECK(app::group_support_lines(none).empty());
}
