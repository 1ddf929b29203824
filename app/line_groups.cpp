// Support-line groups; see line_groups.hpp.
#include "line_groups.hpp"

#include "i18n.hpp"

#include <algorithm>
#include <array>

namespace faltstod::app {

bool tag_in_group(const std::string& tag, LineGroup group) {
    switch (group) {
        case LineGroup::Acute: return tag == "akut";
        case LineGroup::Professionals: return tag == "alla-yrkesverksamma" || tag == "resurscentrum" || tag == "socialtjanst" ||
                                              tag == "skola" || tag == "halso-och-sjukvard" || tag == "polis";
        case LineGroup::AtRisk: return tag == "utsatta" || tag == "kvinnor" || tag == "man" || tag == "transpersoner" || tag == "anhoriga";
        case LineGroup::Children: return tag == "barn" || tag == "unga";
        case LineGroup::Abroad: return tag == "utomlands";
    }
    return false;
}

std::vector<LineGroupView> group_support_lines(const std::vector<content::SupportLine>& lines) {
    static constexpr std::array<std::pair<LineGroup, const char*>, 5> kGroups = {{
        {LineGroup::Acute, N_("Akut – fara nu")},
        {LineGroup::Professionals, N_("För dig som yrkesverksam")},
        {LineGroup::AtRisk, N_("För den som är utsatt och anhöriga")},
        {LineGroup::Children, N_("För barn och unga")},
        {LineGroup::Abroad, N_("Utomlands")},
    }};
    std::vector<LineGroupView> groups;
    for (const auto& [group, title] : kGroups) {
        LineGroupView view{group, title, {}};
        for (const auto& line : lines)
            if (std::any_of(line.audience.begin(), line.audience.end(), [&](const std::string& tag) { return tag_in_group(tag, group); }))
                view.lines.push_back(&line);
        if (!view.lines.empty()) groups.push_back(std::move(view));
    }
    return groups;
}

}  // namespace faltstod::app
