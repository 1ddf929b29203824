// Home's "who to call, now" rows; see call_now.hpp.
#include "call_now.hpp"

#include "i18n.hpp"

#include <algorithm>

namespace faltstod::app {

namespace {

std::string digits_of(const std::string& number) {
    std::string digits;
    for (const char c : number)
        if (c >= '0' && c <= '9') digits += c;
    return digits;
}

OpenText state_of(const std::optional<content::OpeningHours>& hours, std::chrono::sys_seconds now) {
    if (!hours) return {false, tr("Öppettider okända"), false};
    return open_text(*hours, now);
}

}  // namespace

std::vector<CallNowRow> call_now(const std::vector<content::SupportLine>& lines, const std::vector<content::Contact>& county_contacts,
                                 std::chrono::sys_seconds now) {
    std::vector<CallNowRow> rows;
    // 112 whatever the content says: the one number that must never depend on a sync.
    const auto emergency = std::find_if(lines.begin(), lines.end(), [](const auto& l) { return digits_of(l.number) == "112"; });
    rows.push_back({CallNowRow::Kind::Emergency, emergency != lines.end() ? emergency->id : "", tr("Akut fara"), "112",
                    {true, tr("Dygnet runt"), true}});

    for (const auto& contact : county_contacts)
        if (contact.kind == "resurscentrum")
            rows.push_back({CallNowRow::Kind::ResourceCentre, contact.id, contact.name, contact.phone, state_of(contact.hours, now)});

    std::vector<CallNowRow> on_call;
    for (const auto& contact : county_contacts)
        if (contact.kind == "socialjour")
            on_call.push_back({CallNowRow::Kind::OnCallSocialServices, contact.id, contact.name, contact.phone, state_of(contact.hours, now)});
    std::stable_partition(on_call.begin(), on_call.end(), [](const auto& row) { return row.state.open; });
    if (on_call.size() > kMostOnCallRows) on_call.resize(kMostOnCallRows);
    rows.insert(rows.end(), on_call.begin(), on_call.end());

    const auto professionals = std::find_if(lines.begin(), lines.end(), [](const auto& l) { return l.id == kProfessionalsLineId; });
    if (professionals != lines.end()) {
        auto state = open_text(professionals->hours, now);
        if (state.open) rows.push_back({CallNowRow::Kind::ProfessionalsLine, professionals->id, professionals->name, professionals->number, std::move(state)});
    }
    return rows;
}

}  // namespace faltstod::app
