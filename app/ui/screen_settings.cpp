// Settings: language, text size, theme, sync interval, the server and enrollment, "sync now",
// and About (versions, counts, last sync, outbox, last error).
#include "content_store.hpp"
#include "faltstod_version.hpp"
#include "i18n.hpp"
#include "sync_messages.hpp"
#include "kiosk_ui.hpp"
#include "open_now.hpp"
#include "outbox.hpp"
#include "ui_kit.hpp"
#include "ui_theme.hpp"

#include <imgui_stdlib.h>

#include <array>

namespace faltstod::ui {

using app::tr;

namespace {

const char* phase_text(sync::SyncPhase phase) {
    switch (phase) {
        case sync::SyncPhase::Idle: return tr("Väntar till nästa synk");
        case sync::SyncPhase::Pushing: return tr("Skickar loggade samtal…");
        case sync::SyncPhase::DownloadingSnapshot: return tr("Hämtar allt innehåll…");
        case sync::SyncPhase::ApplyingSnapshot: return tr("Läser in innehållet…");
        case sync::SyncPhase::Pulling: return tr("Hämtar ändringar…");
        case sync::SyncPhase::WaitingToRetry: return tr("Ingen kontakt med servern – försöker igen snart");
        case sync::SyncPhase::NotEnrolled: return tr("Inte registrerad");
        case sync::SyncPhase::Revoked: return tr("Enheten är spärrad av administratören");
        case sync::SyncPhase::Wiped: return tr("Enheten har raderats på administratörens begäran");
    }
    return "";
}

}  // namespace

void KioskUi::draw_county_setting() {
    heading(tr("Ditt län"), 2);
    if (session_.device().county) {
        // Enrolled for a county: that is the laptop's county, for logs too.
        std::string name = *session_.device().county;
        for (const auto& county : session_.counties())
            if (county.code == *session_.device().county) name = county.name;
        text_muted(std::string(tr("Datorn är registrerad för")) + " " + name + ". " + tr("Hem, Kontakter och sökningen utgår från det."));
        return;
    }
    text_muted(tr("Hem visar länets resurscentrum och socialjour, och Kontakter och sökningen börjar i länet."));
    std::vector<std::string> names;
    int index = -1;
    for (std::size_t i = 0; i < session_.counties().size(); ++i) {
        names.push_back(session_.counties()[i].name);
        if (session_.counties()[i].code == session_.settings.county) index = static_cast<int>(i);
    }
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, 420 * current_scale()));
    if (combo("##home-county", names, index, tr("Inget län valt"))) {
        // Home's strip and search, and Contacts' first county, follow the new choice.
        session_.choose_county(index >= 0 ? session_.counties()[static_cast<std::size_t>(index)].code : "");
        ask(intent::SaveSettings{});
        person_.searched_for.reset();
        person_.contacts_county_chosen = false;
        person_.county_index = person_.municipality_index = -1;
        person_.municipalities.clear();
        person_.contacts.reset();
    }
}

void KioskUi::draw_settings() {
    heading(tr("Inställningar"), 1);

    // Each row of choices wraps onto the next line where the window is narrow (chip()): at 420 px
    // the text sizes ran off the right edge.
    heading(tr("Språk"), 2);
    float row = 0;
    if (chip("Svenska##sv", session_.settings.language == "sv", row) && session_.settings.language != "sv") {
        session_.settings.language = "sv";
        app::set_language("sv");
        ask(intent::SaveSettings{});
    }
    if (chip("English##en", session_.settings.language == "en", row) && session_.settings.language != "en") {
        session_.settings.language = "en";
        app::set_language("en");
        ask(intent::SaveSettings{});
    }

    draw_county_setting();

    heading(tr("Textstorlek"), 2);
    static constexpr std::array<int, 6> kSizes = {80, 100, 125, 150, 175, 200};
    row = 0;
    for (std::size_t i = 0; i < kSizes.size(); ++i) {
        const std::string label = std::to_string(kSizes[i]) + " %##size";
        if (chip(label.c_str(), session_.settings.text_size_percent == kSizes[i], row) && session_.settings.text_size_percent != kSizes[i]) {
            session_.settings.text_size_percent = kSizes[i];
            style_changed_ = true;
            ask(intent::SaveSettings{});
        }
    }

    heading(tr("Tema"), 2);
    const std::array<std::pair<app::Theme, const char*>, 3> themes = {
        {{app::Theme::Light, tr("Ljust##theme")}, {app::Theme::Dark, tr("Mörkt##theme")}, {app::Theme::HighContrast, tr("Hög kontrast##theme")}}};
    row = 0;
    for (std::size_t i = 0; i < themes.size(); ++i) {
        if (chip(themes[i].second, session_.settings.theme == themes[i].first, row) && session_.settings.theme != themes[i].first) {
            session_.settings.theme = themes[i].first;
            style_changed_ = true;
            ask(intent::SaveSettings{});
        }
    }

    heading(tr("Synk"), 2);
    static constexpr std::array<int, 5> kIntervals = {5, 15, 30, 60, 240};
    text_muted(tr("Hur ofta appen hämtar nytt innehåll när den har nät:"));
    row = 0;
    for (std::size_t i = 0; i < kIntervals.size(); ++i) {
        const std::string label = std::to_string(kIntervals[i]) + " min##interval";
        if (chip(label.c_str(), session_.settings.sync_interval_minutes == kIntervals[i], row) && session_.settings.sync_interval_minutes != kIntervals[i]) {
            session_.settings.sync_interval_minutes = kIntervals[i];
            ask(intent::SetSyncInterval{kIntervals[i]});
            ask(intent::SaveSettings{});
        }
    }
    if (env_.engine) {
        if (button(tr("Synka nu##sync-now"))) ask(intent::SyncNow{});
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        std::string phase = session_.status() ? phase_text(session_.status()->phase) : "";
        if (session_.status() && session_.status()->progress >= 0) phase += " " + std::to_string(static_cast<int>(session_.status()->progress * 100)) + " %";
        text_muted(phase, false);
    }

    draw_safety_settings();

    heading(tr("Server och registrering"), 2);
    // Read once per visit to the screen (and after enrolling), not every frame.
    if (!credentials_checked_) {
        credentials_checked_ = true;
        ask(intent::ReadDevice{});
    }
    if (session_.device().damaged) text_colored(palette().warning, tr("Registreringsfilen är skadad. Registrera enheten igen."));
    const auto& credentials = session_.device().credentials;
    if (credentials) {
        text(std::string(tr("Registrerad hos")) + " " + credentials->server_url);
        text_muted(std::string(tr("Enhetens id:")) + " " + credentials->device_id);
    } else {
        text_muted(tr("Be administratören om en engångskod. Koden och adressen räcker – inga personuppgifter behövs."));
        text_field("##server", tr("Serveradress, t.ex. https://stod.example.se"), person_.server_field);
        text_field("##code", tr("Engångskod (XXXX-XXXX-XXXX)"), person_.code_field);
        const bool busy = working_.enrolling;
        if (busy) ImGui::BeginDisabled();
        if (button(tr("Registrera##enroll")) && !person_.server_field.empty() && !person_.code_field.empty()) {
            // The network call runs on its own thread; its answer comes through the inbox.
            // No name is sent: the server names the laptop (docs/safety.md, "Every field").
            ask(intent::Enroll{person_.server_field, person_.code_field});
            person_.enroll_message = tr("Registrerar…");
            person_.enroll_failed = false;
        }
        if (busy) ImGui::EndDisabled();
    }
    if (!person_.enroll_message.empty()) text_colored(person_.enroll_failed ? palette().warning : palette().open, person_.enroll_message);

    draw_about();
}

void KioskUi::enroll(std::string server, std::string code) {
    if (working_.enrolling) return;
    working_.enrolling = true;
    inbox_.run([settings = env_.engine_settings, server = std::move(server), code = std::move(code)] { return sync::enroll_device(settings, server, code, ""); },
               [this, started = fresh_starts_](sync::SyncError error) { enrollment_done(error, started == fresh_starts_); });
}

void KioskUi::enrollment_done(const sync::SyncError& error, bool for_this_person) {
    working_.enrolling = false;
    if (!error) {
        person_.code_field.clear();
        enrolled_ = true;
        read_device();
    }
    if (!for_this_person) return;  // asked for before a fresh start: done, but unsaid
    person_.enroll_failed = static_cast<bool>(error);
    person_.enroll_message = error ? std::string(tr("Registreringen misslyckades:")) + " " + app::sync_problem_text(error) : tr("Registrerad. Första synken startar nu.");
}

void KioskUi::draw_about() {
    heading(tr("Om Fältstöd"), 2);
    text(std::string("Fältstöd ") + kVersion);
    if (!about_outbox_) about_outbox_ = std::pair(sync::outbox_size(*env_.db), sync::quarantined_count(*env_.db));
    const auto& counts = session_.counts();
    const int waiting = session_.status() ? session_.status()->outbox_size : about_outbox_->first;
    const int rejected = session_.status() ? session_.status()->quarantined : about_outbox_->second;
    text(session_.content_date() ? app::content_date_text(*session_.content_date()) : std::string(tr("Inget innehåll")));
    text(app::trn("%d artikel", "%d artiklar", counts.guidance) + ", " + app::trn("%d kontakt", "%d kontakter", counts.contacts) + ", " +
         app::trn("%d stödlinje", "%d stödlinjer", counts.support_lines) + ", " + app::trn("%d checklista", "%d checklistor", counts.checklists) +
         ", " + app::trn("%d evenemang", "%d evenemang", counts.events));
    const auto last_success = session_.last_success();
    std::string last_sync = tr("aldrig");
    if (last_success) {
        const auto local = hours::to_stockholm(std::chrono::floor<std::chrono::seconds>(*last_success));
        last_sync = date::format("%Y-%m-%d %H:%M", local);
    }
    text(std::string(tr("Senaste lyckade synk:")) + " " + last_sync);
    text(std::string(tr("Väntar på att skickas:")) + " " + std::to_string(waiting) + ", " + tr("avvisade av servern:") + " " +
         std::to_string(rejected));
    if (session_.insecure_connection()) text_colored(palette().warning, app::insecure_connection_warning());
    if (session_.status() && session_.status()->last_error) text_colored(palette().warning, std::string(tr("Senaste fel:")) + " " + app::sync_problem_text(session_.status()->last_error));
    if (fonts().file.empty()) text_colored(palette().warning, tr("Ingen systemfont hittades – å, ä och ö kan saknas. Installera fonts-dejavu-core."));
    if (const auto error = env_.writer->last_error(); !error.empty())
        text_colored(palette().warning, std::string(tr("Kunde inte spara lokalt:")) + " " + error);
}

}  // namespace faltstod::ui
