// What the kiosk knows apart from the person in front of it, without ImGui: the settings, where
// the person is (navigation), the safety state, the laptop's enrollment, the sync engine's last
// status, and the content the screens read, cached. One `invalidate()` drops every cached query
// at once, so no screen can keep showing content a sync replaced.
//
// What a person typed, opened or ticked is not here: it is PersonState (app/ui), forgotten as
// one on quick exit. What is here is the same for everyone who uses the laptop.
#pragma once

#include "call_now.hpp"
#include "content_store.hpp"
#include "content_model.hpp"
#include "device_credentials.hpp"
#include "everything_search.hpp"
#include "kiosk_settings.hpp"
#include "navigation.hpp"
#include "open_text.hpp"
#include "replica_queries.hpp"
#include "safety_state.hpp"
#include "sqlite_db.hpp"
#include "sync_engine.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace faltstod::app {

// The laptop's enrollment as device.json says it, read at start, after enrolling and on a visit
// to Settings (an enrollment made from the command line while the window was open).
struct DeviceIdentity {
    std::optional<sync::DeviceCredentials> credentials;  // none: not enrolled (or damaged)
    bool damaged = false;                                 // the file is there but cannot be read
    std::string role;                                     // "" when not enrolled
    std::optional<std::string> county;                    // a county editor's or reader's county
    bool insecure = false;                                // enrolled with --insecure
};

// Home's support lines apart from the call-now strip, split by their state at one minute.
struct LineStates {
    std::chrono::sys_time<std::chrono::minutes> minute;
    std::string language;
    std::vector<std::pair<const content::SupportLine*, OpenText>> open, unknown, closed;
};

class KioskSession {
public:
    KioskSession(sqlite::Database& db, KioskSettings settings, std::filesystem::path credentials_path);

    KioskSettings settings;
    Navigator nav;
    SafetyState safety;

    // The enrollment.
    const DeviceIdentity& device() const { return device_; }
    void read_device();
    // The county Home, Contacts and search start from: the one the laptop is enrolled for, else
    // the one chosen in Settings. (Logs and statistics follow the enrollment only.)
    std::optional<std::string> home_county() const;
    // Settings' "Ditt län" ("" for none); the caller saves the settings.
    void choose_county(std::string code);

    // The sync engine's status, copied once per frame (none while no engine runs).
    void set_status(std::optional<sync::SyncStatus> status) { status_ = std::move(status); }
    const std::optional<sync::SyncStatus>& status() const { return status_; }
    // The last successful sync: the engine's, else the replica's record of it.
    std::optional<std::chrono::system_clock::time_point> last_success() const;
    // The enrollment or the running engine allows plain HTTP (--insecure).
    bool insecure_connection() const;

    // Drops every cached query when the content moved (a sync applied changes, an import, a
    // reset); true when it did, so the screens drop what they built from it too.
    bool refresh_if_content_changed();
    void invalidate();

    // The content, read when first asked for and kept until invalidate().
    const std::vector<content::Topic>& topics();
    const std::vector<content::County>& counties();  // A–Ö as a Swedish reader looks for them
    const std::optional<std::string>& content_date();
    const std::vector<content::SupportLine>& lines();
    const std::vector<content::Checklist>& checklists();
    const replica::ContentCounts& counts();
    // Events from `today` (YYYY-MM-DD) on, and before it; read again when the day changes.
    const std::vector<content::Event>& upcoming_events(const std::string& today);
    const std::vector<content::Event>& past_events(const std::string& today);
    // Home's "who to call, now" strip and the other lines by state, worked out once a minute (and
    // when the lines, the language or the county change) instead of every frame: 1,000 lines
    // cost 35 ms a frame.
    const std::vector<CallNowRow>& call_now_rows(std::chrono::sys_seconds now);
    const LineStates& line_states(std::chrono::sys_seconds now);
    // Home's search over everything, in the settings' language.
    const EverythingSearch& everything();

    // Favourite articles, kept in memory from the replica; the caller writes the change.
    const std::set<std::string>& favourites() const { return favourites_; }
    void set_favourite(const std::string& id, bool favourite);

private:
    sqlite::Database& db_;
    std::filesystem::path credentials_path_;
    DeviceIdentity device_;
    std::optional<sync::SyncStatus> status_;
    std::optional<std::chrono::system_clock::time_point> stored_last_success_;  // while no engine reports
    std::string initial_stamp_;                 // the replica's cursor at start, while no engine reports one
    std::optional<std::string> content_stamp_;  // the content seen by the caches
    std::set<std::string> favourites_;

    struct CallNow {
        std::chrono::sys_time<std::chrono::minutes> minute;
        std::string language;
        std::vector<CallNowRow> rows;
    };
    struct Events {
        std::string today;
        std::vector<content::Event> upcoming, past;
    };
    const Events& events(const std::string& today);

    // Every cache, so that invalidate() is `caches_ = {}` and a cache added later is dropped too.
    struct Caches {
        std::optional<std::vector<content::Topic>> topics;
        std::optional<std::vector<content::County>> counties;
        std::optional<std::optional<std::string>> content_date;
        std::optional<std::vector<content::SupportLine>> lines;
        std::optional<std::vector<content::Checklist>> checklists;
        std::optional<replica::ContentCounts> counts;
        std::optional<Events> events;
        std::optional<CallNow> call_now;
        std::optional<LineStates> line_states;  // points into `lines`
        std::unique_ptr<EverythingSearch> everything;
        std::string everything_language;
    } caches_;
};

}  // namespace faltstod::app
