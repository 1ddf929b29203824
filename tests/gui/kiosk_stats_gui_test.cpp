// Statistics and a lost laptop, in the real window against the real server: a log made in the
// form reaches the server and shows in an editor's charts; a revoked laptop says what it erased.
#include "gui/kiosk_driver.hpp"
#include "integration/server_fixture.hpp"
#include "outbox.hpp"
#include "support/log_dates.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>

using faltstod::test::Deployment;
using faltstod::test::KioskDriver;

namespace {

void fill_and_save_log(KioskDriver& kiosk) {
    kiosk.click("Logga samtal");
    if (kiosk.ui().log_form().county.empty()) {  // a laptop enrolled for no county asks
        kiosk.click("Välj län");
        kiosk.click("Östergötlands län");
    }
    kiosk.click("Skola");
    kiosk.click("Könsstympning");
    kiosk.click("Ungdom");
    kiosk.click("På plats");
    kiosk.click("Hänvisning");
    kiosk.click("Spara loggen");
    kiosk.settle();
    INFO(kiosk.shown_summary());
    REQUIRE(kiosk.shows("Sparad."));
}

}  // namespace

TEST_CASE("from the form to the server's statistics, shown as charts to a county editor") {
    Deployment deployment;
    KioskDriver kiosk;
    CHECK_FALSE(kiosk.shows("Statistik"));  // not enrolled: no statistics tab
    kiosk.attach_engine("http://127.0.0.1:" + std::to_string(deployment.server->port()), deployment.new_code("editor", "05"));
    REQUIRE(kiosk.wait_until_shown("Synkad nyss"));
    fill_and_save_log(kiosk);  // the county comes from the device's enrollment
    CHECK(kiosk.ui().log_form().county == "05");
    REQUIRE(kiosk.wait_until_shown("Inga loggar väntar på att skickas."));
    CHECK(faltstod::sync::outbox_size(kiosk.db()) == 0);

    kiosk.click("Statistik");
    // One consultation: the server sends no count of it, only that it is fewer than 5, and the
    // charts show that mark in every row, never a 1 (issue 18).
    REQUIRE(kiosk.wait_until_shown("Färre än 5 konsultationer"));
    CHECK(kiosk.shows("Län: Östergötlands län"));  // a county editor sees its own county
    CHECK(kiosk.shows("Könsstympning"));
    CHECK(kiosk.shows("Skola"));
    CHECK(kiosk.shows("Hänvisning"));
    CHECK(kiosk.shows("På plats"));
    CHECK(kiosk.shows("Ungdom"));
    CHECK(kiosk.count_shown("< 5") > 20);
    CHECK_FALSE(kiosk.shows("1 konsultation"));

    kiosk.click("Allt");
    kiosk.settle();
    REQUIRE(kiosk.wait_until_shown("Färre än 5 konsultationer"));
}

TEST_CASE("the Statistik screen exports the protected counts as CSV") {
    Deployment deployment;
    KioskDriver kiosk;
    const auto documents = kiosk.dir() / "Dokument";
    ::setenv("XDG_DOCUMENTS_DIR", documents.c_str(), 1);
    kiosk.attach_engine("http://127.0.0.1:" + std::to_string(deployment.server->port()), deployment.new_code("admin"));
    REQUIRE(kiosk.wait_until_shown("Synkad nyss"));
    // Six consultations in Östergötland through the API, one through the form (admin: any county).
    nlohmann::json records = nlohmann::json::array();
    for (int i = 0; i < 6; ++i) {
        char id[40];
        std::snprintf(id, sizeof id, "00000000-0000-4000-8000-0000000000%02d", i);
        records.push_back({{"id", id},
                           {"kind", "consultation"},
                           {"data",
                            {{"date", faltstod::test::days_ago(3)}, {"county", "05"}, {"profession", "polis"}, {"topics", {"hrv"}},
                             {"age_band", "adult"}, {"channel", "phone"}, {"outcome", "referred"}}}});
    }
    REQUIRE(deployment.http()
                .Post("/v1/push", Deployment::auth(deployment.admin), nlohmann::json{{"records", records}}.dump(), "application/json")
                ->status == 200);
    fill_and_save_log(kiosk);  // Östergötland, skola: one of seven
    REQUIRE(kiosk.wait_until_shown("Inga loggar väntar på att skickas."));

    kiosk.click("Statistik");
    REQUIRE(kiosk.wait_until_shown("7 konsultationer"));
    kiosk.click("Exportera som CSV");
    INFO(kiosk.shown_summary());
    REQUIRE(kiosk.shows("Sparad som"));
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(documents)) files.push_back(entry.path());
    ::unsetenv("XDG_DOCUMENTS_DIR");
    REQUIRE(files.size() == 1);
    CHECK(files[0].filename().string().rfind("faltstod-statistik-alla-lan-", 0) == 0);
    CHECK(files[0].extension() == ".csv");
    std::ifstream in(files[0], std::ios::binary);
    const std::string csv((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(csv.rfind("table,key,count\r\ntotal,,7\r\n", 0) == 0);
    CHECK(csv.find("by_county,05,7\r\n") != std::string::npos);
    // The one log from the form is "< 5"; the six beside it are "x", since 7 - 6 would give it away.
    CHECK(csv.find("by_profession,polis,x\r\n") != std::string::npos);
    CHECK(csv.find("by_profession,skola,< 5\r\n") != std::string::npos);
    CHECK(csv.find("by_topic,hrv,6\r\n") != std::string::npos);  // topics are not additive: shown
    CHECK(csv.find("by_profession,skola,1") == std::string::npos);
    CHECK(csv.find("by_county,01,0\r\n") != std::string::npos);
}

TEST_CASE("a reader's laptop offers no statistics") {
    Deployment deployment;
    KioskDriver kiosk;
    kiosk.attach_engine("http://127.0.0.1:" + std::to_string(deployment.server->port()), deployment.new_code("reader"));
    REQUIRE(kiosk.wait_until_shown("Synkad nyss"));
    CHECK_FALSE(kiosk.shows("Statistik"));
}

TEST_CASE("a revoked laptop erases its unsent logs and token and says so") {
    Deployment deployment;
    KioskDriver kiosk;
    kiosk.attach_engine("http://127.0.0.1:" + std::to_string(deployment.server->port()), deployment.new_code("reader"));
    REQUIRE(kiosk.wait_until_shown("Synkad nyss"));
    const auto device_id = faltstod::sync::load_credentials(kiosk.dir() / "device.json")->device_id;
    REQUIRE(deployment.cli("revoke " + device_id).exit_code == 0);
    fill_and_save_log(kiosk);  // saving asks for a sync: the server answers that the laptop is revoked
    REQUIRE(kiosk.wait_until_shown("Datorn är spärrad på servern"));
    CHECK(faltstod::sync::outbox_size(kiosk.db()) == 0);
    CHECK_FALSE(std::filesystem::exists(kiosk.dir() / "device.json"));
    kiosk.click("Inställningar");
    CHECK(kiosk.shows("Engångskod"));  // it can be enrolled again
}

TEST_CASE("quick exit works while the first sync runs and the sync carries on behind the neutral view") {
    Deployment deployment;
    KioskDriver kiosk;
    kiosk.attach_engine("http://127.0.0.1:" + std::to_string(deployment.server->port()), deployment.new_code("reader"));
    kiosk.click("Snabbstäng");  // the engine's first sync starts at once on its own thread
    CHECK_FALSE(kiosk.ui().safety().showing_content());
    CHECK_FALSE(kiosk.shows("Synk"));
    CHECK_FALSE(kiosk.shows("Fältstöd"));
    kiosk.click("Fortsätt");
    CHECK(kiosk.wait_until_shown("Synkad nyss"));
}
