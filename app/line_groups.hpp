// The Support lines screen's grouping: who each line is for. A worker in a hurry looks where they
// think a line is, so a line is found under every group its audience tags match — but its card
// is drawn once, in its own group (that of its first tag that has one: the editors' order says
// where it belongs most), and the other groups name it. Three identical UD-jouren cards on one
// screen read as three different numbers.
#pragma once

#include "content_model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace faltstod::app {

enum class LineGroup { Acute, Professionals, AtRisk, Children, Abroad };

struct LineGroupView {
    LineGroup group;
    const char* title;  // Swedish, translate with tr()
    std::vector<const content::SupportLine*> lines;  // drawn here: this is their own group
    std::vector<const content::SupportLine*> named;  // for this group too, drawn in their own group
};

// Groups in the order they are shown; groups with nothing drawn or named are left out. In
// "Akut – fara nu", 112 comes first whatever the editors' order.
std::vector<LineGroupView> group_support_lines(const std::vector<content::SupportLine>& lines);
// The views point into `lines`: a temporary would leave them dangling.
std::vector<LineGroupView> group_support_lines(std::vector<content::SupportLine>&& lines) = delete;

// Which group(s) an audience tag belongs to (the tags are in docs/content-format.md).
bool tag_in_group(const std::string& tag, LineGroup group);

// The group's heading, Swedish (translate with tr()).
const char* group_title(LineGroup group);

// The group a line's card is drawn in: that of its first audience tag that has one.
std::optional<LineGroup> own_group(const content::SupportLine& line);

}  // namespace faltstod::app
