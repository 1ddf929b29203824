// One search for everything (app/everything_search.hpp), on the shipped content in a real
// replica: support lines, contacts (the device's county first), checklists and articles.
#include "bundle_loader.hpp"
#include "content_store.hpp"
#include "everything_search.hpp"
#include "replica_schema.hpp"
#include "support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace faltstod;

namespace {

struct Shipped {
    test::TempDir dir;
    sqlite::Database db = replica::open_replica((dir.path() / "replica.db").string());
    std::vector<content::SupportLine> lines;
    std::vector<content::Checklist> checklists;
    Shipped() {
        const auto loaded = content::load_bundle(std::filesystem::path(FALTSTOD_SOURCE_DIR) / "assets" / "content");
        REQUIRE(loaded.ok());
        replica::replace_all_content(db, loaded.bundle);
        lines = replica::support_lines(db);
        checklists = replica::all_checklists(db);
    }
    app::EverythingResults find(const char* text, std::optional<std::string> county = std::nullopt, const std::string& language = "sv") {
        const app::EverythingSearch search(db, lines, checklists, language);
        return search.search(db, text, language, county, 5);
    }
};

}  // namespace

TEST_CASE_FIXTURE(Shipped, "'bris' finds the support line, whatever the case") {
    for (const char* typed : {"bris", "BRIS", "Bris"}) {
        const auto found = find(typed);
        REQUIRE(found.lines.size() == 1);
        CHECK(found.lines[0]->id == "line/bris");
        CHECK(found.total() >= 1);
    }
}

TEST_CASE_FIXTURE(Shipped, "'socialjour' gives the device's county's socialjour first, and counts them all") {
    const auto found = find("socialjour", std::string("05"));
    REQUIRE_FALSE(found.contacts.empty());
    CHECK(found.contacts.front().county_code == "05");
    CHECK(found.contacts.front().kind == "socialjour");
    CHECK(found.contacts.size() <= 5);
    CHECK(found.contacts_found > found.contacts.size());  // more than the five shown
    const auto elsewhere = find("socialjour", std::string("12"));
    REQUIRE_FALSE(elsewhere.contacts.empty());
    CHECK(elsewhere.contacts.front().county_code == "12");
}

TEST_CASE_FIXTURE(Shipped, "checklists and articles are found by their words, å, ä and ö optional") {
    const auto found = find("hembesok");
    CHECK(std::any_of(found.checklists.begin(), found.checklists.end(), [](const auto* c) { return c->id.find("hembesok") != std::string::npos; }));
    CHECK_FALSE(find("barnäktenskap").articles.empty());
    CHECK(find("barnaktenskap").articles.size() == find("barnäktenskap").articles.size());
}

TEST_CASE_FIXTURE(Shipped, "in English, Swedish-only articles are found too, marked by their language") {
    const auto found = find("barnäktenskap", std::nullopt, "en");
    CHECK(std::any_of(found.articles.begin(), found.articles.end(), [](const auto& hit) { return hit.language == "sv"; }));
}

TEST_CASE_FIXTURE(Shipped, "one or two letters find no lines, contacts or checklists") {
    const auto found = find("i");
    CHECK(found.lines.empty());
    CHECK(found.contacts_found == 0);
    CHECK(found.checklists.empty());
    CHECK(find("ingenting-sadant").total() == 0);
}
