// Home: how fresh the data is (in the header), a big search, the support lines open now and
// what was read recently. What a professional in a hurry needs first.
#include "i18n.hpp"
#include "kiosk_ui.hpp"
#include "open_text.hpp"
#include "ui_kit.hpp"
#include "ui_theme.hpp"

#include <algorithm>
#include <set>

namespace faltstod::ui {

using app::tr;

namespace {
constexpr std::size_t kContactsInSearch = 5;  // more: "Visa alla n kontakter"
}  // namespace

void KioskUi::draw_search_results(bool articles_only) {
    if (person_.searched_for != person_.search_text) {
        // Per keystroke: articles from the full-text index, the rest from folded copies
        // (app/everything_search.hpp; docs/performance.md, 4).
        person_.results = session_.everything().search(*env_.db, person_.search_text, session_.settings.language, session_.home_county(), kContactsInSearch);
        person_.searched_for = person_.search_text;
    }
    const auto& found = *person_.results;
    const std::size_t total = articles_only ? found.articles.size() : found.total();
    if (total == 0) {
        // One or two letters find only words that short (replica_queries.hpp): say so, rather
        // than "nothing found" while the person is still typing.
        if (replica::only_short_words(person_.search_text)) text_muted(tr("Skriv vidare – sökningen börjar vid tre bokstäver."));
        else if (articles_only) text_muted(tr("Ingen vägledning hittades. Prova ett kortare ord, till exempel \"resa\" eller \"anmälan\"."));
        else text_muted(tr("Inget hittades. Prova ett kortare ord, till exempel \"resa\" eller \"anmälan\"."));
        return;
    }
    text_muted(app::trn("%d träff", "%d träffar", static_cast<long long>(total)));
    // Who to call first, then what to read.
    if (!articles_only && !found.lines.empty()) {
        heading(tr("Stödlinjer"), 2);
        for (const auto* line : found.lines) draw_line_card(*line);
    }
    if (!articles_only && found.contacts_found > 0) {
        heading(tr("Kontakter"), 2);
        for (const auto& contact : found.contacts) {
            if (list_row(contact.id.c_str(), contact.name, contact_subtitle(contact))) open_contact(contact.id);
        }
        if (found.contacts_found > found.contacts.size()) {
            const std::string all = app::trn("Visa alla %d kontakter", "Visa alla %d kontakter", static_cast<long long>(found.contacts_found)) +
                                    std::string("##all-contacts");
            if (button(all.c_str())) {
                // Contacts, over every county, filtered on the same words.
                person_.county_index = person_.municipality_index = person_.kind_index = -1;
                person_.municipalities.clear();
                person_.contacts_county_chosen = true;
                person_.contacts_text = person_.search_text;
                person_.contacts.reset();
                session_.nav.switch_tab(app::Screen::Contacts);
            }
        }
    }
    if (!articles_only && !found.checklists.empty()) {
        heading(tr("Checklistor"), 2);
        for (const auto* list : found.checklists)
            if (list_row(list->id.c_str(), list->title.in(session_.settings.language), list->intro.in(session_.settings.language)))
                session_.nav.open(app::Route{app::Screen::Checklist, list->id});
    }
    if (found.articles.empty()) return;
    if (!articles_only) heading(tr("Vägledning"), 2);
    for (const auto& hit : found.articles) {
        ImGui::PushID(hit.id.c_str());
        // In English, an article that exists only in Swedish is found too, and says so.
        const std::string title = hit.language != session_.settings.language ? hit.title + "  · " + std::string(hit.language == "sv" ? "SV" : "EN") : hit.title;
        if (list_row("hit", title, hit.summary)) open_article(hit.id, hit.title);
        // The snippet, with the words that matched in bold and the highlight colour.
        std::vector<app::TextRun> runs;
        for (const auto& part : hit.snippet) runs.push_back(app::TextRun{part.text, part.highlighted, part.highlighted, false, false});
        ImGui::Indent(12 * current_scale());
        draw_rich_text(runs);
        ImGui::Unindent(12 * current_scale());
        ImGui::Separator();
        ImGui::PopID();
    }
}

void KioskUi::draw_line_card(const content::SupportLine& line) { draw_line_card(line, app::open_text(line.hours, now_)); }

void KioskUi::draw_line_card(const content::SupportLine& line, const app::OpenText& state) {
    ImGui::PushID(line.id.c_str());
    ImGui::PushFont(fonts().bold);
    text(line.name);
    ImGui::PopFont();
    draw_phone(line.id, line.name, line.number, state.text, state.open, state.known);
    text_muted(line.who.in(session_.settings.language));
    ImGui::Separator();
    ImGui::PopID();
}

void KioskUi::draw_call_now() {
    // Above everything else on Home, so that it is in view the moment Home opens, at any size.
    for (const auto& row : session_.call_now_rows(now_)) {
        ImGui::PushID(row.id.empty() ? row.name.c_str() : row.id.c_str());
        if (row.kind == app::CallNowRow::Kind::Emergency) {
            ImGui::PushFont(fonts().heading);
            text_colored(palette().warning, std::string(tr("Akut fara: ring 112")));
            ImGui::PopFont();
        } else {
            ImGui::PushFont(fonts().bold);
            text(row.name);
            ImGui::PopFont();
            draw_phone(row.id, row.name, row.number, row.state.text, row.state.open, row.state.known);
        }
        ImGui::PopID();
    }
    if (!session_.home_county()) text_muted(tr("Välj ditt län under Inställningar, så visas länets resurscentrum och socialjour här."));
    ImGui::Separator();
}

void KioskUi::draw_home() {
    draw_call_now();
    draw_pin_offer();
    const bool focus = std::exchange(person_.focus_search, false);
    // The field and, once something is typed, a ✕ that empties it.
    const bool typed = !person_.search_text.empty();
    const float clear_width = touch_height() + ImGui::GetStyle().FramePadding.x;
    search_field("##home-search", tr("Sök bland stödlinjer, kontakter, checklistor och vägledning (Ctrl+F)"), person_.search_text, focus,
                 typed ? ImGui::GetContentRegionAvail().x - clear_width - ImGui::GetStyle().ItemSpacing.x : -1);
    if (typed) {
        ImGui::SameLine();
        if (button(tr("✕##clear-search"), ImVec2(clear_width, 0))) person_.search_text.clear();
    }
    if (!person_.search_text.empty()) {
        draw_search_results();
        return;
    }

    if (!person_.recent.empty()) {
        heading(tr("Senast lästa"), 2);
        for (const auto& [id, title] : std::deque(person_.recent))
            if (list_row(id.c_str(), title)) open_article(id, title);
    }

    heading(tr("Stödlinjer just nu"), 1);
    // Open lines first, each group in the editors' order; closed ones say when they open.
    const auto& states = session_.line_states(now_);
    if (states.open.empty()) text_colored(palette().warning, tr("Inga stödlinjer är öppna just nu. Vid akut fara: ring 112."));
    for (const auto& [line, state] : states.open) draw_line_card_in_view(*line, state);
    if (!states.unknown.empty()) {
        heading(tr("Öppettider okända"), 2);
        for (const auto& [line, state] : states.unknown) draw_line_card_in_view(*line, state);
    }
    if (!states.closed.empty()) {
        heading(tr("Stängda nu"), 2);
        for (const auto& [line, state] : states.closed) draw_line_card_in_view(*line, state);
    }
}

void KioskUi::draw_line_card_in_view(const content::SupportLine& line, const app::OpenText& state) {
    const ImVec2 top = ImGui::GetCursorScreenPos();
    const auto known = line_card_heights_.find(line.id);
    const float height = known != line_card_heights_.end() ? known->second : line_card_height_guess_;
    if (height > 0 && !ImGui::IsRectVisible(top, ImVec2(top.x + ImGui::GetContentRegionAvail().x, top.y + height))) {
        // Out of view: only its space, so the scroll bar and the cards below stay where they are.
        ImGui::Dummy(ImVec2(0, std::max(0.0f, height - ImGui::GetStyle().ItemSpacing.y)));
        return;
    }
    draw_line_card(line, state);
    const float drawn = ImGui::GetCursorScreenPos().y - top.y;
    line_card_heights_[line.id] = drawn;
    line_card_height_guess_ = drawn;
}

}  // namespace faltstod::ui
