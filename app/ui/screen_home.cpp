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

void KioskUi::draw_search_results() {
    if (person_.searched_for != person_.search_text) {
        // Per keystroke, straight from the replica's full-text index (docs/performance.md, 4).
        person_.hits = replica::search_guidance(*env_.db, person_.search_text, settings_.language);
        person_.searched_for = person_.search_text;
    }
    if (person_.hits.empty()) {
        // One or two letters find only words that short (replica_queries.hpp): say so, rather
        // than "nothing found" while the person is still typing.
        if (replica::only_short_words(person_.search_text)) text_muted(tr("Skriv vidare – sökningen börjar vid tre bokstäver."));
        else text_muted(tr("Ingen vägledning hittades. Prova ett kortare ord, till exempel \"resa\" eller \"anmälan\"."));
        return;
    }
    for (const auto& hit : person_.hits) {
        ImGui::PushID(hit.id.c_str());
        if (list_row("hit", hit.title, hit.summary)) open_article(hit.id, hit.title);
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
    text_muted(line.who.in(settings_.language));
    ImGui::Separator();
    ImGui::PopID();
}

const std::vector<app::CallNowRow>& KioskUi::call_now_rows() {
    const auto minute = std::chrono::floor<std::chrono::minutes>(now_);
    if (!call_now_ || call_now_->minute != minute || call_now_->language != settings_.language) {
        std::vector<content::Contact> county;
        if (device_county_) {
            replica::ContactFilter in_county;
            in_county.county_code = *device_county_;
            county = replica::find_contacts(*env_.db, in_county);
        }
        call_now_ = CallNowRows{minute, settings_.language, app::call_now(lines(), county, now_)};
    }
    return call_now_->rows;
}

void KioskUi::draw_call_now() {
    // Above everything else on Home, so that it is in view the moment Home opens, at any size.
    for (const auto& row : call_now_rows()) {
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
    if (!device_county_) text_muted(tr("När datorn är registrerad för ett län visas länets resurscentrum och socialjour här."));
    ImGui::Separator();
}

void KioskUi::draw_home() {
    draw_call_now();
    const bool focus = std::exchange(person_.focus_search, false);
    search_field("##home-search", tr("Sök i vägledningen – t.ex. resa, barnäktenskap, anmälan (Ctrl+F)"), person_.search_text, focus);
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
    const auto& states = line_states();
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

const KioskUi::LineStates& KioskUi::line_states() {
    const auto minute = std::chrono::floor<std::chrono::minutes>(now_);
    if (!line_states_ || line_states_->minute != minute || line_states_->language != settings_.language) {
        LineStates states{minute, settings_.language, {}, {}, {}};
        // The rest of the lines: those in the strip above are not shown twice.
        std::set<std::string> in_strip;
        for (const auto& row : call_now_rows()) in_strip.insert(row.id);
        for (const auto& line : lines()) {
            if (in_strip.count(line.id)) continue;
            auto state = app::open_text(line.hours, now_);
            (state.open ? states.open : !state.known ? states.unknown : states.closed).emplace_back(&line, std::move(state));
        }
        line_states_ = std::move(states);
    }
    return *line_states_;
}

}  // namespace faltstod::ui
