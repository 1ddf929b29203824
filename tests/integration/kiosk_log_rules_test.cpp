// Every free field and every date, on the command line against a real server (issue 18): the
// kiosk refuses what the server refuses — a date outside the window, a county other than the
// device's, a note with personal data — in the kiosk's language, before anything is queued; a
// number the published content lists may stand in a note on both sides; device names are
// generated, never typed.
#include "kiosk_fixture.hpp"
#include "support/log_dates.hpp"

#include <doctest/doctest.h>

namespace {

using namespace faltstod;
using test::Deployment;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

struct EnrolledKiosk {
    test::TempDir dir;
    std::string cmd = test::shell_quote(FALTSTOD_APP_BIN) + " --db " + test::shell_quote((dir.path() / "replica.db").string());

    EnrolledKiosk(Deployment& d, const std::string& county) {
        const auto enrolled = test::run_command(cmd + " enroll --server http://127.0.0.1:" + std::to_string(d.server->port()) +
                                                " --code " + d.new_code("reader", county));
        INFO(enrolled.output);
        REQUIRE(enrolled.exit_code == 0);
        REQUIRE(test::run_command(cmd + " sync --once").exit_code == 0);  // the content, and so its public numbers
    }

    test::CommandResult log(const std::string& options, const std::string& language = "sv") const {
        return test::run_command(cmd + " --lang " + language + " log --profession skola --topics hrv --age-band youth --channel phone " +
                                 "--outcome advice_given " + options);
    }

    int waiting() const {
        auto db = replica::open_replica((dir.path() / "replica.db").string());
        auto stmt = db.prepare("SELECT count(*) FROM local.outbox");
        stmt.step();
        return static_cast<int>(stmt.column_int(0));
    }
};

}  // namespace

TEST_CASE("a device enrolled for county 05 cannot log for county 01: the kiosk refuses it as the server does") {
    Deployment d;
    EnrolledKiosk kiosk(d, "05");
    for (const auto& county : {"01", "12", "25"}) {
        const auto refused = kiosk.log("--date " + test::days_ago(3) + " --county " + county);
        INFO(refused.output);
        CHECK(refused.exit_code == 1);
        CHECK(contains(refused.output, "Inte loggad: datorn är registrerad för län 05"));
        const auto english = kiosk.log("--date " + test::days_ago(3) + " --county " + county, "en");
        CHECK(contains(english.output, "Not logged: this device is enrolled for county 05"));
    }
    CHECK(kiosk.waiting() == 0);
    // The server, asked directly by a device of county 05, says the same.
    const auto device = d.enroll("reader", "05");
    const nlohmann::json push = {{"records",
                                  {{{"id", "11111111-1111-4111-8111-111111111111"},
                                    {"kind", "consultation"},
                                    {"data",
                                     {{"date", test::days_ago(3)}, {"county", "01"}, {"profession", "skola"}, {"topics", {"hrv"}},
                                      {"age_band", "youth"}, {"channel", "phone"}, {"outcome", "advice_given"}}}}}}};
    auto res = d.http().Post("/v1/push", Deployment::auth(device.token), push.dump(), "application/json");
    REQUIRE(res);
    const auto result = nlohmann::json::parse(res->body).at("results").at(0);
    CHECK(result.at("status") == "rejected");
    CHECK(contains(result.at("reason").get<std::string>(), "this device is enrolled for county 05"));
    // Its own county is logged.
    CHECK(kiosk.log("--date " + test::days_ago(3) + " --county 05").exit_code == 0);
    CHECK(kiosk.waiting() == 1);
}

TEST_CASE("a date outside the last 13 months or in the future is refused by the kiosk, in its language") {
    Deployment d;
    EnrolledKiosk kiosk(d, "");
    for (const auto& date : {std::string("2099-12-31"), std::string("0001-01-01"), std::string("1985-01-01"), test::days_ago(-2),
                             test::days_ago(500)}) {
        const auto sv = kiosk.log("--date " + date + " --county 05");
        INFO(date << ": " << sv.output);
        CHECK(sv.exit_code == 1);
        CHECK(contains(sv.output, "datumet ska ligga inom de senaste 13 månaderna"));
        CHECK(contains(kiosk.log("--date " + date + " --county 05", "en").output, "the date must lie within the last 13 months"));
    }
    CHECK(kiosk.waiting() == 0);
    for (const auto& date : {test::days_ago(0), test::days_ago(-1), test::days_ago(360)}) CHECK(kiosk.log("--date " + date + " --county 05").exit_code == 0);
    CHECK(kiosk.waiting() == 3);
}

TEST_CASE("the guard's refusal on the command line: in the kiosk's language, naming the kind, marking the span") {
    Deployment d;
    EnrolledKiosk kiosk(d, "");
    const std::string options = "--date " + test::days_ago(2) + " --county 05 --note 'Ring 07O-l23 45 67 i morgon'";
    const auto sv = kiosk.log(options, "sv");
    INFO(sv.output);
    CHECK(sv.exit_code == 1);
    CHECK(contains(sv.output, "Inte loggad: Ta bort telefonnumret (tecken 6–18)"));
    CHECK(contains(sv.output, "\n       ^^^^^^^^^^^^^\n"));  // under "07O-l23 45 67"
    CHECK_FALSE(contains(sv.output, "Remove"));
    const auto en = kiosk.log(options, "en");
    CHECK(contains(en.output, "Not logged: Remove the phone number (characters 6–18)"));
    CHECK(kiosk.waiting() == 0);
}

TEST_CASE("a number the content lists may stand in a note, on the kiosk and on the server") {
    Deployment d;
    EnrolledKiosk kiosk(d, "");
    const auto logged = kiosk.log("--date " + test::days_ago(1) + " --county 05 --note 'Tipsade om Kvinnofridslinjen 020-50 50 50'");
    INFO(logged.output);
    CHECK(logged.exit_code == 0);
    CHECK(kiosk.log("--date " + test::days_ago(1) + " --county 05 --note 'Ring mamma 070-123 45 67'").exit_code == 1);
    REQUIRE(test::run_command(kiosk.cmd + " sync --once").exit_code == 0);
    CHECK(kiosk.waiting() == 0);
    CHECK(test::server_count(d, "SELECT count(*) FROM consultations WHERE note LIKE '%020-50 50 50%'") == 1);
}

TEST_CASE("device names are generated: --name is refused with the reason, and nothing typed reaches the device list") {
    Deployment d;
    test::TempDir dir;
    const std::string kiosk = test::shell_quote(FALTSTOD_APP_BIN) + " --db " + test::shell_quote((dir.path() / "replica.db").string());
    const std::string url = "http://127.0.0.1:" + std::to_string(d.server->port());
    const auto named = test::run_command(kiosk + " enroll --server " + url + " --code " + d.new_code("reader") + " --name 'Fatima 850101-1236'");
    CHECK(named.exit_code == 2);
    CHECK(contains(named.output, "--name används inte längre"));
    CHECK_FALSE(std::filesystem::exists(dir.path() / "device.json"));
    REQUIRE(test::run_command(kiosk + " enroll --server " + url + " --code " + d.new_code("reader")).exit_code == 0);
    // An older kiosk that still sends a name (with a personnummer, an address, a phone number) is
    // enrolled, and the name is thrown away.
    auto res = d.http().Post("/v1/enroll",
                             nlohmann::json{{"code", d.new_code("reader")},
                                            {"device_name", "Fatima 850101-1236, Storgatan 12, 070-123 45 67"}}
                                 .dump(),
                             "application/json");
    REQUIRE(res);
    CHECK(res->status == 201);
    CHECK(nlohmann::json::parse(res->body).at("device_name").get<std::string>().rfind("Enhet ", 0) == 0);
    const auto devices = d.cli("devices");
    INFO(devices.output);
    for (const auto& secret : {"Fatima", "850101", "Storgatan", "070-123", "Testdator", "Testlaptop"}) CHECK_FALSE(contains(devices.output, secret));
    for (const auto& name : {"Enhet 0001", "Enhet 0002", "Enhet 0003", "Enhet 0004", "Enhet 0005"}) CHECK(contains(devices.output, name));
}
