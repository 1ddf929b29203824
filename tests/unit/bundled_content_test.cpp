// The content we ship (assets/content) is valid and as complete as the foundation issue
// promises: ≥ 30 articles (≥ 5 in English), all 21 counties, ≥ 40 municipalities with
// socialtjänst/socialjour, ≥ 10 support lines, ≥ 6 checklists, ≥ 6 events.
#include "bundle_loader.hpp"
#include "content_store.hpp"
#include "replica_queries.hpp"
#include "replica_schema.hpp"
#include "support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>

using namespace faltstod;

namespace {
const content::LoadResult& shipped() {
    static const auto result = content::load_bundle(std::filesystem::path(FALTSTOD_SOURCE_DIR) / "assets" / "content");
    return result;
}
}  // namespace

TEST_CASE("the shipped bundle validates without a single problem") {
    for (const auto& e : shipped().errors) FAIL_CHECK(e.to_string());
}

TEST_CASE("the shipped bundle is complete") {
    const auto& b = shipped().bundle;
    const auto count_lang = [&](const char* lang) {
        return std::count_if(b.guidance.begin(), b.guidance.end(), [&](const auto& g) { return g.language == lang; });
    };
    CHECK(count_lang("sv") >= 30);
    CHECK(count_lang("en") >= 5);
    CHECK(b.counties.size() == 21);

    std::set<std::string> counties_with_contacts, municipalities_with_social_services;
    bool crosses_midnight = false, evening_only = false;
    for (const auto& c : b.contacts) {
        counties_with_contacts.insert(c.county_code);
        if ((c.kind == "socialtjanst" || c.kind == "socialjour") && c.municipality)
            municipalities_with_social_services.insert(*c.municipality);
        if (c.kind == "socialjour" && c.hours && !c.hours->always_open) {
            for (const auto& r : c.hours->weekly) {
                if (r.close <= r.open) crosses_midnight = true;
                if (r.open >= 16 * 60 && r.close == 24 * 60) evening_only = true;
            }
        }
    }
    CHECK(counties_with_contacts.size() == 21);
    CHECK(municipalities_with_social_services.size() >= 40);
    CHECK(crosses_midnight);
    CHECK(evening_only);
    for (const auto& county : b.counties) {
        CAPTURE(county.name);
        for (const char* kind : {"polis", "aklagare", "region"}) {
            CAPTURE(kind);
            CHECK(std::any_of(b.contacts.begin(), b.contacts.end(),
                              [&](const auto& c) { return c.county_code == county.code && c.kind == kind; }));
        }
    }

    CHECK(b.support_lines.size() >= 10);
    const auto nch = std::find_if(b.support_lines.begin(), b.support_lines.end(),
                                  [](const auto& l) { return l.number == "010-223 57 60"; });
    REQUIRE(nch != b.support_lines.end());
    CHECK_FALSE(nch->hours.exceptions.empty());
    CHECK(b.checklists.size() >= 6);
    CHECK(b.events.size() >= 6);
}

TEST_CASE("the shipped bundle covers every subject the foundation issue names") {
    const auto& b = shipped().bundle;
    const auto has_article_about = [&](const char* word) {
        return std::any_of(b.guidance.begin(), b.guidance.end(), [&](const auto& g) {
            return g.language == "sv" && (g.title + " " + g.body_text).find(word) != std::string::npos;
        });
    };
    for (const char* word : {"barnäktenskap", "tvångsäktenskap", "könsstympning", "UD-jouren", "31 d §", "anmälningsplikt",
                             "skyddade personuppgifter", "FREDA", "PATRIARK", "SARA:SV", "resurscentrum", "avidentifier",
                             "betänketid"}) {
        CAPTURE(word);
        CHECK(has_article_about(word));
    }
}

TEST_CASE("the shipped bundle loads into a replica and is searchable") {
    REQUIRE(shipped().ok());
    test::TempDir dir;
    auto db = replica::open_replica((dir.path() / "replica.db").string());
    const auto counts = replica::replace_all_content(db, shipped().bundle);
    CHECK(counts.guidance == static_cast<int>(shipped().bundle.guidance.size()));
    CHECK_FALSE(replica::search_guidance(db, "barnaktenskap", "sv").empty());
    CHECK_FALSE(replica::search_guidance(db, "tvangs", "sv").empty());
    CHECK_FALSE(replica::search_guidance(db, "forced marriage", "en").empty());
}
