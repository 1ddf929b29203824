// The frame: header, navigation, the current screen, shortcuts; see kiosk_ui.hpp.
#include "kiosk_ui.hpp"

#include "favourites.hpp"
#include "i18n.hpp"
#include "sync_messages.hpp"
#include "open_text.hpp"
#include "replica_sync.hpp"
#include "ui_kit.hpp"
#include "swedish_order.hpp"
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
    : env_(std::move(environment)),
      settings_(std::move(settings)),
      safety_(std::chrono::minutes(settings_.lock_after_minutes)),
      inbox_(env_.wake) {
    if (!env_.pin_path.empty()) pin_ = app::load_pin(env_.pin_path);
    if (pin_) {
        // With a PIN the kiosk starts locked, also outside kiosk mode: closing the window (or a
        // quick exit followed by a restart) must not be a way around it. Wrong PINs counted
        // before the restart still count, and a pause still runs (pin_backoff.hpp).
        pin_attempts_ = app::load_pin_attempts(app::pin_attempts_path(env_.pin_path));
        safety_.restore_attempts(pin_attempts_.failed, app::pin_wait(pin_attempts_, std::chrono::system_clock::now()),
                                 std::chrono::steady_clock::now());
        safety_.lock();
    }
    read_device();
    favourites_ = replica::favourite_ids(*env_.db);
    app::set_language(settings_.language);
    const auto cursor = sync::stored_cursor(*env_.db);
    initial_stamp_ = cursor ? std::to_string(*cursor) : "-";
    if (const auto stored = sync::sync_state(*env_.db, sync::kLastSuccessKey))
        stored_last_success_ = std::chrono::system_clock::time_point(std::chrono::seconds(std::stoll(*stored)));
}

bool KioskUi::take_style_change() { return std::exchange(style_changed_, false); }
bool KioskUi::take_enrolled() { return std::exchange(enrolled_, false); }

// The saved enrollment says so from the first frame, also offline; a running engine says so
// too when the laptop was enrolled from the command line while the window was open.
bool KioskUi::insecure_connection() const { return device_insecure_ || (status_ && status_->insecure); }

std::optional<std::string> KioskUi::home_county() const {
    if (device_county_) return device_county_;
    if (!settings_.county.empty()) return settings_.county;
    return std::nullopt;
}

void KioskUi::read_device() {
    // The role decides whether Statistics is offered, the county what Home, Contacts and the log
    // start with, and an --insecure enrollment is warned about.
    device_.reset();
    device_damaged_ = false;
    device_role_.clear();
    device_county_.reset();
    device_insecure_ = false;
    call_now_.reset();
    line_states_.reset();
    try {
        device_ = sync::load_credentials(env_.engine_settings.credentials_path);
    } catch (const std::exception&) {
        device_damaged_ = true;  // Settings says so; Statistics stays hidden
    }
    if (device_) {
        device_role_ = device_->role;
        device_county_ = device_->county;
        device_insecure_ = device_->insecure;
    }
    person_.stats_wanted = true;
}

void KioskUi::refresh_if_content_changed() {
    // The replica's cursor moves whenever a sync applied changes; the row counts catch an
    // import or a snapshot reset. Either way every cached query result is dropped.
    std::string stamp = status_ && status_->content_version ? std::to_string(*status_->content_version) : initial_stamp_;
    if (stamp != content_stamp_) {
        content_stamp_ = stamp;
        person_.searched_for.reset();
        topics_ = replica::all_topics(*env_.db);
        counties_ = replica::all_counties(*env_.db);
        // A–Ö as a Swedish reader looks for them (the replica gives them by code: Stockholm first).
        std::sort(counties_.begin(), counties_.end(), [](const auto& a, const auto& b) { return app::swedish_less(a.name, b.name); });
        content_date_ = replica::content_date(*env_.db);
        person_.articles.reset();
        person_.article.reset();
        person_.contacts.reset();
        lines_.reset();
        line_states_.reset();
        call_now_.reset();
        line_card_heights_.clear();
        checklists_.reset();
        everything_.reset();
        upcoming_.reset();
        past_.reset();
        counts_.reset();
    }
}

void KioskUi::draw(ImVec2 size) {
    now_ = env_.fixed_now ? *env_.fixed_now : std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    if (env_.engine) status_ = env_.engine->status();

    // Safety first, before anything is drawn: quick exit, idle lock, kiosk idle return.
    const auto steady = std::chrono::steady_clock::now();
    for (const auto press : std::exchange(pending_shifts_, {}))
        if (safety_.shift_pressed(press)) forget_what_was_shown();
    if (input_this_frame()) safety_.activity(steady);
    if (safety_.tick(steady)) forget_what_was_shown();
    if (env_.kiosk_mode && safety_.showing_content() && safety_.idle_for(steady) >= env_.kiosk_home_after &&
        nav_.current() != app::Route{}) {
        forget_what_was_shown();  // the next person starts from Home with nothing left on screen
    }
    // Results of background work, all at one point of the frame: before anything reads state.
    inbox_.drain();
    if (!safety_.showing_content()) {
        draw_neutral(size);
        ShownLog::end_frame();
        return;
    }

    refresh_if_content_changed();
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
    compact_nav_ = !wide_ || settings_.text_size_percent >= kCompactNavFromPercent;
    const bool nav_in_header = draw_header();
    if (!safety_.showing_content()) {  // the quick-exit button was pressed in the header
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
    const auto& route = nav_.current();
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
        const auto screen = nav_.current().screen;
        if (screen != app::Screen::Home && screen != app::Screen::Guidance) nav_.switch_tab(app::Screen::Guidance);
        person_.focus_search = true;
    }
    // Esc inside a text field only leaves the field (ImGui's own handling); with a drop-down list
    // open it only closes the list; elsewhere it goes back. ImGui's keyboard navigation closes
    // the list before this frame's widgets run, so whether one was open is taken from the end of
    // the frame before (asking now said "none", and Esc went back to Home as well).
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false) && !io.WantTextInput && !popup_open_last_frame_ &&
        !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId))
        nav_.back();
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
    if (!safety_.showing_content()) return nav_in_header;

    // Without an engine (not enrolled, or a screenshot) the replica's record of the last sync.
    const auto last_success = status_ ? status_->last_success : stored_last_success_;
    const auto now = std::chrono::system_clock::time_point(now_);
    // How fresh, and the content's own date — also before any sync, when the installation's
    // content may be months old.
    std::string fresh = app::freshness_text(last_success, now);
    if (content_date_) fresh += " · " + app::content_date_text(*content_date_);
    // The engine's limit (EngineSettings::stale_after), also while no engine runs.
    const bool stale = !last_success || now - *last_success > env_.engine_settings.stale_after;
    // A failed sync is said on this same line: a line of its own made the header grow and
    // everything below it jump down while the person was reading.
    if (status_ && status_->last_error && status_->phase != sync::SyncPhase::Idle && status_->phase != sync::SyncPhase::Revoked &&
        status_->phase != sync::SyncPhase::Wiped)
        fresh += std::string(" · ") + tr("Senaste synkförsöket misslyckades – appen fungerar offline.");
    text_colored(stale ? palette().warning : palette().muted, fresh);
    // Enrolled with --insecure: said on every screen, also offline and before the first sync.
    if (insecure_connection()) text_colored(palette().warning, app::insecure_connection_warning());
    if (stale && last_success) {
        banner(tr("Varning: innehållet har inte uppdaterats på länge. Kontrollera nummer och tider innan du hänvisar."));
    }
    if (env_.kiosk_mode && close_refused_at_ && std::chrono::steady_clock::now() - *close_refused_at_ < std::chrono::seconds(8)) {
        // Kiosk mode refused the window manager's close: say how to quit instead of doing nothing.
        text_colored(palette().warning, tr("Kioskläge: appen avslutas under Inställningar, med PIN-koden."));
    }
    if (status_ && status_->progress >= 0) {
        // The first sync (or a reset) downloads everything: show how far it has come.
        const std::string label = std::string(tr("Hämtar innehållet…")) + " " + std::to_string(static_cast<int>(status_->progress * 100)) + " %";
        ImGui::ProgressBar(static_cast<float>(status_->progress), ImVec2(-1, 0), label.c_str());
        ShownLog::record(label, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), false);
    }
    if (status_ && (status_->phase == sync::SyncPhase::Revoked || status_->phase == sync::SyncPhase::Wiped)) {
        // A lost laptop, or one taken out of use: say plainly what happened to the logs.
        text_colored(palette().warning, tr("Datorn är spärrad på servern. Loggar som inte hade skickats och datorns nyckel har raderats. Innehållet finns kvar. Registrera datorn igen under Inställningar om den ska användas."));
    }
    return nav_in_header;
}

void KioskUi::draw_navigation() {
    // One full-width button per tab, down the side of a wide window.
    const auto active = app::tab_of(nav_.current().screen);
    for (const auto screen : app::tab_screens()) {
        if (screen == app::Screen::Stats && !sync::role_may_view_stats(device_role_)) continue;
        const std::string label = std::string(tr(app::screen_title(screen))) + "##tab-" + app::screen_name(screen);
        const bool selected = screen == active;
        if (selected) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
        if (button(label.c_str(), ImVec2(-1, 0))) nav_.switch_tab(screen);
        if (selected) ImGui::PopStyleColor();
    }
}

void KioskUi::draw_compact_navigation() {
    // "☰ Kontakter": where the person is, and the way to every other tab, in one row.
    const auto active = app::tab_of(nav_.current().screen);
    const std::string menu = std::string("☰  ") + tr(app::screen_title(active)) + "##navigation-menu";
    if (button(menu.c_str())) ImGui::OpenPopup("navigation");
    if (!ImGui::BeginPopup("navigation")) return;
    for (const auto screen : app::tab_screens()) {
        if (screen == app::Screen::Stats && !sync::role_may_view_stats(device_role_)) continue;
        const char* title = tr(app::screen_title(screen));
        const std::string label = std::string(title) + "##menu-" + app::screen_name(screen);
        if (ImGui::Selectable(label.c_str(), screen == active, 0, ImVec2(ImGui::CalcTextSize(title).x + 160 * current_scale(), touch_height()))) {
            nav_.switch_tab(screen);
            ImGui::CloseCurrentPopup();
        }
        ShownLog::record(title, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), true);
    }
    ImGui::EndPopup();
}

void KioskUi::draw_content() {
    const auto route = nav_.current();
    if (route.screen != app::Screen::Settings) credentials_checked_ = false;
    if (app::tab_of(route.screen) != route.screen) {
        if (button((std::string("← ") + tr("Tillbaka") + "##back").c_str())) {
            nav_.back();
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
    if (nav_.current().screen == app::Screen::Guidance && wide_) {
        // Wide Guidance shows the article beside the list; the route stays on the list.
        person_.selected_contact.clear();
    }
    nav_.open(app::Route{app::Screen::Article, id});
}

void KioskUi::toggle_favourite(const std::string& id) {
    const bool now_favourite = !favourites_.contains(id);
    if (now_favourite) favourites_.insert(id);
    else favourites_.erase(id);
    env_.writer->post([id, now_favourite](sqlite::Database& db) { replica::set_favourite(db, id, now_favourite); });
    person_.articles.reset();
}

void KioskUi::save_settings() {
    const auto path = env_.settings_path;
    if (path.empty()) return;
    env_.writer->post([path, copy = settings_](sqlite::Database&) { app::save_settings(path, copy); });
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

const std::vector<content::SupportLine>& KioskUi::lines() {
    if (!lines_) lines_ = replica::support_lines(*env_.db);
    return *lines_;
}

app::ContactList& KioskUi::contacts() {
    if (!person_.contacts) {
        replica::ContactFilter filter;
        if (person_.county_index >= 0) filter.county_code = counties_[static_cast<std::size_t>(person_.county_index)].code;
        if (person_.municipality_index >= 0) filter.municipality = person_.municipalities[static_cast<std::size_t>(person_.municipality_index)];
        if (person_.kind_index >= 0) filter.kind = contact_kinds()[static_cast<std::size_t>(person_.kind_index)];
        if (!person_.contacts_text.empty()) filter.text = person_.contacts_text;
        person_.contacts.emplace(*env_.db, std::move(filter));
    }
    return *person_.contacts;
}

const app::EverythingSearch& KioskUi::everything() {
    if (!everything_ || everything_language_ != settings_.language) {
        everything_ = std::make_unique<app::EverythingSearch>(*env_.db, lines(), checklists(), settings_.language);
        everything_language_ = settings_.language;
    }
    return *everything_;
}

void KioskUi::open_contact(const std::string& id) {
    if (!contacts().find(id)) {
        person_.county_index = person_.municipality_index = person_.kind_index = -1;
        person_.municipalities.clear();
        person_.contacts_text.clear();
        person_.contacts_county_chosen = true;  // the person chose this contact, wherever it is
        person_.contacts.reset();
    }
    nav_.open(app::Route{app::Screen::Contact, id});
}

const std::vector<content::Checklist>& KioskUi::checklists() {
    if (!checklists_) checklists_ = replica::all_checklists(*env_.db);
    return *checklists_;
}

}  // namespace faltstod::ui
