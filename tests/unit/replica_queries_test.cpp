// The query layer the kiosk's screens use: search (diacritics, prefixes, ranking, snippets,
// hostile input), contacts by place and kind, support lines by audience, hours round trip.
#include "bundle_loader.hpp"
#include "content_store.hpp"
#include "favourites.hpp"
#include "replica_queries.hpp"
#include "replica_schema.hpp"
#include "support/sample_bundle.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace faltstod;
using faltstod::test::TempDir;

namespace {

struct Fixture {
    TempDir dir;
    sqlite::Database db = make();

    sqlite::Database make() {
        test::write_sample_bundle(dir);
        auto loaded = content::load_bundle(dir.path());
        REQUIRE(loaded.ok());
        auto replica_db = replica::open_replica((dir.path() / "replica.db").string());
        replica::replace_all_content(replica_db, loaded.bundle);
        return replica_db;
    }

    std::vector<std::string> ids(const std::string& query, const std::string& language = "sv") {
        std::vector<std::string> out;
        for (const auto& hit : replica::search_guidance(db, query, language)) out.push_back(hit.id + "@" + hit.language);
        return out;
    }
};

}  // namespace

TEST_CASE("user text becomes a safe prefix query") {
    CHECK(replica::fts_query_from_user_text("säk") == "\"säk\"*");
    CHECK(replica::fts_query_from_user_text("  barn, äktenskap ") == "\"barn\"* \"äktenskap\"*");
    CHECK(replica::fts_query_from_user_text("\"NEAR(a b)\" OR *") == "\"NEAR\"* \"a\"* \"b\"* \"OR\"*");
    CHECK(replica::fts_query_from_user_text("-- ; ' \"") == "");
}

TEST_CASE_FIXTURE(Fixture, "diacritics are optional in both directions") {
    // "säkerhet" is in one body as "säkerheten", in the other as "säkerhet".
    auto found = ids("säkerhet");
    std::sort(found.begin(), found.end());
    CHECK(found == std::vector<std::string>{"guidance/barnaktenskap@sv", "guidance/riskbedomning@sv"});
    CHECK(ids("sakerhet") == ids("säkerhet"));
    CHECK(ids("säkerheten") == ids("sakerheten"));
    CHECK(ids("säkerheten").size() == 1);
    CHECK(ids("barnäktenskap") == ids("barnaktenskap"));
    CHECK(ids("BARNÄKTENSKAP").size() == 1);
}

TEST_CASE_FIXTURE(Fixture, "a prefix finds the whole word") {
    CHECK(ids("säk").size() == 2);
    CHECK(ids("patri") == std::vector<std::string>{"guidance/riskbedomning@sv"});
    CHECK(ids("barnäkt erkänn") == std::vector<std::string>{"guidance/barnaktenskap@sv"});  // all words must match
    CHECK(ids("finnsinte").empty());
}

TEST_CASE_FIXTURE(Fixture, "a title match ranks above a body match") {
    const auto hits = replica::search_guidance(db, "risk", "sv");
    REQUIRE(!hits.empty());
    CHECK(hits.front().id == "guidance/riskbedomning");
    replica::upsert_guidance(db, [] {
        content::GuidanceArticle a;
        a.id = "guidance/om-metoder";
        a.language = "sv";
        a.title = "Om arbetssätt";
        a.updated = "2026-10-02";
        a.body_text = a.body_markdown = "Här nämns riskbedömning en gång, långt ner i en lång text om annat.";
        return a;
    }());
    const auto ranked = replica::search_guidance(db, "riskbedömning", "sv");
    REQUIRE(ranked.size() == 2);
    CHECK(ranked[0].id == "guidance/riskbedomning");
    CHECK(ranked[1].id == "guidance/om-metoder");
    CHECK(ranked[0].rank < ranked[1].rank);
}

TEST_CASE_FIXTURE(Fixture, "snippets mark what matched") {
    const auto hits = replica::search_guidance(db, "erkann", "sv");
    REQUIRE(hits.size() == 1);
    const auto& parts = hits[0].snippet;
    const auto marked = std::find_if(parts.begin(), parts.end(), [](const auto& p) { return p.highlighted; });
    REQUIRE(marked != parts.end());
    CHECK(marked->text == "erkänns");
}

TEST_CASE_FIXTURE(Fixture, "English search falls back to Swedish articles without a translation") {
    CHECK(ids("child", "en") == std::vector<std::string>{"guidance/barnaktenskap@en"});
    CHECK(ids("PATRIARK", "en") == std::vector<std::string>{"guidance/riskbedomning@sv"});
    CHECK(ids("barnäktenskap", "en").empty());  // the Swedish text is hidden behind its translation
    CHECK(replica::find_guidance(db, "guidance/riskbedomning", "en")->language == "sv");
    CHECK(replica::find_guidance(db, "guidance/barnaktenskap", "en")->title == "Child marriage");
    CHECK_FALSE(replica::find_guidance(db, "guidance/finns-inte", "sv"));
}

TEST_CASE_FIXTURE(Fixture, "hostile or empty input never breaks search") {
    for (const char* text : {"", "   ", "\"", "AND", "a OR", "NEAR(", "*", "'; DROP TABLE guidance; --", "title:x"})
        CHECK_NOTHROW(replica::search_guidance(db, text, "sv"));
    CHECK(replica::count_content(db).guidance == 3);
}

TEST_CASE_FIXTURE(Fixture, "guidance by topic") {
    CHECK(replica::guidance_by_topic(db, "riskbedomning", "sv").size() == 1);
    CHECK(replica::guidance_by_topic(db, "", "sv").size() == 2);
    CHECK(replica::guidance_by_topic(db, "", "en").size() == 2);
    CHECK(replica::all_topics(db).size() == 2);
}

TEST_CASE_FIXTURE(Fixture, "contacts by county, municipality and kind") {
    CHECK(replica::all_counties(db).size() == 2);
    CHECK(replica::find_contacts(db, {}).size() == 3);
    const auto ost = replica::find_contacts(db, {std::string("05"), std::nullopt, std::nullopt});
    REQUIRE(ost.size() == 2);
    CHECK(ost[0].kind == "polis");  // county-wide before municipal
    CHECK(replica::find_contacts(db, {std::nullopt, std::string("Linköping"), std::nullopt}).size() == 1);
    CHECK(replica::find_contacts(db, {std::string("05"), std::nullopt, std::string("socialjour")}).size() == 1);
    CHECK(replica::find_contacts(db, {std::string("12"), std::nullopt, std::string("polis")}).empty());
    CHECK(replica::municipalities_in(db, "05") == std::vector<std::string>{"Linköping"});
}

TEST_CASE_FIXTURE(Fixture, "a contact's address comes back, and its absence too") {
    replica::ContactFilter malmo;
    malmo.municipality = "Malmö";
    const auto found = replica::find_contacts(db, malmo);
    REQUIRE(found.size() == 1);
    CHECK(found[0].address == std::optional<std::string>("Testgatan 1, 211 00 Malmö"));
    replica::ContactFilter police;
    police.kind = "polis";
    CHECK_FALSE(replica::find_contacts(db, police).at(0).address);
}

TEST_CASE_FIXTURE(Fixture, "opening hours come back exactly as published") {
    const auto contacts = replica::find_contacts(db, {std::nullopt, std::string("Linköping"), std::nullopt});
    REQUIRE(contacts.size() == 1);
    REQUIRE(contacts[0].hours);
    const auto& hours = *contacts[0].hours;
    CHECK_FALSE(hours.always_open);
    CHECK(hours.public_holidays == content::HolidayRule::AsSunday);
    REQUIRE(hours.weekly.size() == 7);
    const auto saturday = std::find_if(hours.weekly.begin(), hours.weekly.end(), [](const auto& r) { return r.weekday == 5; });
    REQUIRE(saturday != hours.weekly.end());
    CHECK(saturday->open == 16 * 60);
    CHECK(saturday->close == 90);  // past midnight
    REQUIRE(hours.exceptions.size() == 1);
    CHECK(hours.exceptions[0].date == "2026-12-24");
}

TEST_CASE_FIXTURE(Fixture, "support lines by audience, in the editors' order") {
    const auto all = replica::support_lines(db);
    REQUIRE(all.size() == 2);
    CHECK(all[0].id == "line/kvinnofridslinjen");
    CHECK(all[0].hours.always_open);
    CHECK(all[0].free);
    const auto children = replica::support_lines(db, std::string("barn"));
    REQUIRE(children.size() == 1);
    CHECK(children[0].who.in("en") == "For children under 18.");
    CHECK(replica::support_lines(db, std::string("man")).empty());
}

TEST_CASE_FIXTURE(Fixture, "removing content takes its hours and items along — re-importing is idempotent") {
    replica::remove_content(db, "contacts", "contact/ostergotland/socialjour-linkoping");
    CHECK_FALSE(replica::opening_hours(db, "contact/ostergotland/socialjour-linkoping"));
    auto count = [&](const char* sql) {
        auto stmt = db.prepare(sql);
        stmt.step();
        return stmt.column_int(0);
    };
    CHECK(count("SELECT count(*) FROM opening_ranges WHERE owner_id = 'contact/ostergotland/socialjour-linkoping'") == 0);
    replica::remove_content(db, "checklists", "checklist/fore-samtal");
    CHECK(count("SELECT count(*) FROM checklist_items") == 0);
    CHECK_THROWS_AS(replica::remove_content(db, "favourites; DROP TABLE x", "a"), std::invalid_argument);

    db.exec("INSERT INTO favourites (guidance_id, added_at) VALUES ('guidance/barnaktenskap', '2026-11-22')");
    auto loaded = content::load_bundle(dir.path());
    const auto first = replica::replace_all_content(db, loaded.bundle);
    const auto second = replica::replace_all_content(db, loaded.bundle);
    CHECK(first.contacts == second.contacts);
    CHECK(second.guidance == 3);
    CHECK(count("SELECT count(*) FROM opening_ranges") == 5 + 7);  // Malmö mon–fri, Linköping every day
    CHECK(count("SELECT count(*) FROM favourites") == 1);  // local state survives a content replacement
    CHECK(replica::search_guidance(db, "säkerhet", "sv").size() == 2);  // index rebuilt, not duplicated
}

TEST_CASE("checklists come with their items in order") {
    Fixture f;
    const auto lists = replica::all_checklists(f.db);
    REQUIRE(lists.size() == 1);
    CHECK(lists[0].title.sv == "Före samtalet");
    REQUIRE(lists[0].items.size() == 3);
    CHECK(lists[0].items[0].text.sv == "Ett");
    CHECK(lists[0].items[2].text.sv == "Tre");
}

TEST_CASE("events split into upcoming and past at a date, a running event counts as upcoming") {
    Fixture f;
    CHECK(replica::events_from(f.db, "2024-01-01").size() == 1);
    CHECK(replica::events_from(f.db, "2024-01-25").size() == 1);  // ends that day
    CHECK(replica::events_from(f.db, "2024-01-26").empty());
    const auto past = replica::events_from(f.db, "2024-01-26", true);
    REQUIRE(past.size() == 1);
    CHECK(past[0].location == "Linköping");
    CHECK(past[0].county_code == std::optional<std::string>("05"));
}

TEST_CASE("favourites are stored per article and survive a content reload") {
    Fixture f;
    replica::set_favourite(f.db, "guidance/barnaktenskap", true);
    replica::set_favourite(f.db, "guidance/barnaktenskap", true);  // twice is once
    replica::set_favourite(f.db, "guidance/riskbedomning", true);
    replica::set_favourite(f.db, "guidance/riskbedomning", false);
    CHECK(replica::favourite_ids(f.db) == std::set<std::string>{"guidance/barnaktenskap"});
    auto loaded = content::load_bundle(f.dir.path());
    replica::replace_all_content(f.db, loaded.bundle);
    CHECK(replica::favourite_ids(f.db).contains("guidance/barnaktenskap"));
}
