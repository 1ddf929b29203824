// The kiosk's screens and navigation, drawn with ImGui each frame. KioskUi only reads the
// replica (a few indexed queries, re-run when what they depend on changes, never per frame)
// and hands every write to the LocalWriter and every network call to the sync engine's thread,
// so a frame never waits for the disk or the network.
//
// Each screen's draw function lives in its own file (screen_<name>.cpp).
#pragma once

#include "call_now.hpp"
#include "consultation_form.hpp"
#include "contact_list.hpp"
#include "content_model.hpp"
#include "content_store.hpp"
#include "inbox.hpp"
#include "intents.hpp"
#include "kiosk_session.hpp"
#include "kiosk_settings.hpp"
#include "local_writer.hpp"
#include "log_rules.hpp"
#include "markdown_blocks.hpp"
#include "navigation.hpp"
#include "open_text.hpp"
#include "person_state.hpp"
#include "outbox.hpp"
#include "pin_backoff.hpp"
#include "pin_store.hpp"
#include "replica_queries.hpp"
#include "safety_state.hpp"
#include "sqlite_db.hpp"
#include "stats_client.hpp"
#include "sync_engine.hpp"

#include <imgui.h>

#include <chrono>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace faltstod::ui {

struct KioskEnvironment {
    sqlite::Database* db = nullptr;        // the UI's read connection
    app::LocalWriter* writer = nullptr;    // writes off the UI thread
    sync::SyncEngine* engine = nullptr;    // null when not enrolled or syncing is off
    sync::EngineSettings engine_settings;  // where credentials live, for enrollment
    std::filesystem::path settings_path;
    std::optional<std::chrono::sys_seconds> fixed_now;  // screenshots and tests: a fixed clock
    std::filesystem::path pin_path;                     // empty: no PIN can be set (screenshots)
    bool kiosk_mode = false;                            // --kiosk: back to Home when idle, quit needs the PIN
    std::chrono::seconds kiosk_home_after{120};         // kiosk mode: idle time before an empty Home
    // Called from any thread when background work (a saved log, a PIN check, enrollment,
    // statistics) has its result, so the window draws it at once (KioskWindow::wake).
    std::function<void()> wake;
};

// Contact kinds in the order the filter offers them, and a kind's label (screen_contacts.cpp).
const std::vector<std::string>& contact_kinds();
const char* contact_kind_label(const std::string& kind);

// Styled runs wrapped as one paragraph, and a parsed Markdown body (screen_article.cpp).
void draw_rich_text(const std::vector<app::TextRun>& runs);
void draw_markdown(const std::vector<app::MarkdownBlock>& blocks);

class KioskUi {
public:
    KioskUi(KioskEnvironment environment, app::KioskSettings settings);
    KioskUi(const KioskUi&) = delete;
    KioskUi& operator=(const KioskUi&) = delete;

    // Draws one frame into a window covering `size` (in pixels).
    void draw(ImVec2 size);

    app::Navigator& navigator() { return session_.nav; }
    const app::KioskSettings& settings() const { return session_.settings; }
    // Set when the text size or theme changed: the window rebuilds fonts before the next frame.
    bool take_style_change();
    // The engine the UI should use from now on (after enrollment, or null).
    void set_engine(sync::SyncEngine* engine) {
        env_.engine = engine;
        read_device();  // enrolled since: the role may now offer Statistics
    }
    // Set when Settings enrolled this laptop: the window starts a sync engine.
    bool take_enrolled();
    std::string& search_text() { return person_.search_text; }

    // Safety in the room (screen_safety.cpp). Shift presses come from the window's key events.
    void note_shift_presses(const std::vector<std::chrono::steady_clock::time_point>& presses);
    app::SafetyState& safety() { return session_.safety; }
    bool pin_set() const { return pin_.has_value(); }
    // "Visa för den du möter" for a support line, as its button does (screenshots); false when
    // the replica has no line with that id.
    bool show_line_to_person(const std::string& line_id);
    // The Log screen after a refused save with `note` typed (screenshots of the error pattern).
    void show_log_problems(const std::string& note);
    // Hides everything at once, as the quick-exit button does.
    void quick_exit();
    // The window manager tried to close the window and was refused; say how to quit.
    void close_refused();
    // Whether the window manager may close the window now: never in kiosk mode (Settings quits
    // there, with the PIN), and not while the neutral view hides the content behind a PIN — the
    // PIN first, then closing works as usual.
    bool window_close_allowed() const;
    // The window's title: the app's name, or while the neutral view shows (quick exit, auto-lock)
    // a word that names neither the app nor what was open — the task bar shows it too.
    std::string window_title() const;
    // Set once the person quit kiosk mode with the PIN.
    bool take_quit_request();
    const app::ConsultationForm& log_form() const { return person_.form; }
    // Blocks until background work (PIN hashing, enrollment, log saves, a statistics request)
    // has reported and its results are in (tests and screenshots; never called from a frame).
    void finish_background_work();

private:
    // What the screens asked for this frame (intents.hpp), carried out after it is drawn by
    // apply(): the only code here that writes files, starts background work or calls the engine.
    void ask(Intent wanted) { intents_.push_back(std::move(wanted)); }
    void apply(Intent wanted);
    std::vector<Intent> intents_;
    // The effects apply() runs.
    void enroll(std::string server, std::string code);
    void check_pin(std::string attempt);

    // Frame parts.
    void draw_frame(ImVec2 size);
    // True when the compact navigation was drawn on the title's row.
    bool draw_header();
    void draw_navigation();
    void draw_content();
    void handle_shortcuts();
    bool input_this_frame() const;
    // device.json again (KioskSession::read_device): after enrolling, and on each visit to
    // Settings (an enrollment made from the command line while the window was open).
    void read_device();
    void forget_what_was_shown();
    void draw_neutral(ImVec2 size);
    void draw_pin_pad(const char* id, std::string& entry, float column);

    // Screens (screen_<name>.cpp).
    void draw_home();
    void draw_guidance();
    void draw_guidance_list();
    void draw_article(const std::string& id);
    void draw_article_body(const std::string& id);
    void draw_contacts();
    void draw_contact_filters();
    void draw_contact_list();
    void draw_contact(const std::string& id);
    void draw_contact_body(const std::string& id);
    void draw_lines();
    void draw_checklists();
    void draw_checklist(const std::string& id);
    void draw_calendar();
    void draw_event(const content::Event& event);
    void draw_log();
    void draw_log_form();
    void draw_log_note();
    void draw_log_footer();
    float log_footer_height() const;
    bool log_form_has_problems() const;
    void draw_outbox();
    void save_log();
    void log_saved(const std::string& error, bool for_this_person);
    void draw_stats();
    void draw_stats_filters();
    void fetch_stats();
    void draw_settings();
    void draw_safety_settings();
    void draw_about();
    void enrollment_done(const sync::SyncError& error, bool for_this_person);

    // Shared pieces.
    // Home shows every kind of result, grouped; Guidance only articles.
    void draw_search_results(bool articles_only = false);
    void draw_pin_offer();
    void draw_county_setting();
    // "Kontakter som kan behövas": one chip per kind, opening Contacts on the laptop's county.
    void draw_related_contacts(const std::vector<std::string>& kinds);
    void draw_compact_navigation();
    // A contact's card, from anywhere: when Contacts' filters hide it, they are cleared.
    void open_contact(const std::string& id);
    // A contact row's second line: kind · municipality · number · open now or when it opens.
    std::string contact_subtitle(const content::Contact& contact) const;
    void draw_line_card(const content::SupportLine& line);
    void draw_line_card(const content::SupportLine& line, const app::OpenText& state);
    // A number with its copy and "Visa för den du möter" buttons and, when known, its open state.
    void draw_phone(const std::string& id, const std::string& name, const std::string& number, const std::string& state = {}, bool open = false,
                    bool known = true);
    // The quick-exit button at the top right of the current window, on the current line.
    void draw_quick_exit_button();
    void draw_shown_to_person(ImVec2 size);  // screen_show.cpp
    void open_article(const std::string& id, const std::string& title);
    void toggle_favourite(const std::string& id);
    app::ContactList& contacts();

    KioskEnvironment env_;
    // Settings, navigation, safety, the enrollment, the sync status and the cached content
    // (app/kiosk_session.hpp): what is the same for everyone who uses the laptop.
    app::KioskSession session_;
    std::chrono::sys_seconds now_{};
    bool wide_ = false;
    bool compact_nav_ = false;  // one menu button instead of the tabs down the side
    bool popup_open_last_frame_ = false;  // a drop-down list was open when the last frame ended
    bool style_changed_ = false;
    bool enrolled_ = false;

    // All that one person typed, opened, ticked or scrolled: forgotten as one (person_state.hpp).
    PersonState person_;
    // Fresh starts so far (quick exit, auto-lock, idle return). Background work remembers the one
    // it started in: its result still takes effect after a fresh start, but what it says is for
    // the person who started it and is not shown to the next.
    std::uint64_t fresh_starts_ = 0;
    // Background work out now, one of each kind at a time; its result comes through inbox_.
    struct Working {
        bool enrolling = false, unlock_check = false, pin_job = false, log_saving = false, stats_fetch = false;
    } working_;

    // Contacts' drop-down labels, made again each frame from the session's lists.
    std::vector<std::string> county_names_, kind_labels_;

    void draw_call_now();
    // Home lays out only the line cards in view; the others keep their place by the height
    // they had when last drawn (or the last card's, before they ever were): 1,000 lines made
    // the first frame 40 ms slower. Dropped when the content changes.
    std::unordered_map<std::string, float> line_card_heights_;
    float line_card_height_guess_ = 0;
    void draw_line_card_in_view(const content::SupportLine& line, const app::OpenText& state);

    // Settings and About.
    // Logs waiting and refused, for About while no engine reports them: read once per visit.
    std::optional<std::pair<int, int>> about_outbox_;
    bool credentials_checked_ = false;  // read_device() once per visit to Settings

    // Safety in the room (the state itself is the session's).
    std::optional<app::PinHash> pin_;             // the stored hash, read at start; never the PIN
    app::PinAttempts pin_attempts_;               // wrong PINs in a row, also on disk (pin_backoff.hpp)
    void count_pin_attempt(bool correct);
    std::optional<std::chrono::steady_clock::time_point> close_refused_at_;
    bool quit_requested_ = false;
    struct PinJobResult {
        PinJobKind kind = PinJobKind::Set;
        bool wrong_current = false;  // the current PIN given was not the stored one
        std::string error;           // the file could not be written or removed
        std::optional<app::PinHash> new_hash;
    };
    void start_pin_job(PinJobKind kind);
    void finish_pin_job(PinJobResult result);
    std::vector<std::chrono::steady_clock::time_point> pending_shifts_;

    // Consultation log.
    // Logs the server refused, each with why in the window's language; read with the outbox.
    struct RejectedRow {
        std::string id, reason;
    };
    std::optional<std::vector<RejectedRow>> rejected_;
    std::string engine_outbox_seen_;  // the engine's status when the outbox was last read
    int outbox_waiting_ = 0;          // logs in the outbox then

    // Statistics for editors and admins, fetched from the server off the UI thread.
    void export_stats_csv();

    // Where background work reports, drained at the start of each frame (app/inbox.hpp). Last,
    // so it is destroyed first: it waits for work still running, whose messages point here.
    app::Inbox inbox_;
};

}  // namespace faltstod::ui
