// Checklists: pick one, tick the steps. Ticks live in memory only — a checklist is used for one
// case at a time, and nothing about a case is kept on the laptop.
#include "i18n.hpp"
#include "kiosk_ui.hpp"
#include "related_contacts.hpp"
#include "ui_kit.hpp"
#include "ui_theme.hpp"

#include <algorithm>

namespace faltstod::ui {

using app::tr;

void KioskUi::draw_checklists() {
    heading(tr("Checklistor"), 1);
    text_muted(tr("Bockarna sparas inte – de försvinner när du lämnar appen."));
    for (const auto& checklist : session_.checklists()) {
        const auto& ticks = person_.checked[checklist.id];
        const auto done = std::count(ticks.begin(), ticks.end(), true);
        std::string subtitle = checklist.intro.in(session_.settings.language);
        if (done > 0)
            subtitle = std::string(tr("Avbockat:")) + " " + std::to_string(done) + " / " + std::to_string(checklist.items.size()) + " · " + subtitle;
        if (list_row(checklist.id.c_str(), checklist.title.in(session_.settings.language), subtitle))
            session_.nav.open(app::Route{app::Screen::Checklist, checklist.id});
    }
}

void KioskUi::draw_checklist(const std::string& id) {
    const auto& all = session_.checklists();
    const auto it = std::find_if(all.begin(), all.end(), [&](const auto& c) { return c.id == id; });
    if (it == all.end()) {
        text_colored(palette().warning, tr("Checklistan finns inte längre."));
        return;
    }
    heading(it->title.in(session_.settings.language), 1);
    text_muted(it->intro.in(session_.settings.language));
    auto& ticks = person_.checked[id];
    ticks.resize(it->items.size(), false);
    for (std::size_t i = 0; i < it->items.size(); ++i) {
        const auto& item = it->items[i];
        bool tick = ticks[i];
        if (check_row(std::to_string(i).c_str(), item.text.in(session_.settings.language), item.detail.in(session_.settings.language), tick)) ticks[i] = tick;
        ImGui::Separator();
    }
    if (button(tr("Töm bockarna##clear"))) std::fill(ticks.begin(), ticks.end(), false);
    ImGui::Separator();
    draw_related_contacts(app::related_contact_kinds(it->topics));
}

}  // namespace faltstod::ui
