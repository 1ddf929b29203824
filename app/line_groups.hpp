// The Support lines screen's grouping: who each line is for. A line appears in every group its
// audience tags match, so Kvinnofridslinjen is found both under "people at risk" and under
// "professionals" — a worker in a hurry looks where they think it is.
#pragma once

#include "content_model.hpp"

#include <string>
#include <vector>

namespace faltstod::app {

enum class LineGroup { Acute, Professionals, AtRisk, Children, Abroad };

struct LineGroupView {
    LineGroup group;
    const char* title;  // Swedish, translate with tr()
    std::vector<const content::SupportLine*> lines;
};

// Groups in the order they are shown; empty groups are left out.
std::vector<LineGroupView> group_support_lines(const std::vector<content::SupportLine>& lines);

// Which group(s) an audience tag belongs to (the tags are in docs/content-format.md).
bool tag_in_group(const std::string& tag, LineGroup group);

}  // namespace faltstod::app
