// See kiosk_session.hpp.
#include "kiosk_session.hpp"

#include "favourites.hpp"
#include "replica_sync.hpp"
#include "swedish_order.hpp"

#include <algorithm>

namespace faltstod::app {

KioskSession::KioskSession(sqlite::Database& db, KioskSettings settings_in, std::filesystem::path credentials_path)
    : settings(std::move(settings_in)),
      safety(std::chrono::minutes(settings.lock_after_minutes)),
      db_(db),
      credentials_path_(std::move(credentials_path)) {
    read_device();
    favourites_ = replica::favourite_ids(db_);
    const auto cursor = sync::stored_cursor(db_);
    initial_stamp_ = cursor ? std::to_string(*cursor) : "-";
    if (const auto stored = sync::sync_state(db_, sync::kLastSuccessKey))
        stored_last_success_ = std::chrono::system_clock::time_point(std::chrono::seconds(std::stoll(*stored)));
}

void KioskSession::read_device() {
    // The role decides whether Statistics is offered, the county what Home, Contacts and the log
    // start with, and an --insecure enrollment is warned about.
    device_ = {};
    try {
        device_.credentials = sync::load_credentials(credentials_path_);
    } catch (const std::exception&) {
        device_.damaged = true;  // Settings says so; Statistics stays hidden
    }
    if (device_.credentials) {
        device_.role = device_.credentials->role;
        device_.county = device_.credentials->county;
        device_.insecure = device_.credentials->insecure;
    }
    // The strip shows the county's contacts: worked out again for the county read now.
    caches_.call_now.reset();
    caches_.line_states.reset();
}

std::optional<std::string> KioskSession::home_county() const {
    if (device_.county) return device_.county;
    if (!settings.county.empty()) return settings.county;
    return std::nullopt;
}

void KioskSession::choose_county(std::string code) {
    settings.county = std::move(code);
    caches_.call_now.reset();
    caches_.line_states.reset();
}

std::optional<std::chrono::system_clock::time_point> KioskSession::last_success() const {
    return status_ ? status_->last_success : stored_last_success_;
}

// The saved enrollment says so from the first frame, also offline; a running engine says so
// too when the laptop was enrolled from the command line while the window was open.
bool KioskSession::insecure_connection() const { return device_.insecure || (status_ && status_->insecure); }

bool KioskSession::refresh_if_content_changed() {
    // The replica's cursor moves whenever a sync applied changes; the row counts catch an
    // import or a snapshot reset.
    std::string stamp = status_ && status_->content_version ? std::to_string(*status_->content_version) : initial_stamp_;
    if (stamp == content_stamp_) return false;
    content_stamp_ = std::move(stamp);
    invalidate();
    return true;
}

void KioskSession::invalidate() { caches_ = {}; }

const std::vector<content::Topic>& KioskSession::topics() {
    if (!caches_.topics) caches_.topics = replica::all_topics(db_);
    return *caches_.topics;
}

const std::vector<content::County>& KioskSession::counties() {
    if (!caches_.counties) {
        auto counties = replica::all_counties(db_);
        // A–Ö as a Swedish reader looks for them (the replica gives them by code: Stockholm first).
        std::sort(counties.begin(), counties.end(), [](const auto& a, const auto& b) { return swedish_less(a.name, b.name); });
        caches_.counties = std::move(counties);
    }
    return *caches_.counties;
}

const std::optional<std::string>& KioskSession::content_date() {
    if (!caches_.content_date) caches_.content_date = replica::content_date(db_);
    return *caches_.content_date;
}

const std::vector<content::SupportLine>& KioskSession::lines() {
    if (!caches_.lines) caches_.lines = replica::support_lines(db_);
    return *caches_.lines;
}

const std::vector<content::Checklist>& KioskSession::checklists() {
    if (!caches_.checklists) caches_.checklists = replica::all_checklists(db_);
    return *caches_.checklists;
}

const replica::ContentCounts& KioskSession::counts() {
    if (!caches_.counts) caches_.counts = replica::count_content(db_);
    return *caches_.counts;
}

const KioskSession::Events& KioskSession::events(const std::string& today) {
    // Read again on a new day: yesterday's conference is no longer coming up.
    if (!caches_.events || caches_.events->today != today)
        caches_.events = Events{today, replica::events_from(db_, today, false), replica::events_from(db_, today, true)};
    return *caches_.events;
}

const std::vector<content::Event>& KioskSession::upcoming_events(const std::string& today) { return events(today).upcoming; }
const std::vector<content::Event>& KioskSession::past_events(const std::string& today) { return events(today).past; }

const std::vector<CallNowRow>& KioskSession::call_now_rows(std::chrono::sys_seconds now) {
    const auto minute = std::chrono::floor<std::chrono::minutes>(now);
    if (!caches_.call_now || caches_.call_now->minute != minute || caches_.call_now->language != settings.language) {
        std::vector<content::Contact> county;
        if (const auto code = home_county()) {
            replica::ContactFilter in_county;
            in_county.county_code = *code;
            county = replica::find_contacts(db_, in_county);
        }
        caches_.call_now = CallNow{minute, settings.language, call_now(lines(), county, now)};
    }
    return caches_.call_now->rows;
}

const LineStates& KioskSession::line_states(std::chrono::sys_seconds now) {
    const auto minute = std::chrono::floor<std::chrono::minutes>(now);
    if (!caches_.line_states || caches_.line_states->minute != minute || caches_.line_states->language != settings.language) {
        LineStates states{minute, settings.language, {}, {}, {}};
        // The rest of the lines: those in the strip above are not shown twice.
        std::set<std::string> in_strip;
        for (const auto& row : call_now_rows(now)) in_strip.insert(row.id);
        for (const auto& line : lines()) {
            if (in_strip.count(line.id)) continue;
            auto state = open_text(line.hours, now);
            (state.open ? states.open : !state.known ? states.unknown : states.closed).emplace_back(&line, std::move(state));
        }
        caches_.line_states = std::move(states);
    }
    return *caches_.line_states;
}

const EverythingSearch& KioskSession::everything() {
    if (!caches_.everything || caches_.everything_language != settings.language) {
        caches_.everything = std::make_unique<EverythingSearch>(db_, lines(), checklists(), settings.language);
        caches_.everything_language = settings.language;
    }
    return *caches_.everything;
}

void KioskSession::set_favourite(const std::string& id, bool favourite) {
    if (favourite) favourites_.insert(id);
    else favourites_.erase(id);
}

}  // namespace faltstod::app
