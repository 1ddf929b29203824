// Support lines grouped by who they are for, with a short guide to who calls whom.
#include "i18n.hpp"
#include "kiosk_ui.hpp"
#include "line_groups.hpp"
#include "ui_kit.hpp"
#include "ui_theme.hpp"

namespace faltstod::ui {

using app::tr;

void KioskUi::draw_lines() {
    heading(tr("Stödlinjer"), 1);
    if (collapsing(tr("Vem ringer vem? – kort guide"))) {
        ImGui::Indent(8 * current_scale());
        text(tr("• Fara nu, för någon: ring 112."));
        text(tr("• Du som yrkesverksam vill rådgöra om ett ärende: ring Stödtelefonen för yrkesverksamma (NCH) eller ditt läns resurscentrum. Avidentifiera ärendet först."));
        text(tr("• Den som är utsatt, eller en anhörig, vill prata: Kvinnofridslinjen, Rätt att välja, Stödlinjen för män eller Stödlinjen för transpersoner."));
        text(tr("• Ett barn eller en ung person vill prata: Bris."));
        text(tr("• Någon har förts utomlands, eller riskerar det och är redan där: UD-jouren."));
        text(tr("• Polisanmälan när det inte är akut: 114 14."));
        ImGui::Unindent(8 * current_scale());
    }
    for (const auto& group : app::group_support_lines(session_.lines())) {
        heading(tr(group.title), 2);
        for (const auto* line : group.lines) draw_line_card(*line);
        // Named, not drawn again: its card is under its own heading on this screen.
        for (const auto* line : group.named) {
            const auto own = app::own_group(*line);
            if (!own) continue;
            text_muted(std::string(tr("Se även")) + " " + line->name + " " + tr("under") + " ”" + tr(app::group_title(*own)) + "”.");
        }
    }
}

}  // namespace faltstod::ui
