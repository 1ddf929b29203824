// The two programs as a person runs them: validate the shipped bundle, reject a broken one
// with file:line errors, import into a replica and query it. Real binaries, real files.
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <iterator>


namespace {

using faltstod::test::run_command;

std::string quoted(const std::filesystem::path& path) { return "'" + path.string() + "'"; }

const std::string kServer = FALTSTOD_SERVER_BIN;
const std::string kApp = FALTSTOD_APP_BIN;
const std::filesystem::path kBundle = std::filesystem::path(FALTSTOD_SOURCE_DIR) / "assets" / "content";

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// " --db <dir>/replica.db" for a replica holding the shipped bundle.
std::string imported_replica(const faltstod::test::TempDir& dir) {
    const std::string db = " --db " + quoted(dir.path() / "replica.db");
    REQUIRE(run_command(kApp + db + " import " + quoted(kBundle)).exit_code == 0);
    return db;
}

}  // namespace

TEST_CASE("faltstod-server validate accepts the shipped bundle") {
    const auto result = run_command(kServer + " validate " + quoted(kBundle));
    INFO(result.output);
    CHECK(result.exit_code == 0);
    CHECK(contains(result.output, "Bundle OK"));
}

TEST_CASE("faltstod-server validate names file and line of every problem") {
    faltstod::test::TempDir dir;
    std::filesystem::copy(kBundle, dir.path() / "bundle", std::filesystem::copy_options::recursive);
    dir.write("bundle/events.json", "{\"events\": [\n  {\"id\": \"event/x\",\n   \"kind\": \"fest\"}\n]}\n");
    const auto result = run_command(kServer + " validate " + quoted(dir.path() / "bundle"));
    INFO(result.output);
    CHECK(result.exit_code == 1);
    CHECK(contains(result.output, "events.json:3: events[0].kind: unknown kind 'fest'"));
    CHECK(contains(result.output, "events.json:2: events[0].title: missing required field 'title'"));
    CHECK(contains(result.output, "problem(s) found"));
}

TEST_CASE("faltstod imports the bundle and answers offline") {
    faltstod::test::TempDir dir;
    const std::string db = " --db " + quoted(dir.path() / "data" / "replica.db");

    auto result = run_command(kApp + db + " import " + quoted(kBundle));
    INFO(result.output);
    REQUIRE(result.exit_code == 0);
    CHECK(contains(result.output, "Importerat: "));
    CHECK(contains(result.output, " artiklar, "));

    result = run_command(kApp + db + " search barnaktenskap");
    CHECK(result.exit_code == 0);
    CHECK(contains(result.output, "»"));

    result = run_command(kApp + db + " lines --audience barn");
    CHECK(contains(result.output, "116 111"));
    CHECK(contains(result.output, "Bris – för barn och unga  116 111  – Öppet dygnet runt\n"));
    // Rätt att välja (daily 07–21) is either open or closed now, and says until or from when.
    CHECK((contains(result.output, "020-57 70 70  – Öppet nu, stänger ") || contains(result.output, "020-57 70 70  – Stängt, öppnar ")));

    result = run_command(kApp + db + " contacts --county 05 --kind polis");
    CHECK(contains(result.output, "114 14"));

    result = run_command(kApp + db + " status");
    CHECK(contains(result.output, "schemaversion"));
}

// Issue 16: `faltstod status` printed English ("Replica: …, 3 guidance articles, Outbox: 0 waiting")
// whatever the language, beside the Swedish of every other subcommand.
TEST_CASE("faltstod import and status speak the chosen language") {
    faltstod::test::TempDir dir;
    const std::string db = imported_replica(dir);

    const auto swedish = run_command(kApp + db + " status").output;
    INFO(swedish);
    CHECK(contains(swedish, "Lokal databas: "));
    CHECK(contains(swedish, " artiklar, "));
    CHECK(contains(swedish, "Server: Inte registrerad"));
    CHECK(contains(swedish, "Senaste lyckade synk: Aldrig, innehållsversion 0"));
    CHECK(contains(swedish, "Att skicka: 0 väntar, 0 avvisade av servern"));
    for (const char* english : {"Replica", "guidance", "waiting", "never", "not enrolled", "Outbox"}) CHECK_FALSE(contains(swedish, english));

    const auto english = run_command(kApp + db + " --lang en status").output;
    INFO(english);
    CHECK(contains(english, "Local database: "));
    CHECK(contains(english, " articles, "));
    CHECK(contains(english, "Server: Not enrolled"));
    CHECK(contains(english, "Last successful sync: Never, content version 0"));
    CHECK(contains(english, "Outbox: 0 waiting, 0 rejected by the server"));
    CHECK(contains(run_command(kApp + db + " --lang en import " + quoted(kBundle)).output, "Imported: "));
}

// Issue 16: the command line printed "öppet nu, stänger ons 21:00 (mon 07:00–21:00, tue 07:00–21:00, …)":
// English day names beside Swedish text, and sentences of its own. It now prints the kiosk's.
TEST_CASE("faltstod lines and contacts print the kiosk's opening-hours sentences in one language") {
    faltstod::test::TempDir dir;
    const std::string db = imported_replica(dir);

    const auto swedish = run_command(kApp + db + " lines --audience barn").output;
    INFO(swedish);
    CHECK(contains(swedish, "(mån–sön 07:00–21:00)"));
    for (const char* english : {"mon ", "Mon ", "tue ", "open now", "closed, opens"}) CHECK_FALSE(contains(swedish, english));

    const auto english = run_command(kApp + db + " --lang en lines --audience barn").output;
    INFO(english);
    CHECK(contains(english, "(Mon–Sun 07:00–21:00)"));
    CHECK(contains(english, "Open 24/7"));
    for (const char* swedish_word : {"mån", "Öppet", "Stängt"}) CHECK_FALSE(contains(english, swedish_word));

    const auto typed = run_command(kApp + db + " contacts --text 'linkoping socialj'").output;
    INFO(typed);
    CHECK(contains(typed, "Socialjouren, Linköpings kommun"));
    CHECK_FALSE(contains(typed, "Norrköping"));

    const auto contacts = run_command(kApp + db + " contacts --county 05 --kind socialjour").output;
    INFO(contacts);
    CHECK_FALSE(contains(contacts, "mon "));
    CHECK((contains(contacts, "Öppet") || contains(contacts, "Stängt")));
}

TEST_CASE("a broken bundle is not imported and the replica keeps its content") {
    faltstod::test::TempDir dir;
    const std::string db = imported_replica(dir);
    const auto before = run_command(kApp + db + " status").output;

    std::filesystem::copy(kBundle, dir.path() / "bundle", std::filesystem::copy_options::recursive);
    std::filesystem::remove(dir.path() / "bundle" / "topics.json");
    const auto result = run_command(kApp + db + " import " + quoted(dir.path() / "bundle"));
    INFO(result.output);
    CHECK(result.exit_code == 1);
    CHECK(contains(result.output, "topics.json: file is missing"));
    CHECK(contains(result.output, "Inget importerades: paketet har "));
    CHECK(run_command(kApp + db + " status").output == before);
}

TEST_CASE("faltstod pin set, status and remove read the PIN from standard input and keep only a hash") {
    faltstod::test::TempDir dir;
    const std::string env = "XDG_CONFIG_HOME=" + faltstod::test::shell_quote(dir.path().string()) + " ";
    const std::string kiosk = env + faltstod::test::shell_quote(FALTSTOD_APP_BIN);
    // In the chosen language, Swedish unless --lang en (it used to print English whatever was chosen).
    CHECK(contains(run_command(kiosk + " pin status").output, "Ingen PIN-kod är vald"));
    CHECK(contains(run_command(kiosk + " --lang en pin status").output, "No PIN is set"));

    auto too_short = run_command("echo 12 | " + kiosk + " --lang en pin set");
    CHECK(too_short.exit_code == 1);
    CHECK(contains(too_short.output, "The PIN must have 4–8 digits."));

    auto set = run_command("echo 97531 | " + kiosk + " pin set");
    CHECK(set.exit_code == 0);
    const auto file = dir.path() / "faltstod" / "pin.json";
    REQUIRE(std::filesystem::exists(file));
    CHECK((std::filesystem::status(file).permissions() & std::filesystem::perms::all) ==
          (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
    std::ifstream in(file);
    const std::string stored((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK_FALSE(contains(stored, "97531"));
    CHECK(contains(run_command(kiosk + " pin status").output, "En PIN-kod är vald"));

    // Changing or removing it needs the current PIN first.
    auto wrong = run_command("printf '11111\\n' | " + kiosk + " pin remove");
    CHECK(wrong.exit_code == 1);
    CHECK(std::filesystem::exists(file));
    auto removed = run_command("printf '97531\\n' | " + kiosk + " pin remove");
    CHECK(removed.exit_code == 0);
    CHECK_FALSE(std::filesystem::exists(file));
}

// Issue 18: `pin set` and `pin remove` asked for the current PIN with no limit, so a script
// could try every PIN. Now the lock screen's back-off applies, and it is kept on disk.
TEST_CASE("faltstod pin remove: three wrong PINs pause it, and running it again does not reset the pause") {
    faltstod::test::TempDir dir;
    const std::string env = "XDG_CONFIG_HOME=" + faltstod::test::shell_quote(dir.path().string()) + " ";
    const std::string kiosk = env + faltstod::test::shell_quote(FALTSTOD_APP_BIN);
    REQUIRE(run_command("echo 97531 | " + kiosk + " pin set").exit_code == 0);
    const auto file = dir.path() / "faltstod" / "pin.json";
    for (int i = 0; i < 3; ++i) {
        auto wrong = run_command("printf '11111\\n' | " + kiosk + " pin remove");
        CHECK(wrong.exit_code == 1);
        CHECK(contains(wrong.output, "Fel PIN-kod"));
    }
    // A new run of the program, with the right PIN: still paused, nothing changed.
    auto paused = run_command("printf '97531\\n' | " + kiosk + " pin remove");
    INFO(paused.output);
    CHECK(paused.exit_code == 1);
    CHECK(contains(paused.output, "För många felaktiga PIN-koder: vänta"));
    CHECK(std::filesystem::exists(file));
    CHECK(std::filesystem::exists(dir.path() / "faltstod" / "pin-attempts.json"));
    auto set = run_command("printf '97531\\n2468\\n' | " + kiosk + " pin set");
    CHECK(set.exit_code == 1);
    CHECK(contains(set.output, "För många felaktiga PIN-koder"));
}

TEST_CASE("faltstod enroll refuses plain HTTP to another computer in words, with --ca-file after the subcommand") {
    faltstod::test::TempDir dir;
    const std::string db = " --db " + quoted(dir.path() / "data" / "replica.db");
    // Another computer (TEST-NET-1): refused before anything is sent to it.
    auto result = run_command(kApp + db + " enroll --server http://192.0.2.1:8470 --code ABCD-EFGH-JKMN");
    INFO(result.output);
    CHECK(result.exit_code == 1);
    CHECK(contains(result.output, "okrypterat"));
    CHECK(contains(result.output, "--insecure"));
    CHECK(contains(result.output, "[plain-http-refused]"));
    CHECK_FALSE(std::filesystem::exists(dir.path() / "data" / "device.json"));

    // --ca-file is understood after the subcommand too; a file without a certificate is refused.
    const auto not_a_cert = dir.write("ca.pem", "hello");
    result = run_command(kApp + db + " enroll --server https://127.0.0.1:1 --code ABCD-EFGH-JKMN --ca-file " + quoted(not_a_cert));
    CHECK(result.exit_code == 1);
    CHECK(contains(result.output, "holds no PEM certificate"));
    CHECK_FALSE(contains(result.output, "The following argument was not expected"));
}

TEST_CASE("faltstod sync --once says on stderr, in the chosen language, why it failed — never a library's words") {
    faltstod::test::TempDir dir;
    const auto data = dir.path() / "data";
    // Enrolled with a server that is not there (a closed port on this computer).
    dir.write("data/device.json", R"({"server_url": "http://127.0.0.1:1", "device_id": "3f2b8c1e-4d5a-4e6f-9a7b-1c2d3e4f5a6b",
      "token": "token0123456789", "role": "reader", "county": null, "insecure": false, "ca_pem": "",
      "content_key": "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="})");
    for (const std::string language : {"sv", "en"}) {
        CAPTURE(language);
        // Only stderr: the sentence must be there, not on stdout.
        const auto result = run_command("{ " + kApp + " --lang " + language + " --db " + quoted(data / "replica.db") +
                                        " sync --once 2>&1 >/dev/null; }");
        INFO(result.output);
        CHECK(result.exit_code == 1);
        CHECK(contains(result.output, language == "sv" ? "Servern kunde inte nås" : "The server could not be reached"));
        CHECK(contains(result.output, "[cannot-connect]"));
        CHECK_FALSE(contains(result.output, "Connection"));
        CHECK_FALSE(contains(result.output, "Couldn't"));
    }
}
