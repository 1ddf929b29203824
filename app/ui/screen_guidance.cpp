// Guidance: search, topics, favourites and the article list; in a wide window the open
// article sits beside the list. The article itself is drawn by screen_article.cpp.
#include "i18n.hpp"
#include "kiosk_ui.hpp"
#include "ui_kit.hpp"
#include "ui_theme.hpp"

namespace faltstod::ui {

using app::tr;

void KioskUi::draw_guidance_list() {
    const bool focus = std::exchange(person_.focus_search, false);
    search_field("##guidance-search", tr("Sök i vägledningen (Ctrl+F)"), person_.search_text, focus);
    if (!person_.search_text.empty()) {
        draw_search_results(true);
        return;
    }

    // One topic at a time from a list (the topics would fill a phone-sized screen as buttons),
    // and a favourites switch beside it.
    std::vector<std::string> names;
    int index = -1;
    for (std::size_t i = 0; i < session_.topics().size(); ++i) {
        names.push_back(session_.topics()[i].name.in(session_.settings.language));
        if (session_.topics()[i].id == person_.topic) index = static_cast<int>(i);
    }
    const std::string favourites_label = std::string(person_.favourites_only ? "★ " : "☆ ") + tr("Favoriter") + "##favourites";
    const float favourites_width = ImGui::CalcTextSize(favourites_label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
    // Side by side when the topic list keeps a readable width, else the switch goes below it.
    const float combo_width = ImGui::GetContentRegionAvail().x - favourites_width - ImGui::GetStyle().ItemSpacing.x;
    const bool side_by_side = combo_width >= 200 * current_scale();
    ImGui::SetNextItemWidth(side_by_side ? combo_width : -1);
    if (combo("##topic", names, index, tr("Alla ämnen"))) {
        person_.topic = index >= 0 ? session_.topics()[static_cast<std::size_t>(index)].id : std::string();
        person_.articles.reset();
    }
    if (side_by_side) ImGui::SameLine();
    // The pop must match the push even when this very click flips the switch.
    const bool showing_favourites = person_.favourites_only;
    if (showing_favourites) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (button(favourites_label.c_str())) {
        person_.favourites_only = !person_.favourites_only;
        person_.articles.reset();
    }
    if (showing_favourites) ImGui::PopStyleColor();
    ImGui::Separator();

    if (!person_.articles) {
        person_.articles = replica::guidance_by_topic(*env_.db, person_.topic, session_.settings.language);
        if (person_.favourites_only) std::erase_if(*person_.articles, [&](const auto& a) { return !session_.favourites().contains(a.id); });
    }
    if (person_.articles->empty())
        text_muted(person_.favourites_only ? tr("Inga favoriter ännu. Öppna en artikel och tryck på ☆ Spara som favorit.")
                                    : tr("Inga artiklar i det här ämnet."));
    const std::string open_id = session_.nav.current().screen == app::Screen::Article ? session_.nav.current().id : std::string();
    for (const auto& article : *person_.articles) {
        const std::string title = (session_.favourites().contains(article.id) ? "★ " : "") + article.title;
        if (list_row(article.id.c_str(), title, article.summary, article.id == open_id)) {
            if (session_.nav.current().screen == app::Screen::Article) session_.nav.back();  // swap the article beside the list
            open_article(article.id, article.title);
        }
    }
}

void KioskUi::draw_guidance() {
    if (!wide_) {
        draw_guidance_list();
        return;
    }
    ImGui::BeginChild("guidance-list", ImVec2(ImGui::GetContentRegionAvail().x * 0.42f, 0), false);
    draw_guidance_list();
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("guidance-detail", ImVec2(0, 0), true);
    text_muted(tr("Välj en artikel i listan, eller sök."));
    ImGui::EndChild();
}

}  // namespace faltstod::ui
