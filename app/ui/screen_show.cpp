// "Visa för den du möter": one name and one number in very large type with nothing else on the
// screen, to show or read to the person in the room. Esc or a tap anywhere returns to where the
// professional was; quick exit stays where it always is, at the top right.
#include "kiosk_ui.hpp"

#include "i18n.hpp"
#include "ui_kit.hpp"
#include "ui_theme.hpp"

#include <algorithm>

namespace faltstod::ui {

using app::tr;

bool KioskUi::show_line_to_person(const std::string& line_id) {
    for (const auto& line : session_.lines())
        if (line.id == line_id) {
            person_.shown_to_person = PersonState::ShownToPerson{line.name, line.number};
            return true;
        }
    return false;
}

void KioskUi::draw_shown_to_person(ImVec2 size) {
    // Copies: quick exit below forgets the person's state, and these with it.
    const std::string name = person_.shown_to_person->name;
    const std::string number = person_.shown_to_person->number;
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(size);
    ImGui::Begin("##shown-to-person", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollbar);
    ImGui::Dummy(ImVec2(0, 0));
    draw_quick_exit_button();
    if (!session_.safety.showing_content()) {
        ImGui::End();
        return;
    }
    const float width = ImGui::GetContentRegionAvail().x;

    // The number as large as the display font, smaller only when it would not fit the width.
    ImGui::PushFont(fonts().display);
    const float natural = ImGui::CalcTextSize(number.c_str()).x;
    const float scale = natural > width ? width / natural : 1.0f;
    ImGui::SetWindowFontScale(scale);
    const ImVec2 number_size = ImGui::CalcTextSize(number.c_str());
    ImGui::SetCursorPos(ImVec2(std::max(0.0f, (size.x - number_size.x) / 2), size.y * 0.38f));
    text(number, false);
    ImGui::SetWindowFontScale(1.0f);
    ImGui::PopFont();

    // The name under it, centred when it fits on one line.
    ImGui::PushFont(fonts().heading);
    const float name_width = ImGui::CalcTextSize(name.c_str()).x;
    ImGui::SetCursorPosX(name_width < width ? (size.x - name_width) / 2 : ImGui::GetStyle().WindowPadding.x);
    text(name);
    ImGui::PopFont();

    const std::string hint = tr("Tryck var som helst eller på Esc för att gå tillbaka.");
    ImGui::SetCursorPos(ImVec2(std::max(0.0f, (size.x - ImGui::CalcTextSize(hint.c_str()).x) / 2),
                               size.y - ImGui::GetTextLineHeightWithSpacing() - ImGui::GetStyle().WindowPadding.y));
    text_muted(hint, false);

    const bool back = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false) ||
                      (ImGui::IsMouseReleased(ImGuiMouseButton_Left) && !ImGui::IsAnyItemHovered());
    ImGui::End();
    if (back) person_.shown_to_person.reset();
}

}  // namespace faltstod::ui
