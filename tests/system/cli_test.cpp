// The two programs as a person runs them: validate the shipped bundle, reject a broken one
// with file:line errors, import into a replica and query it. Real binaries, real files.
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

#include <doctest/doctest.h>


namespace {

using faltstod::test::run_command;

std::string quoted(const std::filesystem::path& path) { return "'" + path.string() + "'"; }

const std::string kServer = FALTSTOD_SERVER_BIN;
const std::string kApp = FALTSTOD_APP_BIN;
const std::filesystem::path kBundle = std::filesystem::path(FALTSTOD_SOURCE_DIR) / "assets" / "content";

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

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
    CHECK(contains(result.output, "Imported"));

    result = run_command(kApp + db + " search barnaktenskap");
    CHECK(result.exit_code == 0);
    CHECK(contains(result.output, "»"));

    result = run_command(kApp + db + " lines --audience barn");
    CHECK(contains(result.output, "116 111"));
    CHECK(contains(result.output, "Bris – för barn och unga  116 111  – öppet nu (dygnet runt)"));
    // Rätt att välja (daily 07–21) is either open or closed now, and says until or from when.
    CHECK((contains(result.output, "020-57 70 70  – öppet nu, stänger ") || contains(result.output, "020-57 70 70  – stängt, öppnar ")));

    result = run_command(kApp + db + " contacts --county 05 --kind polis");
    CHECK(contains(result.output, "114 14"));

    result = run_command(kApp + db + " status");
    CHECK(contains(result.output, "schema version"));
}

TEST_CASE("a broken bundle is not imported and the replica keeps its content") {
    faltstod::test::TempDir dir;
    const std::string db = " --db " + quoted(dir.path() / "replica.db");
    REQUIRE(run_command(kApp + db + " import " + quoted(kBundle)).exit_code == 0);
    const auto before = run_command(kApp + db + " status").output;

    std::filesystem::copy(kBundle, dir.path() / "bundle", std::filesystem::copy_options::recursive);
    std::filesystem::remove(dir.path() / "bundle" / "topics.json");
    const auto result = run_command(kApp + db + " import " + quoted(dir.path() / "bundle"));
    INFO(result.output);
    CHECK(result.exit_code == 1);
    CHECK(contains(result.output, "topics.json: file is missing"));
    CHECK(contains(result.output, "Nothing was imported"));
    CHECK(run_command(kApp + db + " status").output == before);
}
