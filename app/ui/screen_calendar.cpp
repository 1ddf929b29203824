// Calendar: upcoming conferences, trainings and webinars, soonest first; past ones folded away.
#include "i18n.hpp"
#include "kiosk_ui.hpp"
#include "ui_kit.hpp"
#include "ui_theme.hpp"

#include "open_now.hpp"

#include <date/date.h>

namespace faltstod::ui {

using app::tr;

namespace {

// "28 apr 2021" from "2021-04-28", with the month in the interface language.
std::string readable_date(const std::string& iso) {
    static constexpr const char* kMonths[] = {N_("jan"), N_("feb"), N_("mar"), N_("apr"), N_("maj"), N_("jun"),
                                                 N_("jul"), N_("aug"), N_("sep"), N_("okt"), N_("nov"), N_("dec")};
    if (iso.size() != 10) return iso;
    const int month = std::stoi(iso.substr(5, 2));
    if (month < 1 || month > 12) return iso;
    return std::to_string(std::stoi(iso.substr(8, 2))) + " " + tr(kMonths[month - 1]) + " " + iso.substr(0, 4);
}

const char* event_kind(const std::string& kind) {
    if (kind == "konferens") return tr("Konferens");
    if (kind == "utbildning") return tr("Utbildning");
    if (kind == "webbinarium") return tr("Webbinarium");
    return tr("Evenemang");
}

}  // namespace

void KioskUi::draw_event(const content::Event& event) {
    ImGui::PushID(event.id.c_str());
    std::string when = readable_date(event.starts);
    if (event.ends != event.starts) when += " – " + readable_date(event.ends);
    text_colored(palette().accent, when + " · " + event_kind(event.kind));
    ImGui::PushFont(fonts().bold);
    text(event.title.in(session_.settings.language));
    ImGui::PopFont();
    text_muted(event.location + " · " + event.organiser);
    text(event.description.in(session_.settings.language));
    if (event.url) text_muted(*event.url);
    ImGui::Separator();
    ImGui::PopID();
}

void KioskUi::draw_calendar() {
    heading(tr("Kalender"), 1);
    const std::string today = date::format("%F", date::floor<date::days>(hours::to_stockholm(now_)));
    const auto& upcoming = session_.upcoming_events(today);
    const auto& past = session_.past_events(today);
    if (upcoming.empty()) text_muted(tr("Inga kommande utbildningar eller konferenser just nu."));
    for (const auto& event : upcoming) draw_event(event);
    if (!past.empty() && collapsing((std::string(tr("Tidigare")) + " (" + std::to_string(past.size()) + ")").c_str()))
        for (const auto& event : past) draw_event(event);
}

}  // namespace faltstod::ui
