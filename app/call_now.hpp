// Home's "who do I call, now?" strip: what a professional in a hurry needs before anything else.
// First 112, always; then, for the laptop's county, its resource centre and its social services
// on call (socialjour), each with whether it is open now or when it opens; then the national
// support phone for professionals while it is open. No ImGui: the strip draws these rows.
#pragma once

#include "content_model.hpp"
#include "open_text.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace faltstod::app {

struct CallNowRow {
    enum class Kind { Emergency, ResourceCentre, OnCallSocialServices, ProfessionalsLine };
    Kind kind;
    std::string id;  // the contact's or line's id; "" for 112 when the content has no such line
    std::string name;
    std::string number;
    OpenText state;
};

// The professionals' support phone (Nationellt centrum mot hedersrelaterat våld's line) by its
// id: content ids are stable by contract (docs/content-format.md).
inline constexpr const char* kProfessionalsLineId = "line/nch-stodtelefon";

// At most this many socialjour rows: a county has up to a handful, and the strip must fit a
// narrow window; the rest are one tap away in Kontakter.
inline constexpr std::size_t kMostOnCallRows = 2;

// `county_contacts`: the contacts of the laptop's county (empty when it has none). Rows in the
// order shown: 112; the county's resource centres; its socialjour, open ones first; the
// professionals' line if open now.
std::vector<CallNowRow> call_now(const std::vector<content::SupportLine>& lines, const std::vector<content::Contact>& county_contacts,
                                 std::chrono::sys_seconds now);

}  // namespace faltstod::app
