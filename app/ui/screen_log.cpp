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
    heading(tr("Logga konsultation"), 1);
    text_muted(tr("Loggen är anonym: bara val ur listorna och en kort anteckning utan personuppgifter. Den skickas till resurscentrumet vid nästa synk och tas sedan bort från datorn."));
    draw_log_form();
    draw_outbox();
}

void KioskUi::draw_log_form() {
    const auto today = app::stockholm_today(now_);
    if (form_fresh_ || !log_rules_) {
        // A device enrolled for one county logs for that county; read once per new form, with
        // the rules the log is checked with (the server checks the same).
        std::optional<std::string> county;
        try {
            if (const auto credentials = sync::load_credentials(env_.engine_settings.credentials_path)) county = credentials->county;
        } catch (const std::exception&) {
        }
        if (form_fresh_) form_ = app::new_form(today, county);
        form_fresh_ = false;
        log_rules_ = app::kiosk_log_rules(*env_.db, county, settings_.log_window_months, now_);
        checked_note_ = "\x01";  // check the note again with these rules
    }

    heading(tr("Datum"), 2);
    text_field("##log-date", tr("ÅÅÅÅ-MM-DD"), form_.date, false, ImGui::CalcTextSize("0000-00-00").x + 40 * current_scale());
    ImGui::SameLine();
    if (button(tr("Idag##log-today"))) form_.date = app::format_day(today);
    ImGui::SameLine();
    if (button(tr("Igår##log-yesterday"))) form_.date = app::format_day(today - std::chrono::days(1));

    heading(tr("Län"), 2);
    std::vector<std::string> names;
    int county_index = -1;
    for (std::size_t i = 0; i < counties_.size(); ++i) {
        names.push_back(counties_[i].name);
        if (counties_[i].code == form_.county) county_index = static_cast<int>(i);
    }
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, 420 * current_scale()));
    if (combo("##log-county", names, county_index, tr("Välj län")))
        form_.county = county_index >= 0 ? counties_[static_cast<std::size_t>(county_index)].code : "";

    heading(tr("Vem frågade?"), 2);
    single_choice("profession", app::profession_choices(), form_.profession);

    heading(tr("Vad gällde det?"), 2);
    text_muted(tr("Välj ett eller flera ämnen."));
    float row = 0;
    for (const auto& choice : app::topic_choices()) {
        const bool chosen = form_.topics.contains(choice.value);
        const std::string label = std::string(tr(choice.label)) + "##topic-" + choice.value;
        if (chip(label.c_str(), chosen, row)) {
            if (chosen) form_.topics.erase(choice.value);
            else form_.topics.insert(choice.value);
        }
    }

    heading(tr("Ålder på den det gäller"), 2);
    single_choice("age", app::age_band_choices(), form_.age_band);
    heading(tr("Kanal"), 2);
    single_choice("channel", app::channel_choices(), form_.channel);
    heading(tr("Utfall"), 2);
    single_choice("outcome", app::outcome_choices(), form_.outcome);

    heading(tr("Anteckning (frivillig)"), 2);
    text_muted(tr("Högst 200 tecken. Skriv aldrig namn, personnummer, adresser, telefonnummer eller e-postadresser."));
    ImGui::InputTextMultiline("##log-note", &form_.note, ImVec2(-1, ImGui::GetTextLineHeight() * 3.5f + ImGui::GetStyle().FramePadding.y * 2));
    ShownLog::record(form_.note.empty() ? std::string(tr("Anteckning")) : form_.note, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), true);
    if (form_.note != checked_note_) {
        // The guard runs as the person types, so the warning comes before the save button.
        checked_note_ = form_.note;
        note_problem_ = protocol::note_problem(form_.note, settings_.language, log_rules_->published.get());
    }
    if (!note_problem_.empty()) text_colored(palette().warning, note_problem_);

    if (show_missing_)
        for (const char* missing : app::missing_fields(form_, today)) text_colored(palette().warning, tr(missing));
    const bool saving = log_saving_.has_value();
    if (saving) ImGui::BeginDisabled();
    if (button(tr("Spara loggen##save-log"))) save_log();
    if (saving) ImGui::EndDisabled();
    if (!log_message_.empty()) text_colored(log_failed_ ? palette().warning : palette().open, log_message_);
}

void KioskUi::save_log() {
    show_missing_ = true;
    log_message_.clear();
    if (!app::missing_fields(form_, app::stockholm_today(now_)).empty() || !note_problem_.empty() || !log_rules_) return;
    // The date window and the county, as the server will check them, in the kiosk's language.
    if (auto problem = protocol::consultation_problem(app::to_record(form_), *log_rules_, settings_.language); !problem.empty()) {
        log_failed_ = true;
        log_message_ = std::move(problem);
        return;
    }
    // The write runs on the writer's thread; the promise tells this screen when it is committed,
    // so "saved" is only said of a log that is really in the outbox.
    auto done = std::make_shared<std::promise<std::string>>();
    log_saving_ = done->get_future();
    env_.writer->post([record = app::to_record(form_), rules = *log_rules_, done](sqlite::Database& db) {
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
    log_failed_ = !error.empty();
    if (log_failed_) {
        log_message_ = std::string(tr("Loggen kunde inte sparas:")) + " " + error;
        return;
    }
    // The next log of a busy day is often the same day and county: keep those two.
    const auto date = form_.date;
    const auto county = form_.county;
    form_ = {};
    form_.date = date;
    form_.county = county;
    log_rules_.reset();  // made again for the next log: another day, perhaps newer content
    show_missing_ = false;
    log_message_ = tr("Sparad. Loggen skickas till resurscentrumet vid nästa synk.");
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
        text(std::to_string(outbox_waiting_) + " " + tr("loggar väntar på att skickas. De går i väg av sig själva när datorn har nät."));
    }
    if (rejected_->empty()) return;
    text_colored(palette().warning, std::to_string(rejected_->size()) + " " + tr("loggar avvisades av servern och skickas inte:"));
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
