// The kiosk's session without ImGui (app/kiosk_session.hpp), on the shipped content in a real
// replica: cached content is kept until the content moves and then dropped all at once, the
// enrollment is read from the real device.json, and the county decides Home's strip.
#include "bundle_loader.hpp"
#include "content_store.hpp"
#include "device_credentials.hpp"
#include "kiosk_session.hpp"
#include "replica_schema.hpp"
#include "replica_sync.hpp"
#include "support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>

using namespace faltstod;

namespace {

struct Shipped {
    test::TempDir dir;
    sqlite::Database db = replica::open_replica((dir.path() / "replica.db").string());
    content::Bundle bundle;
    std::filesystem::path device_file = dir.path() / "device.json";
    Shipped() {
        auto loaded = content::load_bundle(std::filesystem::path(FALTSTOD_SOURCE_DIR) / "assets" / "content");
        REQUIRE(loaded.ok());
        bundle = loaded.bundle;
        replica::replace_all_content(db, bundle);
    }
    void enroll(std::optional<std::string> county, std::string role = "reader") {
        sync::DeviceCredentials credentials;
        credentials.server_url = "https://stod.example.se";
        credentials.device_id = "d-1";
        credentials.token = "secret";
        credentials.role = std::move(role);
        credentials.county = std::move(county);
        sync::save_credentials(device_file, credentials);
    }
    static sync::SyncStatus status_at(std::int64_t version) {
        sync::SyncStatus status;
        status.content_version = version;
        return status;
    }
};

// The county's own rows of the strip: its resource centres and socialjour.
std::vector<std::string> ids_of(const std::vector<app::CallNowRow>& rows) {
    std::vector<std::string> ids;
    for (const auto& row : rows)
        if (row.kind == app::CallNowRow::Kind::ResourceCentre || row.kind == app::CallNowRow::Kind::OnCallSocialServices) ids.push_back(row.id);
    return ids;
}

// A Wednesday at 10:00 in Stockholm (09:00 UTC): resource centres are open.
constexpr std::chrono::sys_seconds kWednesdayMorning{std::chrono::sys_days{std::chrono::year{2026} / 11 / 25} + std::chrono::hours(9)};

}  // namespace

TEST_CASE_FIXTURE(Shipped, "cached content stays until the content moves, then every cache is read again at once") {
    app::KioskSession session(db, {}, device_file);
    CHECK(session.refresh_if_content_changed());  // the first frame reads the content
    const auto lines_before = session.lines().size();
    const auto checklists_before = session.checklists().size();
    const auto topics_before = session.topics().size();
    const auto articles_before = session.counts().guidance;
    REQUIRE(lines_before > 1);
    REQUIRE(checklists_before > 0);

    // A sync replaces the content: one line, one checklist, one article fewer.
    const auto removed_line = bundle.support_lines.back().id;
    bundle.support_lines.pop_back();
    bundle.checklists.pop_back();
    bundle.guidance.pop_back();
    replica::replace_all_content(db, bundle);
    CHECK_FALSE(session.refresh_if_content_changed());  // no engine has said so yet: kept (no query per frame)
    CHECK(session.lines().size() == lines_before);

    session.set_status(status_at(42));
    CHECK(session.refresh_if_content_changed());
    CHECK(session.lines().size() == lines_before - 1);
    CHECK(session.checklists().size() == checklists_before - 1);
    CHECK(session.counts().guidance == articles_before - 1);
    CHECK(session.topics().size() == topics_before);
    // Home's lists are worked out from the new lines too, not from the dropped ones.
    const auto& states = session.line_states(kWednesdayMorning);
    const auto shown = states.open.size() + states.unknown.size() + states.closed.size();
    CHECK(shown + session.call_now_rows(kWednesdayMorning).size() >= lines_before - 1);
    for (const auto& group : {states.open, states.unknown, states.closed})
        for (const auto& [line, state] : group) CHECK(line->id != removed_line);
    CHECK_FALSE(session.refresh_if_content_changed());  // the same version again: nothing dropped
}

TEST_CASE_FIXTURE(Shipped, "invalidate drops every cached query, the search index included") {
    app::KioskSession session(db, {}, device_file);
    REQUIRE_FALSE(session.everything().search(db, bundle.support_lines.back().name, "sv", std::nullopt, 5).lines.empty());
    const auto removed = bundle.support_lines.back().name;
    const auto lines_before = session.lines().size();
    bundle.support_lines.pop_back();
    replica::replace_all_content(db, bundle);
    session.invalidate();
    CHECK(session.lines().size() == lines_before - 1);
    // The index was made from the old lines; made again, it no longer finds the removed one.
    for (const auto* line : session.everything().search(db, removed, "sv", std::nullopt, 5).lines) CHECK(line->name != removed);
}

TEST_CASE_FIXTURE(Shipped, "the county comes from the enrollment, else from Settings, and the strip follows a new choice at once") {
    app::KioskSettings settings;
    settings.county = "12";  // Skåne chosen in Settings
    app::KioskSession session(db, settings, device_file);
    CHECK_FALSE(session.device().credentials);
    CHECK(session.device().role.empty());
    CHECK(session.home_county() == "12");
    const auto skane = ids_of(session.call_now_rows(kWednesdayMorning));
    REQUIRE_FALSE(skane.empty());

    session.choose_county("05");  // Östergötland, the same minute
    CHECK(session.settings.county == "05");
    const auto ostergotland = ids_of(session.call_now_rows(kWednesdayMorning));
    REQUIRE_FALSE(ostergotland.empty());
    for (const auto& id : skane) CHECK(std::find(ostergotland.begin(), ostergotland.end(), id) == ostergotland.end());

    // Enrolled for Stockholm: the enrollment wins over Settings once device.json is read again.
    enroll("01", "editor");
    CHECK(session.home_county() == "05");
    session.read_device();
    CHECK(session.device().role == "editor");
    CHECK(session.home_county() == "01");
    CHECK(ids_of(session.call_now_rows(kWednesdayMorning)) != ostergotland);
}

TEST_CASE_FIXTURE(Shipped, "a damaged device.json is said to be damaged, not taken for 'not enrolled'") {
    std::ofstream(device_file) << "{ not json";
    app::KioskSession session(db, {}, device_file);
    CHECK(session.device().damaged);
    CHECK_FALSE(session.device().credentials);
    CHECK(session.device().role.empty());
    enroll(std::nullopt);
    session.read_device();
    CHECK_FALSE(session.device().damaged);
    REQUIRE(session.device().credentials);
    CHECK(session.device().credentials->device_id == "d-1");
}

TEST_CASE_FIXTURE(Shipped, "events are read again when the day changes: yesterday's is no longer coming up") {
    REQUIRE(!bundle.events.empty());
    app::KioskSession session(db, {}, device_file);
    const auto day_before = std::string("0001-01-01");
    const auto upcoming_then = session.upcoming_events(day_before).size();
    CHECK(upcoming_then == bundle.events.size());
    const auto after_all = std::string("9999-12-31");
    CHECK(session.upcoming_events(after_all).empty());
    CHECK(session.past_events(after_all).size() == bundle.events.size());
}

TEST_CASE_FIXTURE(Shipped, "the last sync is the engine's when one reports, else the replica's record of it") {
    sync::set_sync_state(db, sync::kLastSuccessKey, "1764000000");
    app::KioskSession session(db, {}, device_file);
    REQUIRE(session.last_success());
    CHECK(session.last_success()->time_since_epoch() == std::chrono::seconds(1764000000));
    sync::SyncStatus status;
    status.last_success = std::chrono::system_clock::time_point(std::chrono::seconds(1764000600));
    session.set_status(status);
    CHECK(session.last_success()->time_since_epoch() == std::chrono::seconds(1764000600));
    CHECK_FALSE(session.insecure_connection());
    status.insecure = true;
    session.set_status(status);
    CHECK(session.insecure_connection());
}
