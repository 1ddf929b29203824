// The kiosk's statistics client (sync/client/stats_client.hpp) against the real server: counts
// for an admin device, a county editor's default and refusal, readers, errors a person can act
// on; and the whole path on the command line, from `faltstod log --note` to
// `faltstod-server stats --json`.
#include "kiosk_fixture.hpp"

#include "stats_client.hpp"
#include "support/log_dates.hpp"

#include <doctest/doctest.h>

using faltstod::test::Deployment;
using faltstod::test::Kiosk;
using faltstod::test::server_count;
using namespace faltstod;
using nlohmann::json;

namespace {

void enroll_as(Deployment& d, Kiosk& kiosk, const std::string& role, const std::string& county = "") {
    const auto error = sync::enroll_device(kiosk.settings, "http://127.0.0.1:" + std::to_string(d.server->port()),
                                           d.new_code(role, county), "Statistikdator");
    REQUIRE_MESSAGE(!error, sync::to_log_text(error));
}

// The counts shown above 0, as (key, count); a hidden count as (key, -1) for "< 5", (key, -2) for "x".
std::vector<std::pair<std::string, std::int64_t>> flat(const std::vector<sync::StatsCount>& list) {
    std::vector<std::pair<std::string, std::int64_t>> out;
    for (const auto& item : list) {
        if (item.shown == protocol::CellShown::Small) out.emplace_back(item.key, -1);
        else if (item.shown == protocol::CellShown::Hidden) out.emplace_back(item.key, -2);
        else if (item.count > 0) out.emplace_back(item.key, item.count);
    }
    return out;
}

using Pairs = std::vector<std::pair<std::string, std::int64_t>>;

}  // namespace

TEST_CASE("the kiosk fetches consultation stats with its own credentials, small counts hidden") {
    Deployment d;
    Kiosk kiosk;
    enroll_as(d, kiosk, "admin");
    for (int i = 0; i < 6; ++i) kiosk.log("05");
    for (int i = 0; i < 7; ++i) kiosk.log("12");
    kiosk.log("25");
    sync::SyncEngine engine(kiosk.settings);
    REQUIRE_FALSE(engine.run_once());
    REQUIRE(server_count(d, "SELECT count(*) FROM consultations") == 14);

    const auto all = sync::fetch_consultation_stats(kiosk.settings, {});
    REQUIRE_MESSAGE(!all.error, sync::to_log_text(all.error));
    CHECK(all.role == "admin");
    CHECK_FALSE(all.device_county.has_value());
    CHECK(all.counts.total == 14);
    CHECK(all.counts.threshold == 5);
    CHECK_FALSE(all.counts.exact);
    CHECK_FALSE(all.counts.county.has_value());
    // County 25 has one: "< 5". With 6 and 7 shown it would be 14 - 13, so the 6 hides as "x".
    CHECK(flat(all.counts.by_county) == Pairs{{"05", -2}, {"12", 7}, {"25", -1}});
    CHECK(all.counts.by_county.size() == 21);  // every county, the rest 0
    CHECK(flat(all.counts.by_month) == Pairs{{test::days_ago(9).substr(0, 7), 14}});
    CHECK(flat(all.counts.by_topic) == Pairs{{"barnaktenskap", 14}});
    CHECK(flat(all.counts.by_profession) == Pairs{{"socialtjanst", 14}});
    CHECK(flat(all.counts.by_outcome) == Pairs{{"referred", 14}});
    CHECK(flat(all.counts.by_age_band) == Pairs{{"child", 14}});
    CHECK(flat(all.counts.by_channel) == Pairs{{"visit", 14}});

    const std::string from = test::months_ago(12), to = test::months_ago(0);
    const auto skane = sync::fetch_consultation_stats(kiosk.settings, {std::string("12"), from, to});
    REQUIRE_MESSAGE(!skane.error, sync::to_log_text(skane.error));
    CHECK(skane.counts.county == std::optional<std::string>("12"));
    CHECK(skane.counts.from == std::optional<std::string>(from));
    CHECK(skane.counts.to == std::optional<std::string>(to));
    CHECK(skane.counts.total == 7);
    CHECK(skane.counts.by_month.size() == 13);  // every month of the period
    const auto one = sync::fetch_consultation_stats(kiosk.settings, {std::string("25"), std::nullopt, std::nullopt});
    REQUIRE_MESSAGE(!one.error, sync::to_log_text(one.error));
    CHECK(one.counts.total_shown == protocol::CellShown::Small);  // one consultation: nothing of it is shown
    CHECK(one.counts.total == 0);
    for (const auto& cell : one.counts.by_channel) CHECK(cell.shown == protocol::CellShown::Small);
    const auto earlier = sync::fetch_consultation_stats(kiosk.settings, {std::nullopt, std::nullopt, test::months_ago(2)});
    REQUIRE_MESSAGE(!earlier.error, sync::to_log_text(earlier.error));
    CHECK(earlier.counts.total == 0);
    CHECK(flat(earlier.counts.by_month).empty());
}

TEST_CASE("a county editor's kiosk sees its county by default and is told why not another") {
    Deployment d;
    Kiosk editor;
    enroll_as(d, editor, "editor", "05");
    for (int i = 0; i < 5; ++i) editor.log("05");
    sync::SyncEngine engine(editor.settings);
    REQUIRE_FALSE(engine.run_once());

    const auto own = sync::fetch_consultation_stats(editor.settings, {});
    REQUIRE_MESSAGE(!own.error, sync::to_log_text(own.error));
    CHECK(own.role == "editor");
    CHECK(own.device_county == std::optional<std::string>("05"));
    CHECK(own.counts.county == std::optional<std::string>("05"));
    CHECK(own.counts.total == 5);
    CHECK(sync::role_may_view_stats(own.role));

    const auto other = sync::fetch_consultation_stats(editor.settings, {std::string("12"), std::nullopt, std::nullopt});
    CHECK(other.error.kind == sync::SyncErrorKind::Rejected);
    CHECK(other.error.problem == sync::SyncProblem::StatsForbidden);
    CHECK(other.counts.total == 0);

    Kiosk reader;
    enroll_as(d, reader, "reader");
    const auto refused = sync::fetch_consultation_stats(reader.settings, {});
    CHECK(refused.error.kind == sync::SyncErrorKind::Rejected);
    CHECK(refused.error.problem == sync::SyncProblem::StatsForbidden);
    CHECK(refused.role == "reader");
    CHECK_FALSE(sync::role_may_view_stats(refused.role));
}

TEST_CASE("stats client errors: not enrolled, a bad month, an unreachable server") {
    Deployment d;
    Kiosk kiosk;
    const auto unenrolled = sync::fetch_consultation_stats(kiosk.settings, {});
    CHECK(unenrolled.error.kind == sync::SyncErrorKind::Unauthorized);
    CHECK(unenrolled.error.problem == sync::SyncProblem::NotEnrolled);
    CHECK(unenrolled.role.empty());

    enroll_as(d, kiosk, "admin");
    const auto bad = sync::fetch_consultation_stats(kiosk.settings, {std::nullopt, std::string("2026-13"), std::nullopt});
    CHECK(bad.error.kind == sync::SyncErrorKind::Rejected);
    CHECK(bad.error.problem == sync::SyncProblem::RequestRefused);
    CHECK(bad.error.detail == "HTTP 400 bad_request");
    // Values are encoded: a county with spaces and '&' is one (bad) value, not two parameters.
    const auto odd = sync::fetch_consultation_stats(kiosk.settings, {std::string("05&from=x y"), std::nullopt, std::nullopt});
    CHECK(odd.error.kind == sync::SyncErrorKind::Rejected);
    CHECK(odd.error.problem == sync::SyncProblem::RequestRefused);

    d.server->stop();
    const auto offline = sync::fetch_consultation_stats(kiosk.settings, {});
    CHECK(offline.error.kind == sync::SyncErrorKind::Network);
    CHECK(offline.error.problem == sync::SyncProblem::CannotConnect);
    CHECK(offline.role == "admin");
}

TEST_CASE("from faltstod log --note through sync --once to faltstod-server stats --json") {
    Deployment d;
    test::TempDir dir;
    const std::string kiosk = test::shell_quote(FALTSTOD_APP_BIN) + " --db " + test::shell_quote((dir.path() / "replica.db").string());
    const std::string url = "http://127.0.0.1:" + std::to_string(d.server->port());
    auto enrolled = test::run_command(kiosk + " enroll --server " + url + " --code " + d.new_code("reader", "05"));
    INFO(enrolled.output);
    REQUIRE(enrolled.exit_code == 0);
    const std::string note = "ville veta mer om utreseförbud";
    const std::string date = test::days_ago(20);
    auto logged = test::run_command(kiosk + " log --date " + date + " --county 05 --profession polis --topics hrv,bortforande "
                                            "--age-band youth --channel digital --outcome joint_planning --note " +
                                    test::shell_quote(note));
    INFO(logged.output);
    REQUIRE(logged.exit_code == 0);
    // A note with a personnummer never leaves the laptop.
    auto personal = test::run_command(kiosk + " log --date " + date + " --county 05 --profession polis --topics hrv "
                                              "--age-band youth --channel digital --outcome advice_given --note 'om 121212-1212'");
    CHECK(personal.exit_code != 0);
    auto synced = test::run_command(kiosk + " sync --once");
    INFO(synced.output);
    REQUIRE(synced.exit_code == 0);
    CHECK(server_count(d, "SELECT count(*) FROM consultations") == 1);

    const std::string month = date.substr(0, 7);
    // What every consumer gets: one consultation, so every count is "< 5".
    auto stats = d.cli("stats --json --county 05 --from " + month + " --to " + month + " 2>/dev/null");
    INFO(stats.output);
    REQUIRE(stats.exit_code == 0);
    CHECK(json::parse(stats.output).at("total") == "< 5");
    // The admin's exact view on the server counts it.
    auto exact = d.cli("stats --exact --json --county 05 --from " + month + " --to " + month + " 2>/dev/null");
    REQUIRE(exact.exit_code == 0);
    const auto answer = json::parse(exact.output);
    CHECK(answer.at("total") == 1);
    CHECK(answer.at("by_month") == json::array({{{"key", month}, {"count", 1}}}));
    const auto count_of = [&](const char* table, const char* key) {
        for (const auto& item : answer.at(table))
            if (item.at("key") == key) return item.at("count");
        return json();
    };
    CHECK(count_of("by_topic", "bortforande") == 1);
    CHECK(count_of("by_topic", "hrv") == 1);
    CHECK(count_of("by_topic", "annat") == 0);
    CHECK(count_of("by_outcome", "joint_planning") == 1);
    CHECK(stats.output.find("utreseförbud") == std::string::npos);
    // The note itself was stored on the server, guarded, for the centre's follow-up.
    sqlite::Database db(d.db);
    auto stored = db.prepare("SELECT note FROM consultations");
    REQUIRE(stored.step());
    CHECK(stored.column_text(0) == note);
}
