// Statistics and a lost laptop, in the real window against the real server: a log made in the
// form reaches the server and shows in an editor's charts; a revoked laptop says what it erased.
#include "gui/kiosk_driver.hpp"
#include "integration/server_fixture.hpp"
#include "outbox.hpp"

#include <doctest/doctest.h>

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
    REQUIRE(kiosk.wait_until_shown("1 konsultation"));
    CHECK(kiosk.shows("Län: Östergötlands län"));  // a county editor sees its own county
    CHECK(kiosk.shows("Könsstympning"));
    CHECK(kiosk.shows("Skola"));
    CHECK(kiosk.shows("Hänvisning"));
    CHECK(kiosk.shows("På plats"));
    CHECK(kiosk.shows("Ungdom"));

    kiosk.click("Allt");
    kiosk.settle();
    REQUIRE(kiosk.wait_until_shown("1 konsultation"));
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
