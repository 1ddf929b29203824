// The kiosk's date window for consultation logs is the server's: both count from the UTC day, so
// a log the kiosk accepts at any hour is one the server stores. Before, the kiosk counted from
// Stockholm's day and, between midnight in Stockholm and midnight UTC, accepted a date the
// server then refused (CI caught it at 23:xx UTC).
#include "consultation_record.hpp"
#include "i18n.hpp"
#include "log_rules.hpp"
#include "replica_schema.hpp"
#include "support/temp_dir.hpp"

#include <doctest/doctest.h>

using namespace faltstod;
using namespace std::chrono;

namespace {

sys_seconds at(int y, unsigned m, unsigned d, int hour, int minute) {
    return sys_seconds(sys_days(year_month_day(year(y), month(m), day(d)))) + hours(hour) + minutes(minute);
}

protocol::ConsultationRecord dated(const std::string& date) {
    return {date, "05", "skola", {"hrv"}, "child", "visit", "referred", ""};
}

}  // namespace

TEST_CASE("the kiosk refuses exactly the dates the server refuses, at every hour of the day") {
    test::TempDir dir;
    auto replica = replica::open_replica((dir.path() / "replica.db").string());
    // Winter (UTC+1) and summer (UTC+2): every hour across two UTC days, the hours just after
    // midnight in Stockholm included.
    for (const auto& [month_, day_] : {std::pair{12u, 3u}, std::pair{6u, 15u}}) {
        for (int hour = 0; hour < 48; ++hour) {
            const auto now = at(2026, month_, day_, 0, 30) + hours(hour);
            const auto kiosk = app::kiosk_log_rules(replica, "05", 13, now);
            const auto utc_day = floor<days>(now);
            protocol::ConsultationRules server{protocol::format_date(utc_day), protocol::DateWindow{}, "05", nullptr};
            CHECK(kiosk.today == server.today);
            for (int offset = -3; offset <= 3; ++offset) {
                const auto record = dated(protocol::format_date(utc_day + days(offset)));
                const bool kiosk_ok = protocol::consultation_problem(record, kiosk, "sv").empty();
                const bool server_ok = protocol::consultation_problem(record, server, "sv").empty();
                CHECK_MESSAGE(kiosk_ok == server_ok, record.date, " at ", hour, " h");
            }
        }
    }
}

TEST_CASE("at 23:30 UTC, Stockholm's tomorrow is still allowed and the day after it is not") {
    test::TempDir dir;
    auto replica = replica::open_replica((dir.path() / "replica.db").string());
    const auto now = at(2026, 12, 3, 23, 30);  // 00:30 on 4 December in Stockholm
    CHECK(app::stockholm_today(now) == sys_days(year_month_day(year(2026), month(12), day(4))));
    const auto rules = app::kiosk_log_rules(replica, "05", 13, now);
    CHECK(protocol::consultation_problem(dated("2026-12-04"), rules, "sv").empty());  // today in Stockholm
    CHECK_FALSE(protocol::consultation_problem(dated("2026-12-05"), rules, "sv").empty());
}

// Issue 16: a log the server refused showed the server's own sentence (in English, in the
// Swedish window). The kiosk now says why in its own words and the window's language.
TEST_CASE("a refused log's reason is the kiosk's own sentence in the chosen language, never the server's text") {
    test::TempDir dir;
    auto replica = replica::open_replica((dir.path() / "replica.db").string());
    const auto now = at(2026, 12, 3, 10, 0);
    const auto rules = app::kiosk_log_rules(replica, std::nullopt, 13, now);
    app::init_translations(FALTSTOD_BUILD_LOCALEDIR, "sv");

    // Wrong under the laptop's own rules too: the form's check says what, in each language.
    auto no_county = protocol::to_json(dated("2026-12-01"));
    no_county["county"] = "99";
    const auto swedish = app::rejected_log_reason(no_county, rules, "sv");
    const auto english = app::rejected_log_reason(no_county, rules, "en");
    CHECK(swedish == protocol::consultation_problem({"2026-12-01", "99", "skola", {"hrv"}, "child", "visit", "referred", ""}, rules, "sv"));
    CHECK_FALSE(swedish.empty());
    CHECK(english != swedish);

    // Valid here, so the server's rules differ: said so, in the window's language.
    const auto valid = protocol::to_json(dated("2026-12-01"));
    CHECK(app::rejected_log_reason(valid, rules, "sv").find("Servern tog inte emot loggen") == 0);
    app::set_language("en");
    CHECK(app::rejected_log_reason(valid, rules, "en").find("The server did not accept the log") == 0);
    app::set_language("sv");
    // Data that is not a log at all still gets a sentence, not nothing.
    CHECK_FALSE(app::rejected_log_reason(nlohmann::json(), rules, "sv").empty());
}
