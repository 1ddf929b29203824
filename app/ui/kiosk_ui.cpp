// The frame: header, navigation, the current screen, shortcuts; see kiosk_ui.hpp.
#include "kiosk_ui.hpp"

#include "favourites.hpp"
#include "i18n.hpp"
#include "sync_messages.hpp"
#include "open_text.hpp"
#include "ui_kit.hpp"
#include "ui_theme.hpp"

#include <GLFW/glfw3.h>
#include <imgui_internal.h>  // SetNextWindowScroll

namespace faltstod::ui {

using app::tr;

namespace {
constexpr float kWideFrom = 900.0f;     // pixels at scale 1: list + detail side by side from here
constexpr int kCompactNavFromPercent = 150;  // text size from which the navigation is one bar
constexpr std::size_t kRecentMax = 5;
}  // namespace

KioskUi::KioskUi(KioskEnvironment environment, app::KioskSettings settings)
    : env_(std::move(environment)), session_(*env_.db, std::move(settings), env_.engine_settings.credentials_path), inbox_(env_.wake) {
    if (!env_.pin_path.empty()) pin_ = app::load_pin(env_.pin_path);
    if (pin_) {
        // With a PIN the kiosk starts locked, also outside kiosk mode: closing the window (or a
        // quick exit followed by a restart) must not be a way around it. Wrong PINs counted
        // before the restart still count, and a pause still runs (pin_backoff.hpp).
        pin_attempts_ = app::load_pin_attempts(app::pin_attempts_path(env_.pin_path));
        session_.safety.restore_attempts(pin_attempts_.failed, app::pin_wait(pin_attempts_, std::chrono::system_clock::now()),
                                         std::chrono::steady_clock::now());
        session_.safety.lock();
    }
    app::set_language(session_.settings.language);
}

bool KioskUi::take_style_change() { return std::exchange(style_changed_, false); }
bool KioskUi::take_enrolled() { return std::exchange(enrolled_, false); }

void KioskUi::read_device() {
    session_.read_device();
    person_.stats_wanted = true;  // perhaps another role or county now
}

void KioskUi::draw(ImVec2 size) {
    draw_frame(size);
    // What the screens asked for, now that nothing is half drawn.
    for (auto& wanted : std::exchange(intents_, {})) apply(std::move(wanted));
}

void KioskUi::draw_frame(ImVec2 size) {
    now_ = env_.fixed_now ? *env_.fixed_now : std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    if (env_.engine) session_.set_status(env_.engine->status());

    // Safety first, before anything is drawn: quick exit, idle lock, kiosk idle return.
    const auto steady = std::chrono::steady_clock::now();
    for (const auto press : std::exchange(pending_shifts_, {}))
        if (session_.safety.shift_pressed(press)) forget_what_was_shown();
    if (input_this_frame()) session_.safety.activity(steady);
    if (session_.safety.tick(steady)) forget_what_was_shown();
    if (env_.kiosk_mode && session_.safety.showing_content() && session_.safety.idle_for(steady) >= env_.kiosk_home_after &&
        session_.nav.current() != app::Route{}) {
        forget_what_was_shown();  // the next person starts from Home with nothing left on screen
    }
    // Results of background work, all at one point of the frame: before anything reads state.
    inbox_.drain();
    if (!session_.safety.showing_content()) {
        draw_neutral(size);
        ShownLog::end_frame();
        return;
    }

    if (session_.refresh_if_content_changed()) {
        // What this person's screens built from the old content goes with it.
        person_.searched_for.reset();
        person_.articles.reset();
        person_.article.reset();
        person_.contacts.reset();
        line_card_heights_.clear();
    }
    wide_ = size.x >= kWideFrom * current_scale();
    if (person_.shown_to_person) {
        draw_shown_to_person(size);
        ShownLog::end_frame();
        return;
    }

    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(size);
    ImGui::Begin("Fältstöd", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollbar);
    handle_shortcuts();
    // Narrow windows and large text get one compact menu button instead of rows of tabs (at
    // 200 % text the tabs took half of a 768 px screen); it sits on the title's row when it fits.
    compact_nav_ = !wide_ || session_.settings.text_size_percent >= kCompactNavFromPercent;
    const bool nav_in_header = draw_header();
    if (!session_.safety.showing_content()) {  // the quick-exit button was pressed in the header
        ImGui::End();
        ShownLog::end_frame();
        return;
    }
    if (!compact_nav_) {
        ImGui::BeginChild("nav", ImVec2(220 * current_scale(), 0), false);
        draw_navigation();
        ImGui::EndChild();
        ImGui::SameLine();
    } else {
        if (!nav_in_header) draw_compact_navigation();
        ImGui::Separator();
    }
    // Each screen, and each item opened on one, scrolls on its own: ImGui keeps a child window's
    // scroll, so Home is where it was left, not where Stödlinjer was. A screen not drawn since
    // the last fresh start (person_state.hpp) starts at the top.
    const auto& route = session_.nav.current();
    const std::string screen_key = std::string(app::screen_name(route.screen)) + "/" + route.id;
    // The Log screen keeps its Spara button in a footer below its scrolling content
    // (beside the navigation when wide, so both sit in one area of their own).
    const bool footer = route.screen == app::Screen::Log;
    if (footer) ImGui::BeginChild("screen-with-footer", ImVec2(0, 0), false, ImGuiWindowFlags_NoScrollbar);
    if (person_.screens_drawn.insert(screen_key).second) ImGui::SetNextWindowScroll(ImVec2(0, 0));
    ImGui::BeginChild(("content/" + screen_key).c_str(), ImVec2(0, footer ? -log_footer_height() : 0), false);
    draw_content();
    ImGui::EndChild();
    if (footer) {
        ImGui::Separator();
        draw_log_footer();
        ImGui::EndChild();
    }
    ImGui::End();
    popup_open_last_frame_ = ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId);
    ShownLog::end_frame();
}

void KioskUi::handle_shortcuts() {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_F, false)) {
        const auto screen = session_.nav.current().screen;
        if (screen != app::Screen::Home && screen != app::Screen::Guidance) session_.nav.switch_tab(app::Screen::Guidance);
        person_.focus_search = true;
    }
    // Esc inside a text field only leaves the field (ImGui's own handling); with a drop-down list
    // open it only closes the list; elsewhere it goes back. ImGui's keyboard navigation closes
    // the list before this frame's widgets run, so whether one was open is taken from the end of
    // the frame before (asking now said "none", and Esc went back to Home as well).
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false) && !io.WantTextInput && !popup_open_last_frame_ &&
        !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId))
        session_.nav.back();
}

bool KioskUi::draw_header() {
    ImGui::PushFont(fonts().heading);
    text("Fältstöd", false);
    ImGui::PopFont();
    bool nav_in_header = false;
    if (compact_nav_) {
        // The menu between the title and Snabbstäng, when the three fit on one row.
        const ImGuiStyle& style = ImGui::GetStyle();
        const auto button_width = [&](const char* label) { return ImGui::CalcTextSize(label).x + style.FramePadding.x * 2; };
        const float title_end = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x;
        // The widest tab name decides, so the menu does not move between rows from tab to tab.
        float menu = 0;
        for (const auto screen : app::tab_screens())
            menu = std::max(menu, button_width((std::string("☰  ") + tr(app::screen_title(screen))).c_str()));
        const float needed = title_end + style.ItemSpacing.x * 3 + menu + button_width(tr("Snabbstäng"));
        if (needed <= ImGui::GetWindowContentRegionMax().x) {
            ImGui::SameLine();
            draw_compact_navigation();
            nav_in_header = true;
        }
    }

    draw_quick_exit_button();
    if (!session_.safety.showing_content()) return nav_in_header;

    // Without an engine (not enrolled, or a screenshot) the replica's record of the last sync.
    const auto last_success = session_.last_success();
    const auto now = std::chrono::system_clock::time_point(now_);
    // How fresh, and the content's own date — also before any sync, when the installation's
    // content may be months old.
    std::string fresh = app::freshness_text(last_success, now);
    if (session_.content_date()) fresh += " · " + app::content_date_text(*session_.content_date());
    // The engine's limit (EngineSettings::stale_after), also while no engine runs.
    const bool stale = !last_success || now - *last_success > env_.engine_settings.stale_after;
    // A failed sync is said on this same line: a line of its own made the header grow and
    // everything below it jump down while the person was reading.
    if (session_.status() && session_.status()->last_error && session_.status()->phase != sync::SyncPhase::Idle && session_.status()->phase != sync::SyncPhase::Revoked &&
        session_.status()->phase != sync::SyncPhase::Wiped)
        fresh += std::string(" · ") + tr("Senaste synkförsöket misslyckades – appen fungerar offline.");
    text_colored(stale ? palette().warning : palette().muted, fresh);
    // Enrolled with --insecure: said on every screen, also offline and before the first sync.
    if (session_.insecure_connection()) text_colored(palette().warning, app::insecure_connection_warning());
    if (stale && last_success) {
        banner(tr("Varning: innehållet har inte uppdaterats på länge. Kontrollera nummer och tider innan du hänvisar."));
    }
    if (env_.kiosk_mode && close_refused_at_ && std::chrono::steady_clock::now() - *close_refused_at_ < std::chrono::seconds(8)) {
        // Kiosk mode refused the window manager's close: say how to quit instead of doing nothing.
        text_colored(palette().warning, tr("Kioskläge: appen avslutas under Inställningar, med PIN-koden."));
    }
    if (session_.status() && session_.status()->progress >= 0) {
        // The first sync (or a reset) downloads everything: show how far it has come.
        const std::string label = std::string(tr("Hämtar innehållet…")) + " " + std::to_string(static_cast<int>(session_.status()->progress * 100)) + " %";
        ImGui::ProgressBar(static_cast<float>(session_.status()->progress), ImVec2(-1, 0), label.c_str());
        ShownLog::record(label, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), false);
    }
    if (session_.status() && (session_.status()->phase == sync::SyncPhase::Revoked || session_.status()->phase == sync::SyncPhase::Wiped)) {
        // A lost laptop, or one taken out of use: say plainly what happened to the logs.
        text_colored(palette().warning, tr("Datorn är spärrad på servern. Loggar som inte hade skickats och datorns nyckel har raderats. Innehållet finns kvar. Registrera datorn igen under Inställningar om den ska användas."));
    }
    return nav_in_header;
}

void KioskUi::draw_navigation() {
    // One full-width button per tab, down the side of a wide window.
    const auto active = app::tab_of(session_.nav.current().screen);
    for (const auto screen : app::tab_screens()) {
        if (screen == app::Screen::Stats && !sync::role_may_view_stats(session_.device().role)) continue;
        const std::string label = std::string(tr(app::screen_title(screen))) + "##tab-" + app::screen_name(screen);
        const bool selected = screen == active;
        if (selected) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
        if (button(label.c_str(), ImVec2(-1, 0))) session_.nav.switch_tab(screen);
        if (selected) ImGui::PopStyleColor();
    }
}

void KioskUi::draw_compact_navigation() {
    // "☰ Kontakter": where the person is, and the way to every other tab, in one row.
    const auto active = app::tab_of(session_.nav.current().screen);
    const std::string menu = std::string("☰  ") + tr(app::screen_title(active)) + "##navigation-menu";
    if (button(menu.c_str())) ImGui::OpenPopup("navigation");
    if (!ImGui::BeginPopup("navigation")) return;
    for (const auto screen : app::tab_screens()) {
        if (screen == app::Screen::Stats && !sync::role_may_view_stats(session_.device().role)) continue;
        const char* title = tr(app::screen_title(screen));
        const std::string label = std::string(title) + "##menu-" + app::screen_name(screen);
        if (ImGui::Selectable(label.c_str(), screen == active, 0, ImVec2(ImGui::CalcTextSize(title).x + 160 * current_scale(), touch_height()))) {
            session_.nav.switch_tab(screen);
            ImGui::CloseCurrentPopup();
        }
        ShownLog::record(title, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), true);
    }
    ImGui::EndPopup();
}

void KioskUi::draw_content() {
    const auto route = session_.nav.current();
    if (route.screen != app::Screen::Settings) {
        credentials_checked_ = false;
        about_outbox_.reset();
    }
    if (app::tab_of(route.screen) != route.screen) {
        if (button((std::string("← ") + tr("Tillbaka") + "##back").c_str())) {
            session_.nav.back();
            return;
        }
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        text_muted(tr("Esc går också tillbaka"), false);
    }
    switch (route.screen) {
        case app::Screen::Home: draw_home(); break;
        case app::Screen::Guidance: draw_guidance(); break;
        case app::Screen::Article: draw_article(route.id); break;
        case app::Screen::Contacts: draw_contacts(); break;
        case app::Screen::Contact: draw_contact(route.id); break;
        case app::Screen::Lines: draw_lines(); break;
        case app::Screen::Checklists: draw_checklists(); break;
        case app::Screen::Checklist: draw_checklist(route.id); break;
        case app::Screen::Calendar: draw_calendar(); break;
        case app::Screen::Log: draw_log(); break;
        case app::Screen::Stats: draw_stats(); break;
        case app::Screen::Settings: draw_settings(); break;
    }
}

void KioskUi::open_article(const std::string& id, const std::string& title) {
    std::erase_if(person_.recent, [&](const auto& entry) { return entry.first == id; });
    person_.recent.emplace_front(id, title);
    if (person_.recent.size() > kRecentMax) person_.recent.pop_back();
    if (session_.nav.current().screen == app::Screen::Guidance && wide_) {
        // Wide Guidance shows the article beside the list; the route stays on the list.
        person_.selected_contact.clear();
    }
    session_.nav.open(app::Route{app::Screen::Article, id});
}

void KioskUi::toggle_favourite(const std::string& id) {
    const bool now_favourite = !session_.favourites().contains(id);
    session_.set_favourite(id, now_favourite);
    env_.writer->post([id, now_favourite](sqlite::Database& db) { replica::set_favourite(db, id, now_favourite); });
    person_.articles.reset();
}


void KioskUi::draw_quick_exit_button() {
    // Quick exit, always in the same place at the top right, on every screen.
    const std::string exit_label = std::string(tr("Snabbstäng")) + "##quick-exit";
    const float exit_width = ImGui::CalcTextSize(visible_label(exit_label.c_str()).c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - exit_width);
    ImGui::PushStyleColor(ImGuiCol_Button, palette().warning_background);
    ImGui::PushStyleColor(ImGuiCol_Text, palette().warning);
    if (button(exit_label.c_str())) quick_exit();
    ImGui::PopStyleColor(2);
}

void KioskUi::draw_phone(const std::string& id, const std::string& name, const std::string& number, const std::string& state, bool open, bool known) {
    ImGui::PushID(id.c_str());
    // One row: the number, its copy button and the open state, all centred on the button.
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding,
                        ImVec2(ImGui::GetStyle().FramePadding.x, (touch_height() - ImGui::GetFontSize()) / 2));
    ImGui::PushFont(fonts().bold);
    ImGui::AlignTextToFramePadding();
    text(number, false);
    ImGui::PopFont();
    ImGui::SameLine();
    if (button(tr("Kopiera##copy"), ImVec2(0, 0))) {
        ImGui::SetClipboardText(number.c_str());
        person_.copied = number;
    }
    // Beside the copy button when it fits, below it in a narrow window.
    const std::string show_label = std::string(tr("Visa för den du möter")) + "##show";
    ImGui::SameLine();
    if (ImGui::GetCursorPosX() + ImGui::CalcTextSize(visible_label(show_label.c_str()).c_str()).x + ImGui::GetStyle().FramePadding.x * 2 >
        ImGui::GetContentRegionMax().x)
        ImGui::NewLine();
    if (button(show_label.c_str(), ImVec2(0, 0))) person_.shown_to_person = PersonState::ShownToPerson{name, number};
    if (!state.empty()) {
        // Beside the button when it fits, below it in a narrow window.
        ImGui::SameLine();
        if (ImGui::GetCursorPosX() + ImGui::CalcTextSize(state.c_str()).x > ImGui::GetContentRegionMax().x) {
            ImGui::NewLine();
            ImGui::PopStyleVar();  // below the button the text needs no centring
            ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(0, 0));
        }
        ImGui::AlignTextToFramePadding();
        text_colored(open ? palette().open : known ? palette().closed : palette().muted, state, false);
    }
    ImGui::PopStyleVar();
    ImGui::PopID();
}

app::ContactList& KioskUi::contacts() {
    if (!person_.contacts) {
        replica::ContactFilter filter;
        if (person_.county_index >= 0) filter.county_code = session_.counties()[static_cast<std::size_t>(person_.county_index)].code;
        if (person_.municipality_index >= 0) filter.municipality = person_.municipalities[static_cast<std::size_t>(person_.municipality_index)];
        if (person_.kind_index >= 0) filter.kind = contact_kinds()[static_cast<std::size_t>(person_.kind_index)];
        if (!person_.contacts_text.empty()) {
            filter.text = person_.contacts_text;
            // Folded once per content change (with Home's search), not for every row at each key.
            filter.folded = &session_.everything().folded_contacts();
        }
        person_.contacts.emplace(*env_.db, std::move(filter));
    }
    return *person_.contacts;
}

void KioskUi::open_contact(const std::string& id) {
    if (!contacts().find(id)) {
        person_.county_index = person_.municipality_index = person_.kind_index = -1;
        person_.municipalities.clear();
        person_.contacts_text.clear();
        person_.contacts_county_chosen = true;  // the person chose this contact, wherever it is
        person_.contacts.reset();
    }
    session_.nav.open(app::Route{app::Screen::Contact, id});
}

}  // namespace faltstod::ui
