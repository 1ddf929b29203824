// Consultation log: a form quick enough to fill in during a call, guarded against personal data
// as it is typed, and what waits in the outbox or was rejected by the server, with why.
#include "i18n.hpp"
#include "kiosk_ui.hpp"
#include "note_wrap.hpp"
#include "personal_data_guard.hpp"
#include "open_now.hpp"
#include "ui_kit.hpp"
#include "ui_theme.hpp"

#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>

namespace faltstod::ui {

using app::tr;

namespace {

// One row of single-choice chips; a second press on the chosen one clears it.
void single_choice(const char* group, const std::vector<app::FormChoice>& choices, std::string& value) {
    float row = 0;
    for (const auto& choice : choices) {
        const std::string label = std::string(tr(choice.label)) + "##" + group + "-" + choice.value;
        if (chip(label.c_str(), value == choice.value, row)) value = value == choice.value ? "" : choice.value;
    }
}

}  // namespace

void KioskUi::draw_log() {
    heading(tr(app::screen_title(app::Screen::Log)), 1);  // the tab's own name: one name for one place
    text_muted(tr("Loggen är anonym: bara val ur listorna och en kort anteckning utan personuppgifter. Den skickas till resurscentrumet vid nästa synk och tas sedan bort från datorn."));
    draw_log_form();
    draw_outbox();
}

namespace {

// The note's edit field keeps itself wrapped as the person types (note_wrap.hpp): only spaces
// and line breaks swap, so the text's length and the cursor stay as they were.
int rewrap_note(ImGuiInputTextCallbackData* data) {
    const float width = *static_cast<const float*>(data->UserData);
    const auto wrapped = app::soft_wrap(std::string_view(data->Buf, static_cast<std::size_t>(data->BufTextLen)), width,
                                        [](std::string_view s) { return ImGui::CalcTextSize(s.data(), s.data() + s.size()).x; });
    if (wrapped.compare(0, wrapped.size(), data->Buf, static_cast<std::size_t>(data->BufTextLen)) != 0) {
        std::copy(wrapped.begin(), wrapped.end(), data->Buf);
        data->BufDirty = true;
    }
    return 0;
}

// Marks `[offset, offset + length)` of `shown` (the field's wrapped text, drawn from `origin`)
// in place: a warning-coloured band behind each line's part and a line under it.
void mark_span(const std::string& shown, std::size_t offset, std::size_t length, ImVec2 origin) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float line_height = ImGui::GetTextLineHeight();
    const ImU32 band = ImGui::ColorConvertFloat4ToU32(ImVec4(palette().warning.x, palette().warning.y, palette().warning.z, 0.30f));
    const ImU32 under = ImGui::ColorConvertFloat4ToU32(palette().warning);
    std::size_t line_start = 0;
    float y = origin.y;
    const std::size_t span_end = std::min(offset + length, shown.size());
    while (line_start <= shown.size()) {
        const std::size_t line_end = std::min(shown.find('\n', line_start), shown.size());
        const std::size_t from = std::max(offset, line_start), to = std::min(span_end, line_end);
        if (from < to) {
            const char* base = shown.data();
            const float x0 = origin.x + ImGui::CalcTextSize(base + line_start, base + from).x;
            const float x1 = origin.x + ImGui::CalcTextSize(base + line_start, base + to).x;
            draw->AddRectFilled(ImVec2(x0, y), ImVec2(x1, y + line_height), band);
            draw->AddLine(ImVec2(x0, y + line_height), ImVec2(x1, y + line_height), under, 2 * current_scale());
            if (ShownLog::recording())
                ShownLog::record("marked: " + shown.substr(from, to - from), ImVec2(x0, y), ImVec2(x1, y + line_height), false);
        }
        if (line_end >= shown.size()) break;
        line_start = line_end + 1;
        y += line_height;
    }
}

}  // namespace

void KioskUi::draw_log_form() {
    const auto today = app::stockholm_today(now_);
    if (person_.form_fresh || !person_.log_rules) {
        // A device enrolled for one county logs for that county, with the rules the log is
        // checked with (the server checks the same).
        if (person_.form_fresh) person_.form = app::new_form(today, session_.device().county);
        person_.form_fresh = false;
        person_.log_rules = app::kiosk_log_rules(*env_.db, session_.device().county, session_.settings.log_window_months, now_);
        person_.checked_note = "\x01";  // check the note again with these rules
    }
    if (person_.form.note != person_.checked_note) {
        // The guard runs as the person types, so the warning comes before the save button.
        person_.checked_note = person_.form.note;
        person_.note_problem = protocol::note_problem(person_.form.note, session_.settings.language, person_.log_rules->published.get());
    }

    // The GOV.UK error pattern: after a save attempt, a summary at the top whose lines take
    // the person to the field, and each error again right above its field.
    std::vector<app::FormProblem> problems;
    if (person_.show_missing) problems = app::missing_fields(person_.form, today);
    const auto field_top = [&](app::FormField field, const char* title) {
        heading(title, 2);
        if (person_.jump_to == field) {
            ImGui::SetScrollHereY(0.1f);
            person_.jump_to.reset();
        }
        for (const auto& problem : problems)
            if (problem.field == field) field_error(tr(problem.message));
    };
    const bool note_refused = !person_.note_problem.empty();
    if (!problems.empty() || (person_.show_missing && note_refused)) {
        ImGui::Spacing();
        const ImVec2 start = ImGui::GetCursorScreenPos();
        ImGui::Indent(12 * current_scale());
        heading(tr("Rätta det här innan du sparar"), 2);
        auto link_to = [&](app::FormField field, const std::string& message, int index) {
            if (link(("##problem-" + std::to_string(index)).c_str(), message, palette().warning)) person_.jump_to = field;
        };
        int index = 0;
        ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 0));  // each is 44 px already
        for (const auto& problem : problems) link_to(problem.field, tr(problem.message), index++);
        if (note_refused) link_to(app::FormField::Note, person_.note_problem, index++);
        ImGui::PopStyleVar();
        ImGui::Unindent(12 * current_scale());
        const ImVec2 end(start.x + ImGui::GetContentRegionAvail().x, ImGui::GetItemRectMax().y + 4 * current_scale());
        ImGui::GetWindowDrawList()->AddRect(start, end, ImGui::ColorConvertFloat4ToU32(palette().warning), 0, 0, 3 * current_scale());
        ImGui::Dummy(ImVec2(0, 4 * current_scale()));
    }

    field_top(app::FormField::Date, tr("Datum"));
    text_field("##log-date", tr("ÅÅÅÅ-MM-DD"), person_.form.date, false, ImGui::CalcTextSize("0000-00-00").x + 40 * current_scale());
    ImGui::SameLine();
    if (button(tr("Idag##log-today"))) person_.form.date = app::format_day(today);
    ImGui::SameLine();
    if (button(tr("Igår##log-yesterday"))) person_.form.date = app::format_day(today - std::chrono::days(1));

    field_top(app::FormField::County, tr("Län"));
    std::vector<std::string> names;
    int county_index = -1;
    for (std::size_t i = 0; i < session_.counties().size(); ++i) {
        names.push_back(session_.counties()[i].name);
        if (session_.counties()[i].code == person_.form.county) county_index = static_cast<int>(i);
    }
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, 420 * current_scale()));
    if (combo("##log-county", names, county_index, tr("Välj län")))
        person_.form.county = county_index >= 0 ? session_.counties()[static_cast<std::size_t>(county_index)].code : "";

    field_top(app::FormField::Profession, tr("Vem frågade?"));
    single_choice("profession", app::profession_choices(), person_.form.profession);

    field_top(app::FormField::Topics, tr("Vad gällde det?"));
    text_muted(tr("Välj ett eller flera ämnen."));
    float row = 0;
    for (const auto& choice : app::topic_choices()) {
        const bool chosen = person_.form.topics.contains(choice.value);
        const std::string label = std::string(tr(choice.label)) + "##topic-" + choice.value;
        if (chip(label.c_str(), chosen, row)) {
            if (chosen) person_.form.topics.erase(choice.value);
            else person_.form.topics.insert(choice.value);
        }
    }

    field_top(app::FormField::AgeBand, tr("Ålder på den det gäller"));
    single_choice("age", app::age_band_choices(), person_.form.age_band);
    field_top(app::FormField::Channel, tr("Kanal"));
    single_choice("channel", app::channel_choices(), person_.form.channel);
    field_top(app::FormField::Outcome, tr("Utfall"));
    single_choice("outcome", app::outcome_choices(), person_.form.outcome);

    field_top(app::FormField::Note, tr("Anteckning (frivillig)"));
    text_muted(tr("Högst 200 tecken. Skriv aldrig namn, personnummer, adresser, telefonnummer eller e-postadresser."));
    if (note_refused) field_error(person_.note_problem);
    draw_log_note();
    // One clear main action. The Log screen's footer repeats it, always in view (draw_log_footer).
    ImGui::Spacing();
}

void KioskUi::draw_log_note() {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float width = std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 36);
    float wrap_width = width - style.FramePadding.x * 2 - style.ScrollbarSize;
    const std::string typed = person_.form.note;
    std::string shown = app::soft_wrap(person_.form.note, wrap_width, [](std::string_view s) {
        return ImGui::CalcTextSize(s.data(), s.data() + s.size()).x;
    });
    // Tall enough for every line, so nothing scrolls out of view and a marked span is where it is drawn.
    const auto lines = static_cast<float>(std::count(shown.begin(), shown.end(), '\n') + 1);
    const float height = ImGui::GetTextLineHeight() * std::max(3.5f, lines + 1.0f) + style.FramePadding.y * 2;
    ImGui::InputTextMultiline("##log-note", &shown, ImVec2(width, height), ImGuiInputTextFlags_CallbackEdit, rewrap_note, &wrap_width);
    const ImVec2 field_min = ImGui::GetItemRectMin();
    const ImVec2 field_max = ImGui::GetItemRectMax();
    person_.form.note = app::unwrap(shown);
    keep_typed_on_escape(person_.form.note, typed);
    ShownLog::record(person_.form.note.empty() ? std::string(tr("Anteckning")) : person_.form.note, field_min, field_max, true);
    if (!person_.note_problem.empty()) {
        // The refused parts marked in the field itself (offsets are the same in the wrapped text).
        const auto findings = protocol::find_personal_data(person_.form.note, person_.log_rules->published.get());
        const ImVec2 origin(field_min.x + style.FramePadding.x, field_min.y + style.FramePadding.y);
        for (const auto& finding : findings) mark_span(shown, finding.offset, finding.length, origin);
    }
    // "37 / 200", right under the field's right edge, in the warning colour past the limit.
    const auto used = app::note_characters(person_.form.note);
    char counter[32];
    std::snprintf(counter, sizeof counter, "%zu / %zu", used, protocol::kMaxNoteCharacters);
    ImGui::SetCursorScreenPos(ImVec2(field_max.x - ImGui::CalcTextSize(counter).x, field_max.y + style.ItemSpacing.y));
    text_colored(used > protocol::kMaxNoteCharacters ? palette().warning : palette().muted, counter, false);
}

namespace {

struct FooterMessage {
    std::string text;
    bool warning = false;
};

// The answer to the last save, shown under Spara: saved, refused by the rules, or what to fix.
FooterMessage footer_message(const PersonState& person, bool form_has_problems) {
    if (!person.log_message.empty()) return {person.log_message, person.log_failed};
    if (person.show_missing && form_has_problems) return {tr("Inte sparad: rätta det som står överst."), true};
    return {};
}

}  // namespace

void KioskUi::draw_log_footer() {
    // Spara is always in view at the bottom of the Log screen (the form is longer than a
    // 768 px screen), with the answer to the last save under it.
    const bool saving = working_.log_saving;
    if (saving) ImGui::BeginDisabled();
    if (primary_button(tr("Spara loggen##save-log"), ImVec2(ImGui::CalcTextSize(tr("Spara loggen")).x + 80 * current_scale(), 0))) ask(intent::SaveLog{});
    if (saving) ImGui::EndDisabled();
    const auto message = footer_message(person_, log_form_has_problems());
    if (!message.text.empty()) text_colored(message.warning ? palette().warning : palette().open, message.text);
}

bool KioskUi::log_form_has_problems() const {
    return !app::missing_fields(person_.form, app::stockholm_today(now_)).empty() || !person_.note_problem.empty();
}

float KioskUi::log_footer_height() const {
    const ImGuiStyle& style = ImGui::GetStyle();
    float height = touch_height() + style.ItemSpacing.y * 2 + style.WindowPadding.y;
    const auto message = footer_message(person_, log_form_has_problems());
    if (!message.text.empty()) {
        const float wrap = ImGui::GetContentRegionAvail().x;
        height += ImGui::GetFont()->CalcTextSizeA(ImGui::GetFontSize(), FLT_MAX, wrap, message.text.data(), message.text.data() + message.text.size()).y +
                  style.ItemSpacing.y;
    }
    return height;
}

void KioskUi::show_log_problems(const std::string& note) {
    session_.nav.switch_tab(app::Screen::Log);
    person_.form = app::new_form(app::stockholm_today(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())), session_.device().county);
    person_.form.note = note;
    person_.form_fresh = false;
    person_.show_missing = true;
}

void KioskUi::save_log() {
    person_.show_missing = true;
    person_.log_message.clear();
    if (!app::missing_fields(person_.form, app::stockholm_today(now_)).empty() || !person_.note_problem.empty() || !person_.log_rules) return;
    // The date window and the county, as the server will check them, in the kiosk's language.
    if (auto problem = protocol::consultation_problem(app::to_record(person_.form), *person_.log_rules, session_.settings.language); !problem.empty()) {
        person_.log_failed = true;
        person_.log_message = std::move(problem);
        return;
    }
    // The write runs on the writer's thread and replies through the inbox when it is committed,
    // so "saved" is only said of a log that is really in the outbox.
    working_.log_saving = true;
    env_.writer->post([record = app::to_record(person_.form), rules = *person_.log_rules, reply = inbox_.expect_reply(), this,
                       started = fresh_starts_](sqlite::Database& db) mutable {
        std::string error;
        try {
            sync::enqueue_consultation(db, record, rules);
        } catch (const std::exception& e) {
            error = e.what();
        }
        // Only the message touches the screen's state, on the UI thread at the next frame.
        reply([this, error, started] { log_saved(error, started == fresh_starts_); });
    });
}

void KioskUi::log_saved(const std::string& error, bool for_this_person) {
    working_.log_saving = false;
    if (!for_this_person) {  // saved for someone before a fresh start: say nothing
        if (error.empty() && env_.engine) env_.engine->sync_now();
        return;
    }
    person_.log_failed = !error.empty();
    if (person_.log_failed) {
        person_.log_message = std::string(tr("Loggen kunde inte sparas:")) + " " + error;
        return;
    }
    // The next log of a busy day is often the same day and county: keep those two.
    const auto date = person_.form.date;
    const auto county = person_.form.county;
    person_.form = {};
    person_.form.date = date;
    person_.form.county = county;
    person_.log_rules.reset();  // made again for the next log: another day, perhaps newer content
    person_.show_missing = false;
    person_.log_message = tr("Sparad. Loggen skickas till resurscentrumet vid nästa synk.");
    rejected_.reset();
    if (env_.engine) env_.engine->sync_now();
}

void KioskUi::draw_outbox() {
    heading(tr("Att skicka"), 2);
    // Read when the screen needs it: after a save, and when the engine's counts move.
    // Any finished sync or phase change may have moved records, also when the counts the engine
    // reports end where they started (a log saved and delivered between two frames).
    // The language too: a refused log's reason is worked out in it.
    std::string engine_stamp = session_.settings.language;
    if (session_.status()) {
        engine_stamp += "/" + std::to_string(session_.status()->outbox_size) + "/" + std::to_string(session_.status()->quarantined) + "/" +
                       sync::phase_name(session_.status()->phase) + "/" +
                       std::to_string(session_.status()->last_success ? session_.status()->last_success->time_since_epoch().count() : 0);
    }
    if (!rejected_ || engine_stamp != engine_outbox_seen_) {
        // Why each was refused, in the kiosk's words and language, whatever the server said
        // (app/log_rules.hpp): worked out here, once, not in every frame.
        if (!person_.log_rules)
            person_.log_rules = app::kiosk_log_rules(*env_.db, session_.device().county, session_.settings.log_window_months, now_);
        rejected_.emplace();
        for (const auto& log : sync::rejected_logs(*env_.db))
            rejected_->push_back({log.id, app::rejected_log_reason(log.data, *person_.log_rules, session_.settings.language)});
        outbox_waiting_ = sync::outbox_size(*env_.db);
        engine_outbox_seen_ = engine_stamp;
    }
    if (outbox_waiting_ == 0) {
        text_muted(tr("Inga loggar väntar på att skickas."));
    } else {
        text(app::trn("%d logg väntar på att skickas. Den går i väg av sig själv när datorn har nät.",
                      "%d loggar väntar på att skickas. De går i väg av sig själva när datorn har nät.", outbox_waiting_));
    }
    if (rejected_->empty()) return;
    text_colored(palette().warning, app::trn("%d logg avvisades av servern och skickas inte:", "%d loggar avvisades av servern och skickas inte:",
                                             static_cast<long long>(rejected_->size())));
    for (std::size_t i = 0; i < rejected_->size(); ++i) {
        const auto& record = (*rejected_)[i];
        ImGui::PushID(record.id.c_str());
        text(std::string(tr("Logg")) + " " + record.id.substr(0, 8) + ": " + record.reason);
        if (button(tr("Ta bort loggen##discard"))) {
            ask(intent::DiscardRejected{record.id});
            rejected_->erase(rejected_->begin() + static_cast<std::ptrdiff_t>(i));
            ImGui::PopID();
            break;
        }
        ImGui::PopID();
    }
}

}  // namespace faltstod::ui
