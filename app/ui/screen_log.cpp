// Consultation log: a form quick enough to fill in during a call, guarded against personal data
// as it is typed, and what waits in the outbox or was rejected by the server, with why.
#include "device_credentials.hpp"
#include "i18n.hpp"
#include "kiosk_ui.hpp"
#include "open_now.hpp"
#include "ui_kit.hpp"
#include "ui_theme.hpp"

#include <imgui_stdlib.h>

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

void KioskUi::draw_log_form() {
    const auto today = app::stockholm_today(now_);
    if (person_.form_fresh || !person_.log_rules) {
        // A device enrolled for one county logs for that county; read once per new form, with
        // the rules the log is checked with (the server checks the same).
        std::optional<std::string> county;
        try {
            if (const auto credentials = sync::load_credentials(env_.engine_settings.credentials_path)) county = credentials->county;
        } catch (const std::exception&) {
        }
        if (person_.form_fresh) person_.form = app::new_form(today, county);
        person_.form_fresh = false;
        person_.log_rules = app::kiosk_log_rules(*env_.db, county, settings_.log_window_months, now_);
        person_.checked_note = "\x01";  // check the note again with these rules
    }

    heading(tr("Datum"), 2);
    text_field("##log-date", tr("ÅÅÅÅ-MM-DD"), person_.form.date, false, ImGui::CalcTextSize("0000-00-00").x + 40 * current_scale());
    ImGui::SameLine();
    if (button(tr("Idag##log-today"))) person_.form.date = app::format_day(today);
    ImGui::SameLine();
    if (button(tr("Igår##log-yesterday"))) person_.form.date = app::format_day(today - std::chrono::days(1));

    heading(tr("Län"), 2);
    std::vector<std::string> names;
    int county_index = -1;
    for (std::size_t i = 0; i < counties_.size(); ++i) {
        names.push_back(counties_[i].name);
        if (counties_[i].code == person_.form.county) county_index = static_cast<int>(i);
    }
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, 420 * current_scale()));
    if (combo("##log-county", names, county_index, tr("Välj län")))
        person_.form.county = county_index >= 0 ? counties_[static_cast<std::size_t>(county_index)].code : "";

    heading(tr("Vem frågade?"), 2);
    single_choice("profession", app::profession_choices(), person_.form.profession);

    heading(tr("Vad gällde det?"), 2);
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

    heading(tr("Ålder på den det gäller"), 2);
    single_choice("age", app::age_band_choices(), person_.form.age_band);
    heading(tr("Kanal"), 2);
    single_choice("channel", app::channel_choices(), person_.form.channel);
    heading(tr("Utfall"), 2);
    single_choice("outcome", app::outcome_choices(), person_.form.outcome);

    heading(tr("Anteckning (frivillig)"), 2);
    text_muted(tr("Högst 200 tecken. Skriv aldrig namn, personnummer, adresser, telefonnummer eller e-postadresser."));
    const std::string typed = person_.form.note;
    ImGui::InputTextMultiline("##log-note", &person_.form.note, ImVec2(-1, ImGui::GetTextLineHeight() * 3.5f + ImGui::GetStyle().FramePadding.y * 2));
    keep_typed_on_escape(person_.form.note, typed);
    ShownLog::record(person_.form.note.empty() ? std::string(tr("Anteckning")) : person_.form.note, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), true);
    if (person_.form.note != person_.checked_note) {
        // The guard runs as the person types, so the warning comes before the save button.
        person_.checked_note = person_.form.note;
        person_.note_problem = protocol::note_problem(person_.form.note, settings_.language, person_.log_rules->published.get());
    }
    if (!person_.note_problem.empty()) text_colored(palette().warning, person_.note_problem);

    if (person_.show_missing)
        for (const char* missing : app::missing_fields(person_.form, today)) text_colored(palette().warning, tr(missing));
    const bool saving = log_saving_.has_value();
    if (saving) ImGui::BeginDisabled();
    if (button(tr("Spara loggen##save-log"))) save_log();
    if (saving) ImGui::EndDisabled();
    if (!person_.log_message.empty()) text_colored(person_.log_failed ? palette().warning : palette().open, person_.log_message);
}

void KioskUi::save_log() {
    person_.show_missing = true;
    person_.log_message.clear();
    if (!app::missing_fields(person_.form, app::stockholm_today(now_)).empty() || !person_.note_problem.empty() || !person_.log_rules) return;
    // The date window and the county, as the server will check them, in the kiosk's language.
    if (auto problem = protocol::consultation_problem(app::to_record(person_.form), *person_.log_rules, settings_.language); !problem.empty()) {
        person_.log_failed = true;
        person_.log_message = std::move(problem);
        return;
    }
    // The write runs on the writer's thread; the promise tells this screen when it is committed,
    // so "saved" is only said of a log that is really in the outbox.
    auto done = std::make_shared<std::promise<std::string>>();
    log_saving_ = done->get_future();
    log_saving_started_ = fresh_starts_;
    env_.writer->post([record = app::to_record(person_.form), rules = *person_.log_rules, done](sqlite::Database& db) {
        try {
            sync::enqueue_consultation(db, record, rules);
            done->set_value("");
        } catch (const std::exception& e) {
            done->set_value(e.what());
        }
    });
}

void KioskUi::poll_log_saving() {
    if (!log_saving_ || log_saving_->wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
    const std::string error = log_saving_->get();
    log_saving_.reset();
    if (log_saving_started_ != fresh_starts_) {  // saved for someone before a fresh start: say nothing
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
    std::string engine_stamp;
    if (status_) {
        engine_stamp = std::to_string(status_->outbox_size) + "/" + std::to_string(status_->quarantined) + "/" +
                       sync::phase_name(status_->phase) + "/" +
                       std::to_string(status_->last_success ? status_->last_success->time_since_epoch().count() : 0);
    }
    if (!rejected_ || engine_stamp != engine_outbox_seen_) {
        rejected_ = sync::quarantined_records(*env_.db);
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
        const auto record = (*rejected_)[i];
        ImGui::PushID(record.id.c_str());
        text(std::string(tr("Logg")) + " " + record.id.substr(0, 8) + ": " + record.reason);
        if (button(tr("Ta bort loggen##discard"))) {
            env_.writer->post([id = record.id](sqlite::Database& db) { sync::discard_quarantined(db, id); });
            rejected_->erase(rejected_->begin() + static_cast<std::ptrdiff_t>(i));
            ImGui::PopID();
            break;
        }
        ImGui::PopID();
    }
}

}  // namespace faltstod::ui
