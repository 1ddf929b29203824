// The validator must accept a correct bundle and, for each kind of mistake, name the file,
// the line and what is wrong — the message is what an editor acts on.
#include "bundle_loader.hpp"
#include "support/sample_bundle.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <regex>

using namespace faltstod;
using faltstod::test::TempDir;

namespace {

content::LoadResult load(const TempDir& dir) { return content::load_bundle(dir.path()); }

// The single error of a bundle that has exactly one mistake.
content::ValidationError only_error(const TempDir& dir) {
    auto result = load(dir);
    INFO("errors: " << [&] {
        std::string all;
        for (const auto& e : result.errors) all += e.to_string() + "\n";
        return all;
    }());
    REQUIRE(result.errors.size() == 1);
    return result.errors.front();
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("the sample bundle is valid and fully loaded") {
    TempDir dir;
    test::write_sample_bundle(dir);
    const auto result = load(dir);
    for (const auto& e : result.errors) FAIL_CHECK(e.to_string());
    CHECK(result.bundle.guidance.size() == 3);
    CHECK(result.bundle.contacts.size() == 3);
    CHECK(result.bundle.support_lines.size() == 2);
    const auto& jour = result.bundle.contacts[1];
    REQUIRE(jour.hours);
    CHECK(jour.hours->weekly.size() == 7);
    CHECK(jour.hours->public_holidays == content::HolidayRule::AsSunday);
    CHECK(jour.hours->exceptions.at(0).close == 120);
    const auto& article = result.bundle.guidance[0];
    CHECK(article.updated == "2026-10-01");
    CHECK(contains(article.body_text, "Tänk på säkerheten först."));
    CHECK_FALSE(contains(article.body_text, "**"));
}

TEST_CASE("a JSON syntax error names its line") {
    TempDir dir;
    test::write_sample_bundle(dir);
    dir.write("contacts/skane.json", "{\"county\": \"12\",\n \"contacts\": [\n  {\"id\": \"x\",}\n ]}\n");
    const auto error = only_error(dir);
    CHECK(error.file == "contacts/skane.json");
    CHECK(error.line == 3);
    CHECK(contains(error.message, "invalid JSON"));
}

// Found by fuzz/fuzz_opening_hours (corpus: fuzz/corpus/*/crash-9a99983…): nlohmann::json reads
// up to a NUL byte and stops, so the rest of the file was ignored and the line index threw on it.
TEST_CASE("a NUL byte in a JSON file is an error on its line, not an exception or a silent end") {
    using namespace std::string_literals;
    TempDir dir;
    test::write_sample_bundle(dir);
    dir.write("contacts/skane.json", "{\"county\": \"12\", \"contacts\": []}\n\0 {\"contac"s);
    const auto error = only_error(dir);
    CHECK(error.file == "contacts/skane.json");
    CHECK(error.line == 2);
    CHECK(contains(error.message, "NUL"));
}

// Found by fuzz/fuzz_opening_hours (crash-56ccff2b…): nlohmann::json throws out_of_range, not
// parse_error, for a number too large for a double, and only parse_error was caught.
TEST_CASE("a number too large for a double is an error, not an exception") {
    TempDir dir;
    test::write_sample_bundle(dir);
    dir.write("contacts/skane.json", "{\"county\": \"12\", \"contacts\": [], \"x\": 1e400}\n");
    const auto error = only_error(dir);
    CHECK(error.file == "contacts/skane.json");
    CHECK(contains(error.message, "invalid JSON"));
    CHECK(contains(error.message, "1e400"));
}

TEST_CASE("a bad closing time names the field and its line") {
    TempDir dir;
    test::write_sample_bundle(dir);
    dir.write("contacts/skane.json", R"({"county": "12", "contacts": [
  {"id": "contact/skane/socialtjanst-malmo", "kind": "socialtjanst", "name": "Malmö stad",
   "municipality": "Malmö", "phone": "040-34 10 00",
   "hours": {"weekly": [
     {"days": ["mon"], "open": "08:00", "close": "25:00"}]}}
]})");
    const auto error = only_error(dir);
    CHECK(error.to_string() == "contacts/skane.json:5: contacts[0].hours.weekly[0].close: '25:00' is not a time of day "
                               "(HH:MM, 00:00–23:59, or 24:00 to close at midnight)");
}

TEST_CASE("a misspelt field is reported, not ignored") {
    TempDir dir;
    test::write_sample_bundle(dir);
    dir.write("contacts/skane.json", R"({"county": "12", "contacts": [
  {"id": "contact/skane/socialtjanst-malmo", "kind": "socialtjanst", "name": "Malmö stad",
   "municipality": "Malmö", "phone": "040-34 10 00",
   "hours": {"weekly": [{"days": ["mon"], "opne": "08:00", "open": "08:00", "close": "16:00"}]}}
]})");
    const auto error = only_error(dir);
    CHECK(error.line == 4);
    CHECK(contains(error.message, "unknown field 'opne'"));
}

TEST_CASE("a missing required field and a wrong type") {
    TempDir dir;
    test::write_sample_bundle(dir);
    dir.write("contacts/skane.json", R"({"county": "12", "contacts": [
  {"id": "contact/skane/polis", "kind": "polis", "name": "Polisen"},
  {"id": "contact/skane/region", "kind": "region", "name": "Region Skåne",
   "phone": 44}
]})");
    const auto result = load(dir);
    REQUIRE(result.errors.size() == 2);
    CHECK(result.errors[0].to_string() == "contacts/skane.json:2: contacts[0].phone: missing required field 'phone'");
    CHECK(result.errors[1].to_string() == "contacts/skane.json:4: contacts[1].phone: expected a string, found number");
}

TEST_CASE("municipal contacts need hours and a municipality") {
    TempDir dir;
    test::write_sample_bundle(dir);
    dir.write("contacts/skane.json", R"({"county": "12", "contacts": [
  {"id": "contact/skane/socialjour-lund", "kind": "socialjour", "name": "Socialjouren Lund", "phone": "046-35 50 00"}
]})");
    const auto result = load(dir);
    REQUIRE(result.errors.size() == 2);
    CHECK(contains(result.errors[0].message, "must have opening hours"));
    CHECK(contains(result.errors[1].message, "must name its municipality"));
}

TEST_CASE("a contact's address is text, and a shelter's is never published") {
    TempDir dir;
    test::write_sample_bundle(dir);
    dir.write("contacts/skane.json", R"({"county": "12", "contacts": [
  {"id": "contact/skane/boende", "kind": "skyddat-boende", "name": "Skyddat boende", "phone": "040-12 34 56",
   "address": "Hemliga vägen 1"},
  {"id": "contact/skane/polisen", "kind": "polis", "name": "Polisen Syd", "phone": "114 14", "address": 12}
]})");
    const auto result = load(dir);
    REQUIRE(result.errors.size() == 2);
    CHECK(contains(result.errors[0].message, "a shelter's address must never be published"));
    CHECK(result.errors[0].file == "contacts/skane.json");
    CHECK(result.errors[0].line == 3);
    CHECK(contains(result.errors[1].message, "address"));
}

TEST_CASE("duplicate ids, unknown counties and misnamed contact files") {
    TempDir dir;
    test::write_sample_bundle(dir);
    dir.write("contacts/skane.json", R"({"county": "05", "contacts": []})");
    auto error = only_error(dir);
    CHECK(contains(error.message, "must be named contacts/ostergotland.json"));

    dir.write("contacts/skane.json", R"({"county": "99", "contacts": []})");
    error = only_error(dir);
    CHECK(contains(error.message, "unknown county code '99'"));

    dir.write("contacts/skane.json", R"({"county": "12", "contacts": [
  {"id": "contact/ostergotland/polisen-syd", "kind": "polis", "name": "Polisen", "phone": "114 14"}
]})");
    error = only_error(dir);
    CHECK(contains(error.message, "must start with 'contact/skane/'"));

    dir.write("contacts/skane.json", R"({"county": "12", "contacts": [
  {"id": "contact/skane/polisen", "kind": "polis", "name": "Polisen", "phone": "114 14"},
  {"id": "contact/skane/polisen", "kind": "polis", "name": "Polisen", "phone": "114 14"}
]})");
    error = only_error(dir);
    CHECK(error.to_string() == "contacts/skane.json:3: contacts[1].id: duplicate id 'contact/skane/polisen'");
}

TEST_CASE("front matter errors name the file's line") {
    TempDir dir;
    test::write_sample_bundle(dir);
    dir.write("guidance/sv/riskbedomning.md", "+++\nid = \"guidance/riskbedomning\"\ntitle = Riskbedömning\n+++\n\ntext");
    auto error = only_error(dir);
    CHECK(error.file == "guidance/sv/riskbedomning.md");
    CHECK(error.line == 3);
    CHECK(contains(error.message, "not valid TOML"));

    dir.write("guidance/sv/riskbedomning.md",
              test::sample_article("riskbedomning", "sv", "Risk", "## Rubrik\nText." + test::filler(), "[\"okand-topic\"]"));
    error = only_error(dir);
    CHECK(error.line == 5);
    CHECK(contains(error.message, "unknown topic 'okand-topic'"));

    dir.write("guidance/sv/riskbedomning.md",
              test::sample_article("risk", "sv", "Risk", "## Rubrik\nText." + test::filler(), "[\"riskbedomning\"]"));
    error = only_error(dir);
    CHECK(error.line == 2);
    CHECK(contains(error.message, "must be 'guidance/riskbedomning'"));

    dir.write("guidance/sv/riskbedomning.md", "id = \"x\"\n");
    error = only_error(dir);
    CHECK(error.line == 1);
    CHECK(contains(error.message, "must start with a '+++' line"));
}

TEST_CASE("body problems are located in the file") {
    TempDir dir;
    test::write_sample_bundle(dir);
    dir.write("guidance/sv/riskbedomning.md",
              test::sample_article("riskbedomning", "sv", "Risk", "## Rubrik\nText.\n\n![bild](x.png)\n" + test::filler(),
                                   "[\"riskbedomning\"]"));
    const auto error = only_error(dir);
    CHECK(error.line == 14);
    CHECK(contains(error.message, "images are not allowed"));
}

TEST_CASE("a translation needs its Swedish original") {
    TempDir dir;
    test::write_sample_bundle(dir);
    dir.write("guidance/en/fgm.md", test::sample_article("fgm", "en", "FGM", "## What\nText." + test::filler()));
    const auto error = only_error(dir);
    CHECK(error.file == "guidance/en/fgm.md");
    CHECK(contains(error.message, "without a Swedish original guidance/sv/fgm.md"));
}

TEST_CASE("events end after they start — checklists have items") {
    TempDir dir;
    test::write_sample_bundle(dir);
    dir.write("events.json", R"({"events": [
  {"id": "event/konferens", "title": {"sv": "Konferens"}, "kind": "konferens", "starts": "2024-01-25",
   "ends": "2024-01-24", "location": "Linköping", "organiser": "NCH", "description": {"sv": "Text"}}
]})");
    auto error = only_error(dir);
    CHECK(error.to_string() == "events.json:3: events[0].ends: ends (2024-01-24) is before starts (2024-01-25)");

    test::write_sample_bundle(dir);
    dir.write("checklists/fore-samtal.json", R"({"id": "checklist/fore-samtal", "title": {"sv": "Före"}, "items": []})");
    error = only_error(dir);
    CHECK(contains(error.message, "at least 3 items"));
}

TEST_CASE("missing files and stray files are reported") {
    TempDir dir;
    test::write_sample_bundle(dir);
    std::filesystem::remove(dir.path() / "support_lines.json");
    dir.write("guidance/sv/anteckning.txt", "glömd fil");
    const auto result = load(dir);
    REQUIRE(result.errors.size() == 2);
    CHECK(result.errors[0].to_string() == "support_lines.json: file is missing");
    CHECK(result.errors[1].to_string() == "guidance/sv/anteckning.txt: unexpected entry: this folder holds only .md files");
}

TEST_CASE("duplicate ids among thousands of contacts: each repeat is named, the first use is not") {
    TempDir dir;
    test::write_sample_bundle(dir);
    std::string contacts = R"({"county": "12", "contacts": [)";
    const int count = 5000;
    for (int i = 0; i < count; ++i) {
        // Contact 2500 repeats contact 10; the last one repeats it again; 4000 repeats 3999.
        const int n = (i == 2500 || i == count - 1) ? 10 : (i == 4000 ? 3999 : i);
        if (i) contacts += ",\n";
        contacts += R"({"id": "contact/skane/c-)" + std::to_string(n) + R"(", "kind": "polis", "name": "Polisen", "phone": "114 14"})";
    }
    dir.write("contacts/skane.json", contacts + "]}");
    const auto result = load(dir);
    std::vector<std::string> found;
    for (const auto& e : result.errors) found.push_back(e.to_string());
    CHECK(found == std::vector<std::string>{
                       "contacts/skane.json:2501: contacts[2500].id: duplicate id 'contact/skane/c-10'",
                       "contacts/skane.json:4001: contacts[4000].id: duplicate id 'contact/skane/c-3999'",
                       "contacts/skane.json:5000: contacts[4999].id: duplicate id 'contact/skane/c-10'"});
    CHECK(result.bundle.contacts.size() == static_cast<std::size_t>(count) + 2);  // the sample's two other contacts stay
}

TEST_CASE("content that names a button the kiosk does not have is refused where it says so") {
    // Found in the shipped content: "knappen ”Dölj”" and "snabbutgången" for the button that the
    // kiosk calls "Snabbstäng"; a reader in a hurry looks for a button that is not there.
    TempDir dir;
    test::write_sample_bundle(dir);
    dir.write("guidance/sv/riskbedomning.md",
              test::sample_article("riskbedomning", "sv", "Risk", "## Rubrik\nTryck på knappen ”Dölj” om någon kommer in.\n" + test::filler(),
                                   "[\"riskbedomning\"]"));
    auto error = only_error(dir);
    CHECK(error.file == "guidance/sv/riskbedomning.md");
    CHECK(error.line == 12);
    CHECK(contains(error.message, "\"Dölj\""));

    test::write_sample_bundle(dir);
    dir.write("events.json", R"({"events": [
  {"id": "event/konferens", "title": {"sv": "Konferens"}, "kind": "konferens", "starts": "2024-01-24",
   "ends": "2024-01-25", "location": "Linköping", "organiser": "NCH",
   "description": {"sv": "Använd snabbutgången vid behov.", "en": "Press the “Hide” button."}}
]})");
    const auto result = load(dir);
    REQUIRE(result.errors.size() == 2);
    CHECK(result.errors[0].to_string().find("events.json:4: events[0].description.sv: calls the quick exit \"snabbutgången\"") == 0);
    CHECK(contains(result.errors[1].message, "\"Hide\""));
}
