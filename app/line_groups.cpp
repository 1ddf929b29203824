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

namespace {

constexpr std::array<LineGroup, 5> kGroupOrder = {LineGroup::Acute, LineGroup::Professionals, LineGroup::AtRisk, LineGroup::Children,
                                                  LineGroup::Abroad};

bool is_emergency_number(const content::SupportLine& line) {
    std::string digits;
    for (const char c : line.number)
        if (c >= '0' && c <= '9') digits += c;
    return digits == "112";
}

}  // namespace

std::optional<LineGroup> own_group(const content::SupportLine& line) {
    for (const auto& tag : line.audience)
        for (const auto group : kGroupOrder)
            if (tag_in_group(tag, group)) return group;
    return std::nullopt;
}

const char* group_title(LineGroup group) {
    switch (group) {
        case LineGroup::Acute: return N_("Akut – fara nu");
        case LineGroup::Professionals: return N_("För dig som yrkesverksam");
        case LineGroup::AtRisk: return N_("För den som är utsatt och anhöriga");
        case LineGroup::Children: return N_("För barn och unga");
        case LineGroup::Abroad: return N_("Utomlands");
    }
    return "";
}

std::vector<LineGroupView> group_support_lines(const std::vector<content::SupportLine>& lines) {
    std::vector<LineGroupView> groups;
    for (const auto group : kGroupOrder) {
        LineGroupView view{group, group_title(group), {}, {}};
        for (const auto& line : lines) {
            if (!std::any_of(line.audience.begin(), line.audience.end(), [&](const std::string& tag) { return tag_in_group(tag, group); }))
                continue;
            (own_group(line) == group ? view.lines : view.named).push_back(&line);
        }
        if (group == LineGroup::Acute)
            std::stable_partition(view.lines.begin(), view.lines.end(), [](const auto* line) { return is_emergency_number(*line); });
        if (!view.lines.empty() || !view.named.empty()) groups.push_back(std::move(view));
    }
    return groups;
}

}  // namespace faltstod::app
