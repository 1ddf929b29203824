// The query layer the kiosk's screens use: search (diacritics, prefixes, ranking, snippets,
// hostile input), contacts by place and kind, support lines by audience, hours round trip.
#include "bundle_loader.hpp"
#include "content_store.hpp"
#include "favourites.hpp"
#include "replica_queries.hpp"
#include "replica_schema.hpp"
#include "search_ranking.hpp"
#include "search_snippet.hpp"
#include "support/sample_bundle.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <tuple>
#include <map>

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

    // An article with just what search reads, dated like the sample bundle's.
    static content::GuidanceArticle article(const std::string& id, const std::string& language, const std::string& title,
                                            const std::string& body, const std::string& summary = "") {
        content::GuidanceArticle a;
        a.id = id;
        a.language = language;
        a.title = title;
        a.summary = summary;
        a.updated = "2026-10-02";
        a.body_text = a.body_markdown = body;
        return a;
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
    CHECK(replica::fts_query_from_user_text("\"NEAR(a b)\" OR *") == "\"NEAR\"* \"a\" \"b\" \"OR\"");
    CHECK(replica::fts_query_from_user_text("-- ; ' \"") == "");
}

TEST_CASE("words shorter than three letters are searched as whole words, counted in letters not bytes") {
    CHECK(replica::fts_query_from_user_text("tolk i samtal") == "\"tolk\"* \"i\" \"samtal\"*");
    CHECK(replica::fts_query_from_user_text("ba") == "\"ba\"");
    CHECK(replica::fts_query_from_user_text("år") == "\"år\"");    // 3 bytes, 2 letters
    CHECK(replica::fts_query_from_user_text("åäö") == "\"åäö\"*");  // 6 bytes, 3 letters
    CHECK(replica::search_words("  tolk, i-samtal ") == std::vector<std::string>{"tolk", "i", "samtal"});
    CHECK(replica::only_short_words("b"));
    CHECK(replica::only_short_words("ba r"));
    CHECK_FALSE(replica::only_short_words("bar"));
    CHECK_FALSE(replica::only_short_words("ba rad"));
    CHECK_FALSE(replica::only_short_words(""));
    CHECK_FALSE(replica::only_short_words(" ,. "));
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
    CHECK(ids("sä").empty());  // two letters: only the word "sä" itself, which no article has
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

namespace {

// The words of a text that start with `prefix` (ASCII letters, either case), for the
// reference ranking below: written here from the documented rule, not taken from the product.
int occurrences_of_prefix(const std::string& text, const std::string& prefix) {
    int count = 0;
    std::string word;
    auto flush = [&] {
        std::string lower = word;
        for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (lower.rfind(prefix, 0) == 0) ++count;
        word.clear();
    };
    for (char c : text) {
        if (static_cast<unsigned char>(c) >= 0x80 || std::isalnum(static_cast<unsigned char>(c))) word += c;
        else flush();
    }
    flush();
    return count;
}

}  // namespace

TEST_CASE_FIXTURE(Fixture, "many matches: best first by the documented ranking, limit honoured, every returned row has its snippet") {
    // 40 articles that match "ris"*, with different numbers of title, summary and body
    // matches, and 60 that do not.
    for (int i = 0; i < 60; ++i) {
        content::GuidanceArticle a;
        a.id = "guidance/other-" + std::to_string(i);
        a.language = "sv";
        a.title = "Annat " + std::to_string(i);
        a.updated = "2026-10-02";
        a.body_text = a.body_markdown = "Text om helt andra saker.";
        replica::upsert_guidance(db, a);
    }
    for (int i = 0; i < 40; ++i) {
        content::GuidanceArticle a;
        a.id = "guidance/many-" + std::to_string(i);
        a.language = "sv";
        a.title = (i % 5 == 0) ? "Risker nummer " + std::to_string(i) : "Artikel " + std::to_string(i);
        a.summary = (i % 3 == 0) ? "Om risk och skydd" : "Om annat";
        a.updated = "2026-10-02";
        a.body_text = "Inledning. ";
        for (int r = 0; r < i % 11; ++r) a.body_text += "Risken bedöms igen. ";  // up to 10: past the 8 counted
        a.body_text += "slut.";
        a.body_markdown = a.body_text;
        replica::upsert_guidance(db, a);
    }
    // The reference, from search_ranking.hpp's rule: per column, weight × n × 2.2 / (n + 1.2)
    // with the body's n capped at 8; best first, ties in the order the articles were stored.
    auto saturate = [](int n) { return n * 2.2 / (n + 1.2); };
    std::vector<std::tuple<double, std::int64_t, std::string>> all;
    auto rows = db.prepare("SELECT num, id, title, summary, body_text FROM guidance WHERE language = 'sv'");
    while (rows.step()) {
        const int title = occurrences_of_prefix(rows.column_text(2), "ris");
        const int summary = occurrences_of_prefix(rows.column_text(3), "ris");
        const int body = std::min(occurrences_of_prefix(rows.column_text(4), "ris"), 8);
        if (title + summary + body == 0) continue;
        all.emplace_back(-(10.0 * saturate(title) + 4.0 * saturate(summary) + 1.0 * saturate(body)), rows.column_int(0), rows.column_text(1));
    }
    std::sort(all.begin(), all.end());
    REQUIRE(all.size() > 20);  // most of the 40, and the sample bundle's "riskbedömning"

    for (const int limit : {1, 7, 20, 1000}) {
        CAPTURE(limit);
        const auto hits = replica::search_guidance(db, "ris", "sv", limit);
        REQUIRE(hits.size() == std::min<std::size_t>(static_cast<std::size_t>(limit), all.size()));
        for (std::size_t i = 0; i < hits.size(); ++i) {
            CAPTURE(i);
            CHECK(hits[i].id == std::get<2>(all[i]));
            CHECK(hits[i].rank == doctest::Approx(std::get<0>(all[i])));
            const auto marked = std::find_if(hits[i].snippet.begin(), hits[i].snippet.end(), [](const auto& p) { return p.highlighted; });
            REQUIRE(marked != hits[i].snippet.end());
            const std::string start = marked->text.substr(0, 3);
            CHECK((start == "ris" || start == "Ris"));
        }
    }
}

TEST_CASE("the ranking saturates: each further occurrence adds less, and the body counts at most 8") {
    const double weights[3] = {10.0, 4.0, 1.0};
    CHECK(replica::search_score({1, 0, 0}, weights) == doctest::Approx(10.0));
    CHECK(replica::search_score({0, 1, 0}, weights) == doctest::Approx(4.0));
    CHECK(replica::search_score({0, 0, 1}, weights) == doctest::Approx(1.0));
    const double two = replica::search_score({0, 0, 2}, weights);
    const double three = replica::search_score({0, 0, 3}, weights);
    CHECK(two - 1.0 > three - two);
    CHECK(replica::search_score({1, 0, 0}, weights) > replica::search_score({0, 0, replica::kBodyOccurrencesCounted}, weights));
}

TEST_CASE_FIXTURE(Fixture, "search works on a connection that did not open the replica itself") {
    // The kiosk opens the replica with open_replica; a plain connection gets the ranking
    // function registered by the first search.
    sqlite::Database plain((dir.path() / "replica.db").string());
    CHECK(replica::search_guidance(plain, "säkerhet", "sv").size() == 2);
    CHECK(replica::search_guidance(plain, "säkerhet", "sv").size() == 2);  // registered once, found again
}

TEST_CASE_FIXTURE(Fixture, "a snippet is cut around the typed words, from the body first") {
    const replica::SearchTokenizer tokenizer(db);
    const std::vector<replica::QueryWord> words{{{"sakerhet"}, true}, {{"plan"}, true}};
    const std::string body =
        "Ett två tre fyra fem sex sju åtta nio tio elva tolv tretton fjorton femton sexton. "
        "Här står något om säkerheten i hemmet och en plan för natten. Sedan kommer mer text om annat, "
        "ord efter ord efter ord efter ord efter ord.";
    const auto snippet = replica::marked_snippet(tokenizer, words, "Rubrik", "Sammanfattning", body);
    CHECK(snippet.rfind("…", 0) == 0);  // cut at the start
    CHECK(snippet.find("\x02säkerheten\x03") != std::string::npos);
    CHECK(snippet.find("\x02plan\x03") != std::string::npos);
    CHECK(snippet.size() >= 3);
    CHECK(snippet.substr(snippet.size() - 3) == "…");  // and at the end
    CHECK(snippet.find("Ett två") == std::string::npos);

    // Found only in the title: the title is the snippet, whole and marked.
    const auto from_title = replica::marked_snippet(tokenizer, {{{"rubrik"}, true}}, "Om Rubriker", "Sammanfattning", "Brödtext.");
    CHECK(from_title == "Om \x02Rubriker\x03");
    // The window starts with the match's sentence, and stays on one line.
    CHECK(replica::marked_snippet(tokenizer, {{{"sakerhet"}, true}}, "T", "", "Första meningen slutar här.\nSäkerheten kommer sedan.") ==
          "…\x02Säkerheten\x03 kommer sedan.");
    // A whole word does not mark longer words; a short body is shown whole.
    CHECK(replica::marked_snippet(tokenizer, {{{"id"}, false}}, "T", "", "Skyddad id och identitet.") ==
          "Skyddad \x02id\x03 och identitet.");
}

TEST_CASE_FIXTURE(Fixture, "the other language's articles do not take places in a limited list") {
    auto add = [&](const std::string& id, const std::string& language, const std::string& title) {
        replica::upsert_guidance(db, article(id, language, title, "Text."));
    };
    // Five translated articles whose English titles match twice (ranking above everything
    // else), and two Swedish ones without a translation.
    for (int i = 0; i < 5; ++i) {
        add("guidance/par-" + std::to_string(i), "sv", "Provord " + std::to_string(i));
        add("guidance/par-" + std::to_string(i), "en", "Provord provord " + std::to_string(i));
    }
    add("guidance/ensam-0", "sv", "Provord ensam");
    add("guidance/ensam-1", "sv", "Provord ensam");
    for (const int limit : {1, 3, 6}) {
        CAPTURE(limit);
        const auto sv = replica::search_guidance(db, "provord", "sv", limit);
        REQUIRE(sv.size() == static_cast<std::size_t>(limit));
        for (const auto& hit : sv) CHECK(hit.language == "sv");
    }
    const auto en = replica::search_guidance(db, "provord", "en", 6);
    REQUIRE(en.size() == 6);
    for (int i = 0; i < 5; ++i) CHECK(en[static_cast<std::size_t>(i)].language == "en");  // the translations rank first
    CHECK(en[5].language == "sv");
    CHECK(en[5].id.rfind("guidance/ensam-", 0) == 0);
    CHECK(replica::search_guidance(db, "provord", "en", 1000).size() == 7);
    CHECK(replica::search_guidance(db, "provord", "sv", 1000).size() == 7);
}

TEST_CASE_FIXTURE(Fixture, "a two-letter word finds that word, not every word it starts") {
    replica::upsert_guidance(db, article("guidance/id-kort", "sv", "När id saknas", "Om legitimation."));
    CHECK(ids("id") == std::vector<std::string>{"guidance/id-kort@sv"});
    CHECK(ids("ide").empty());  // three letters: a prefix, which nothing here starts with
}

TEST_CASE_FIXTURE(Fixture, "an updated article is found by its new text only, whichever columns changed") {
    auto integrity = [&] {
        // FTS5 compares its index with the content table and fails on any difference.
        CHECK_NOTHROW(db.exec("INSERT INTO guidance_fts (guidance_fts, rank) VALUES ('integrity-check', 1)"));
    };
    auto a = article("guidance/uppdaterad", "sv", "Gammalrubrik", "Brödtext om vattenkokare.", "Blåbärssoppa");
    replica::upsert_guidance(db, a);
    CHECK(ids("gammalrubrik") == std::vector<std::string>{"guidance/uppdaterad@sv"});

    // Columns the index does not hold: still found, once, and the index matches the table.
    a.topics = {"riskbedomning"};
    a.updated = "2026-11-01";
    replica::upsert_guidance(db, a);
    replica::upsert_guidance(db, a);  // the same row again
    CHECK(ids("gammalrubrik") == std::vector<std::string>{"guidance/uppdaterad@sv"});
    CHECK(ids("vattenkokare") == std::vector<std::string>{"guidance/uppdaterad@sv"});
    integrity();

    // Each indexed column in turn: the old words are gone, the new ones found.
    a.title = "Nyrubrik";
    replica::upsert_guidance(db, a);
    CHECK(ids("gammalrubrik").empty());
    CHECK(ids("nyrubrik") == std::vector<std::string>{"guidance/uppdaterad@sv"});
    a.summary = "Lingonsylt";
    replica::upsert_guidance(db, a);
    CHECK(ids("blåbärssoppa").empty());
    CHECK(ids("lingonsylt") == std::vector<std::string>{"guidance/uppdaterad@sv"});
    a.body_text = "Brödtext om diskmaskiner.";
    replica::upsert_guidance(db, a);
    CHECK(ids("vattenkokare").empty());
    CHECK(ids("diskmaskiner") == std::vector<std::string>{"guidance/uppdaterad@sv"});
    integrity();
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
    const auto ost = replica::find_contacts(db, {std::string("05"), std::nullopt, std::nullopt, std::nullopt});
    REQUIRE(ost.size() == 2);
    CHECK(ost[0].kind == "polis");  // county-wide before municipal
    CHECK(replica::find_contacts(db, {std::nullopt, std::string("Linköping"), std::nullopt, std::nullopt}).size() == 1);
    CHECK(replica::find_contacts(db, {std::string("05"), std::nullopt, std::string("socialjour"), std::nullopt}).size() == 1);
    CHECK(replica::find_contacts(db, {std::string("12"), std::nullopt, std::string("polis"), std::nullopt}).empty());
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

// Everything in a contact's hours as text, to compare two readings of them.
static std::string describe(const std::optional<content::OpeningHours>& hours) {
    if (!hours) return "none";
    std::string out = std::to_string(hours->always_open) + "|" + std::to_string(static_cast<int>(hours->public_holidays)) + "|" +
                      hours->note.sv + "|" + hours->note.en + "|";
    for (const auto& r : hours->weekly) out += std::to_string(r.weekday) + "@" + std::to_string(r.open) + "-" + std::to_string(r.close) + ",";
    for (const auto& e : hours->exceptions)
        out += e.date + (e.closed ? "x" : "") + std::to_string(e.open) + "-" + std::to_string(e.close) + e.note.sv + "/" + e.note.en + ";";
    return out;
}

TEST_CASE_FIXTURE(Fixture, "the contacts list carries each contact's own hours, as a lookup of that contact gives them") {
    // Contacts whose ranges and exceptions are written out of order, one without hours.
    for (int i = 0; i < 30; ++i) {
        content::Contact c;
        c.id = "contact/skane/extra-" + std::to_string(i);
        c.kind = i % 2 ? "polis" : "socialjour";
        c.name = "Extra " + std::to_string(i);
        c.county_code = i % 3 ? "12" : "05";
        c.municipality = i % 4 ? std::optional<std::string>("Malmö") : std::nullopt;
        c.phone = "010-" + std::to_string(i);
        if (i % 5 != 4) {
            content::OpeningHours h;
            h.public_holidays = i % 2 ? content::HolidayRule::Closed : content::HolidayRule::AsSunday;
            h.note = {"Not " + std::to_string(i), "Note " + std::to_string(i)};
            for (int day = 6; day >= 0; day -= 1 + i % 3) {
                h.weekly.push_back({day, 13 * 60 + i, 17 * 60});
                h.weekly.push_back({day, 8 * 60 + i, 12 * 60});
            }
            h.exceptions.push_back({"2026-12-31", true, 0, 0, {"Nyår", ""}});
            h.exceptions.push_back({"2026-12-24", false, 9 * 60, 12 * 60 + i, {"", ""}});
            c.hours = h;
        }
        replica::upsert_contact(db, c);
    }
    std::vector<replica::ContactFilter> filters(4);
    filters[1].county_code = "12";
    filters[2].municipality = "Malmö";
    filters[3].kind = "polis";
    for (const auto& filter : filters) {
        const auto listed = replica::find_contacts(db, filter);
        REQUIRE(listed.size() >= 7);
        int with_hours = 0;
        for (const auto& c : listed) {
            CAPTURE(c.id);
            CHECK(describe(c.hours) == describe(replica::opening_hours(db, c.id)));
            with_hours += c.hours ? 1 : 0;
        }
        CHECK(with_hours > 0);
        CHECK(with_hours < static_cast<int>(listed.size()));
    }
    // The ranges come sorted by weekday and time, whatever order they were written in.
    const auto hours = replica::opening_hours(db, "contact/skane/extra-1");
    REQUIRE(hours);
    CHECK(describe(hours).find("|0@481-720,0@781-1020,2@481-720,") != std::string::npos);
}

TEST_CASE_FIXTURE(Fixture, "support lines carry each line's own hours, as a lookup of that line gives them") {
    for (int i = 0; i < 12; ++i) {
        content::SupportLine line;
        line.id = "line/extra-" + std::to_string(i);
        line.name = "Extralinje " + std::to_string(i);
        line.number = "020-" + std::to_string(i);
        line.audience = {i % 2 ? "barn" : "vuxna"};
        line.sort_order = 50 + i;
        if (i % 4 != 3) {
            line.hours.public_holidays = i % 2 ? content::HolidayRule::Closed : content::HolidayRule::AsSunday;
            for (int day = 6; day >= 0; day -= 1 + i % 3) line.hours.weekly.push_back({day, 9 * 60 + i, 15 * 60});
            line.hours.exceptions.push_back({"2026-12-24", i % 2 == 0, 10 * 60, 12 * 60, {"Julafton", ""}});
        } else {
            line.hours.always_open = true;
        }
        replica::upsert_support_line(db, line);
    }
    for (const std::optional<std::string>& audience : {std::optional<std::string>(), std::optional<std::string>("barn")}) {
        const auto lines = replica::support_lines(db, audience);
        REQUIRE(lines.size() >= 6);
        for (const auto& line : lines) {
            CAPTURE(line.id);
            CHECK(describe(line.hours) == describe(replica::opening_hours(db, line.id).value_or(content::OpeningHours{})));
        }
    }
}

TEST_CASE_FIXTURE(Fixture, "opening hours come back exactly as published") {
    const auto contacts = replica::find_contacts(db, {std::nullopt, std::string("Linköping"), std::nullopt, std::nullopt});
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
