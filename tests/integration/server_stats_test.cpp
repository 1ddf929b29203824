// GET /v1/stats and `faltstod-server stats` against the real binary: the counts for a known set
// of pushed records (the exact view on the server's command line), what every client gets
// instead (small counts as "< 5", secondary suppression, a total below the threshold hiding
// everything — the /v1/stats?from=1900-01&to=1900-01 case), county and month filters, months
// without logs as 0, the CSV export, the audited exact view, who may see what, bad parameters,
// ETag and gzip, and that answers hold aggregates only (no notes, record ids or device ids).
// Also: a note with a personnummer is refused by the server and nothing is stored.
#include "server_fixture.hpp"
#include "support/log_dates.hpp"

#include <doctest/doctest.h>

#include <set>

using faltstod::test::Deployment;
using faltstod::test::day_in_month;
using faltstod::test::months_ago;
using nlohmann::json;

namespace {

std::string uuid(int n) {
    char text[37];
    std::snprintf(text, sizeof text, "00000000-0000-4000-8000-%012d", n);
    return text;
}

json consultation(const std::string& date, const std::string& county, const std::string& profession, const json& topics,
                  const std::string& age_band, const std::string& channel, const std::string& outcome, const std::string& note = "") {
    json data = {{"date", date}, {"county", county}, {"profession", profession}, {"topics", topics},
                 {"age_band", age_band}, {"channel", channel}, {"outcome", outcome}};
    if (!note.empty()) data["note"] = note;
    return data;
}

const char* kNote1 = "ville veta mer om utreseförbud";
const char* kNote3 = "SECRETNOTE uppföljning nästa vecka";

// 23 records over three months (4, 3 and 1 months ago) and three counties, with multi-topic
// records and notes. County 25 has 2 (a small count), months ago 1 has 3.
//   county:  05 → 12, 12 → 9, 25 → 2
//   month:   4 ago → 10, 3 ago → 10, 1 ago → 3
std::vector<json> known_records() {
    std::vector<json> records;
    const auto add = [&](int times, int months, const std::string& county, const std::string& profession, const json& topics,
                         const std::string& age, const std::string& channel, const std::string& outcome, const std::string& note = "") {
        for (int i = 0; i < times; ++i) records.push_back(consultation(day_in_month(months), county, profession, topics, age, channel, outcome, note));
    };
    add(6, 4, "05", "skola", {"hrv"}, "youth", "phone", "advice_given", kNote1);
    add(4, 4, "12", "polis", {"barnaktenskap", "tvangsaktenskap"}, "adult", "visit", "referred");
    add(6, 3, "05", "skola", {"hrv", "konsstympning"}, "child", "phone", "joint_planning", kNote3);
    add(4, 3, "12", "socialtjanst", {"hrv"}, "youth", "phone", "report_made");
    add(1, 1, "12", "skola", {"annat"}, "unknown", "digital", "advice_given");
    add(2, 1, "25", "elevhalsa", {"bortforande"}, "child", "meeting", "follow_up");
    return records;
}

// Pushes the known records with the admin device (not county-scoped); all must be applied.
void push_known(Deployment& d) {
    json body = {{"records", json::array()}};
    int n = 1;
    for (const auto& data : known_records()) body["records"].push_back({{"id", uuid(n++)}, {"kind", "consultation"}, {"data", data}});
    auto res = d.http().Post("/v1/push", Deployment::auth(d.admin), body.dump(), "application/json");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    // Parsed into a variable first: a range-for over .at() of a temporary reads freed memory
    // (found by AddressSanitizer).
    const auto answer = json::parse(res->body);
    for (const auto& result : answer.at("results")) REQUIRE(result.at("status") == "applied");
}

httplib::Result get_stats(Deployment& d, const std::string& query, const std::optional<std::string>& token) {
    httplib::Headers headers;
    if (token) headers = Deployment::auth(*token);
    auto res = d.http().Get(("/v1/stats" + query).c_str(), headers);
    REQUIRE(res);
    return res;
}

json stats_ok(Deployment& d, const std::string& query, const std::string& token) {
    auto res = get_stats(d, query, token);
    INFO(res->body);
    REQUIRE(res->status == 200);
    CHECK(res->get_header_value("X-Faltstod-Protocol") == "1");
    return json::parse(res->body);
}

// The count of `key` in the list `table` of an answer (an integer, "< 5" or "x").
json count_of(const json& answer, const std::string& table, const std::string& key) {
    for (const auto& item : answer.at(table))
        if (item.at("key") == key) return item.at("count");
    FAIL("no key " << key << " in " << table);
    return nullptr;
}

// The exact view from the server's command line (audited).
json exact(Deployment& d, const std::string& options = "") {
    auto result = d.cli("stats --exact --json " + options + " 2>/dev/null");
    REQUIRE(result.exit_code == 0);
    return json::parse(result.output);
}

std::string error_message(const httplib::Result& res) { return json::parse(res->body).at("error").at("message").get<std::string>(); }

}  // namespace

TEST_CASE("the exact view counts every dimension of a known set of records, every key in a fixed order") {
    Deployment d;
    push_known(d);
    const auto s = exact(d);
    CHECK(s.at("suppression") == json{{"threshold", 5}, {"exact", true}});
    CHECK(s.at("filter") == json{{"county", nullptr}, {"from", nullptr}, {"to", nullptr}});
    CHECK(s.at("total") == 23);
    // From the first to the last month with logs; the month between them is 0.
    CHECK(s.at("by_month") == json::array({{{"key", months_ago(4)}, {"count", 10}}, {{"key", months_ago(3)}, {"count", 10}},
                                           {{"key", months_ago(2)}, {"count", 0}}, {{"key", months_ago(1)}, {"count", 3}}}));
    CHECK(s.at("by_county").size() == 21);  // every county, in SCB's order
    CHECK(s.at("by_county").at(0) == json{{"key", "01"}, {"count", 0}});
    CHECK(count_of(s, "by_county", "05") == 12);
    CHECK(count_of(s, "by_county", "12") == 9);
    CHECK(count_of(s, "by_county", "25") == 2);
    // A record with two topics counts under both.
    CHECK(count_of(s, "by_topic", "hrv") == 16);
    CHECK(count_of(s, "by_topic", "konsstympning") == 6);
    CHECK(count_of(s, "by_topic", "skyddad-identitet") == 0);
    CHECK(s.at("by_profession").at(0) == json{{"key", "socialtjanst"}, {"count", 4}});  // the protocol's order, not by size
    CHECK(count_of(s, "by_profession", "skola") == 13);
    CHECK(count_of(s, "by_channel", "phone") == 16);
    CHECK(count_of(s, "by_age_band", "unknown") == 1);
}

TEST_CASE("every client gets small counts as \"< 5\", and what would give them away as \"x\"") {
    Deployment d;
    push_known(d);
    const auto s = stats_ok(d, "", d.admin.token);
    CHECK(s.at("suppression") == json{{"threshold", 5}, {"exact", false}});
    CHECK(s.at("total") == 23);
    // County 25 has 2: "< 5". With 05 and 12 shown, 23 - 12 - 9 would give it away, so the
    // smaller of the two (12: 9) is hidden as well.
    CHECK(count_of(s, "by_county", "25") == "< 5");
    CHECK(count_of(s, "by_county", "12") == "x");
    CHECK(count_of(s, "by_county", "05") == 12);
    CHECK(count_of(s, "by_county", "01") == 0);
    // The month with 3, and one of the two months with 10; the empty month stays 0.
    CHECK(count_of(s, "by_month", months_ago(1)) == "< 5");
    CHECK(count_of(s, "by_month", months_ago(4)) == "x");
    CHECK(count_of(s, "by_month", months_ago(3)) == 10);
    CHECK(count_of(s, "by_month", months_ago(2)) == 0);
    // Topics add up to more than the total, so only the small ones hide.
    CHECK(count_of(s, "by_topic", "annat") == "< 5");
    CHECK(count_of(s, "by_topic", "bortforande") == "< 5");
    CHECK(count_of(s, "by_topic", "hrv") == 16);
    // Nowhere a count from 1 to 4.
    for (const auto& [table, items] : s.items()) {
        if (!items.is_array()) continue;
        for (const auto& item : items) {
            if (!item.at("count").is_number()) continue;
            const int count = item.at("count");
            CHECK_MESSAGE((count == 0 || count >= 5), table << " " << item.dump());
        }
    }
}

TEST_CASE("/v1/stats?from=1900-01&to=1900-01: one old consultation is not singled out") {
    Deployment d;
    // A record dated 1900, stored before dates were checked against a window (today the push is refused).
    {
        faltstod::sqlite::Database db(d.db);
        db.prepare("INSERT INTO consultations (id, device_id, received_at, hash, date, county, profession, topics, age_band, channel, "
                   "outcome) VALUES (?, ?, '2026-01-01T00:00:00Z', 'x', '1900-01-15', '05', 'polis', '[\"bortforande\"]', 'child', "
                   "'visit', 'report_made')")
            .bind(1, uuid(1900))
            .bind(2, d.reader.id)
            .run();
    }
    const auto s = stats_ok(d, "?from=1900-01&to=1900-01", d.admin.token);
    INFO(s.dump());
    CHECK(s.at("total") == "< 5");
    // Every count, the zeros too: a zero beside a "< 5" would tell each attribute of that one call.
    int cells = 0;
    for (const auto& [table, items] : s.items()) {
        if (!items.is_array()) continue;
        for (const auto& item : items) {
            CHECK_MESSAGE(item.at("count") == "< 5", table << " " << item.dump());
            ++cells;
        }
    }
    CHECK(cells > 40);
    // The exact view (the admin's, audited) still sees it.
    CHECK(exact(d, "--from 1900-01 --to 1900-01").at("total") == 1);
    // And the push of such a date is refused today.
    json body = {{"records", json::array({{{"id", uuid(1901)}, {"kind", "consultation"},
                                           {"data", consultation("1900-01-15", "05", "polis", {"hrv"}, "adult", "phone", "referred")}}})}};
    auto res = d.http().Post("/v1/push", Deployment::auth(d.admin), body.dump(), "application/json");
    REQUIRE(res);
    CHECK(json::parse(res->body).at("results").at(0).at("status") == "rejected");
}

TEST_CASE("stats filter by county and by an inclusive month range, and months without logs are 0") {
    Deployment d;
    push_known(d);
    const auto county = exact(d, "--county 05");
    CHECK(county.at("filter").at("county") == "05");
    CHECK(county.at("total") == 12);
    CHECK(county.at("by_county") == json::array({{{"key", "05"}, {"count", 12}}}));

    const std::string period = "?from=" + months_ago(6) + "&to=" + months_ago(0);
    const auto range = stats_ok(d, period, d.admin.token);
    CHECK(range.at("filter") == json{{"county", nullptr}, {"from", months_ago(6)}, {"to", months_ago(0)}});
    CHECK(range.at("by_month").size() == 7);
    for (int m : {6, 5, 2, 0}) CHECK(count_of(range, "by_month", months_ago(m)) == 0);

    CHECK(stats_ok(d, "?from=" + months_ago(3), d.admin.token).at("total") == 13);
    CHECK(stats_ok(d, "?to=" + months_ago(4), d.admin.token).at("total") == 10);
    CHECK(stats_ok(d, "?from=" + months_ago(3) + "&to=" + months_ago(3), d.admin.token).at("total") == 10);  // both ends inclusive
    CHECK(stats_ok(d, "?county=12&from=" + months_ago(1), d.admin.token).at("total") == "< 5");
    const auto none = stats_ok(d, "?county=01", d.admin.token);
    CHECK(none.at("total") == 0);
    CHECK(none.at("by_month").empty());
    CHECK(stats_ok(d, "?county=all", d.admin.token).at("total") == 23);
}

TEST_CASE("stats role matrix: tokens, readers, county editors and admins") {
    Deployment d;
    push_known(d);
    const auto scoped_editor = d.enroll("editor", "05");
    const auto revoked = d.enroll("admin");
    REQUIRE(d.cli("revoke " + revoked.id).exit_code == 0);

    auto none = get_stats(d, "", std::nullopt);
    CHECK(none->status == 401);
    CHECK(json::parse(none->body).at("error").at("code") == "unauthorized");
    CHECK(get_stats(d, "", std::string(64, 'a'))->status == 401);
    auto gone = get_stats(d, "", revoked.token);
    CHECK(gone->status == 401);
    CHECK(json::parse(gone->body).at("error").at("code") == "revoked");

    auto reader = get_stats(d, "", d.reader.token);
    CHECK(reader->status == 403);
    CHECK(json::parse(reader->body).at("error").at("code") == "forbidden");
    CHECK(get_stats(d, "?county=05", d.reader.token)->status == 403);

    // A county editor: its own county, and its own county when it names none.
    CHECK(stats_ok(d, "?county=05", scoped_editor.token).at("total") == 12);
    const auto defaulted = stats_ok(d, "", scoped_editor.token);
    CHECK(defaulted.at("filter").at("county") == "05");
    CHECK(defaulted.at("total") == 12);
    CHECK(stats_ok(d, "?from=" + months_ago(3), scoped_editor.token).at("total") == 6);
    auto other = get_stats(d, "?county=12", scoped_editor.token);
    CHECK(other->status == 403);
    CHECK(json::parse(other->body).at("error").at("code") == "forbidden");
    CHECK(error_message(other).find("only for county 05, not for county 12") != std::string::npos);
    auto all = get_stats(d, "?county=all", scoped_editor.token);
    CHECK(all->status == 403);
    CHECK(error_message(all).find("not for all counties") != std::string::npos);

    // An editor without a county scope, and an admin, see every county.
    CHECK(stats_ok(d, "", d.editor.token).at("total") == 23);
    CHECK(stats_ok(d, "?county=12", d.editor.token).at("total") == 9);
    CHECK(stats_ok(d, "", d.admin.token).at("total") == 23);
    CHECK(stats_ok(d, "?county=25", d.admin.token).at("total") == "< 5");
}

TEST_CASE("stats refuse bad parameters with 400 and say what is wrong") {
    Deployment d;
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"?year=2026", "a query parameter that is not allowed here (allowed: county, from, to)"},
        {"?from=2026-1", "'from' must be a month written YYYY-MM"},
        {"?from=2026-13", "'from' must be a month written YYYY-MM"},
        {"?to=2026-03-01", "'to' must be a month written YYYY-MM"},
        {"?to=", "'to' must be a month written YYYY-MM"},
        {"?from=2026-05&to=2026-02", "'from' (2026-05) is after 'to' (2026-02)"},
        {"?county=99", "'county' must be a county code"},
        {"?county=5", "'county' must be a county code"},
        {"?county=Sk%C3%A5ne", "'county' must be a county code"},
    };
    for (const auto& [query, expected] : cases) {
        CAPTURE(query);
        auto res = get_stats(d, query, d.admin.token);
        CHECK(res->status == 400);
        CHECK(json::parse(res->body).at("error").at("code") == "bad_request");
        CHECK(error_message(res).find(expected) != std::string::npos);
    }
}

TEST_CASE("stats answers hold aggregates only — never notes, record ids or device ids") {
    Deployment d;
    push_known(d);
    for (const std::string& query : {std::string(), std::string("?county=05"), "?county=12&from=" + months_ago(3) + "&to=" + months_ago(3)}) {
        CAPTURE(query);
        auto res = get_stats(d, query, d.admin.token);
        REQUIRE(res->status == 200);
        for (const std::string& secret : {std::string(kNote1), std::string(kNote3), std::string("SECRETNOTE"), std::string("utreseförbud"),
                                          std::string("note"), uuid(1), uuid(3), d.admin.id, d.reader.id})
            CHECK_MESSAGE(res->body.find(secret) == std::string::npos, "the answer holds " << secret);
        std::set<std::string> keys;
        const auto answer = json::parse(res->body);
        for (const auto& [key, value] : answer.items()) keys.insert(key);
        CHECK(keys == std::set<std::string>{"filter", "suppression", "total", "by_month", "by_county", "by_topic", "by_profession",
                                            "by_outcome", "by_age_band", "by_channel"});
    }
    for (const std::string options : {"--json", "--csv", "--exact --json", "--exact"}) {
        auto cli = d.cli("stats " + options);
        REQUIRE(cli.exit_code == 0);
        CHECK(cli.output.find("SECRETNOTE") == std::string::npos);
        CHECK(cli.output.find(uuid(1)) == std::string::npos);
    }
}

TEST_CASE("stats send an ETag, answer 304 while nothing changed, and gzip when asked") {
    Deployment d;
    push_known(d);
    auto client = d.http();
    auto first = client.Get("/v1/stats?county=05", Deployment::auth(d.admin));
    REQUIRE(first->status == 200);
    const std::string etag = first->get_header_value("ETag");
    REQUIRE_FALSE(etag.empty());
    auto headers = Deployment::auth(d.admin);
    headers.emplace("If-None-Match", etag);
    auto idle = client.Get("/v1/stats?county=05", headers);
    CHECK(idle->status == 304);
    CHECK(idle->body.empty());
    // Another filter, or a new record, is another answer.
    CHECK(client.Get("/v1/stats?county=12", headers)->status == 200);
    json body = {{"records", json::array({{{"id", uuid(99)}, {"kind", "consultation"},
                                           {"data", consultation(day_in_month(1), "05", "polis", {"hrv"}, "adult", "phone", "referred")}}})}};
    REQUIRE(client.Post("/v1/push", Deployment::auth(d.admin), body.dump(), "application/json")->status == 200);
    auto changed = client.Get("/v1/stats?county=05", headers);
    CHECK(changed->status == 200);
    CHECK(changed->get_header_value("ETag") != etag);

    auto raw = d.http();
    raw.set_decompress(false);
    auto gzip_headers = Deployment::auth(d.admin);
    gzip_headers.emplace("Accept-Encoding", "gzip");
    auto zipped = raw.Get("/v1/stats", gzip_headers);
    CHECK(zipped->status == 200);
    CHECK(zipped->get_header_value("Content-Encoding") == "gzip");

    auto metrics = client.Get("/metrics", Deployment::auth(d.admin));
    CHECK(metrics->body.find("faltstod_http_requests_total{route=\"GET /v1/stats\",status=\"304\"} 1") != std::string::npos);
}

TEST_CASE("faltstod-server stats prints a table per dimension, the endpoint's JSON, or CSV, all protected") {
    Deployment d;
    push_known(d);
    const std::string period = " --from " + months_ago(12) + " --to " + months_ago(0);
    auto table = d.cli("stats" + period);
    INFO(table.output);
    REQUIRE(table.exit_code == 0);
    CHECK(table.output.find("Consultations: 23 (all counties, from " + months_ago(12) + ", to " + months_ago(0) + ")") != std::string::npos);
    CHECK(table.output.find("\"< 5\": fewer than 5") != std::string::npos);
    for (const char* heading : {"By month", "By county", "By topic", "By profession", "By outcome", "By age band", "By channel"})
        CHECK(table.output.find(heading) != std::string::npos);
    CHECK(table.output.find("  " + months_ago(3) + "  10\n") != std::string::npos);
    CHECK(table.output.find("  " + months_ago(1) + "  < 5\n") != std::string::npos);
    CHECK(table.output.find("  " + months_ago(4) + "  x\n") != std::string::npos);

    auto as_json = d.cli("stats --json" + period + " 2>/dev/null");
    REQUIRE(as_json.exit_code == 0);
    CHECK(json::parse(as_json.output) ==
          stats_ok(d, "?from=" + months_ago(12) + "&to=" + months_ago(0), d.admin.token));

    // CSV for the centres' reports: the same protected counts, and months without logs as 0.
    auto csv = d.cli("stats --csv" + period + " 2>/dev/null");
    REQUIRE(csv.exit_code == 0);
    CHECK(csv.output.rfind("table,key,count\r\ntotal,,23\r\n", 0) == 0);
    CHECK(csv.output.find("by_month," + months_ago(12) + ",0\r\n") != std::string::npos);
    CHECK(csv.output.find("by_month," + months_ago(1) + ",< 5\r\n") != std::string::npos);
    CHECK(csv.output.find("by_county,25,< 5\r\n") != std::string::npos);
    CHECK(csv.output.find("by_county,12,x\r\n") != std::string::npos);
    CHECK(csv.output.find("by_county,12,9") == std::string::npos);
    CHECK(d.cli("stats --csv --json").exit_code != 0);

    auto bad = d.cli("stats --from 2026-13");
    CHECK(bad.exit_code == 1);
    CHECK(bad.output.find("'from' must be a month written YYYY-MM") != std::string::npos);
    auto reversed = d.cli("stats --from 2026-05 --to 2026-01");
    CHECK(reversed.exit_code == 1);
    CHECK(reversed.output.find("is after 'to'") != std::string::npos);
    CHECK(d.cli("stats --county 99").exit_code == 1);
}

TEST_CASE("the exact view is for the server's own command line only, and every use is in the audit trail") {
    Deployment d;
    push_known(d);
    CHECK(d.cli("audit").output.find("exact_stats_viewed") == std::string::npos);
    auto table = d.cli("stats --exact --county 25");
    REQUIRE(table.exit_code == 0);
    CHECK(table.output.find("EXACT counts") != std::string::npos);
    CHECK(table.output.find("Consultations: 2 (county 25)") != std::string::npos);
    REQUIRE(d.cli("stats --exact --csv --from " + months_ago(2)).exit_code == 0);
    const auto audit = d.cli("audit");
    INFO(audit.output);
    CHECK(audit.output.find("exact_stats_viewed  by server CLI  {\"county\":\"25\",\"format\":\"table\",\"from\":null,\"to\":null}") !=
          std::string::npos);
    CHECK(audit.output.find("{\"county\":null,\"format\":\"csv\",\"from\":\"" + months_ago(2) + "\",\"to\":null}") != std::string::npos);
    // No query parameter or route gives a client the exact counts.
    CHECK(get_stats(d, "?exact=true", d.admin.token)->status == 400);
    CHECK(stats_ok(d, "?county=25", d.admin.token).at("suppression").at("exact") == false);
}

TEST_CASE("the threshold is configurable, never below 3") {
    Deployment d;
    push_known(d);
    d.server->stop();
    d.server = std::make_unique<faltstod::test::ServerProcess>(faltstod::test::kServerBinary, d.db, d.dir.path() / "server3.log",
                                                               std::vector<std::string>{}, std::vector<std::string>{"--stats-threshold", "3"});
    const auto s = stats_ok(d, "", d.admin.token);
    CHECK(s.at("suppression").at("threshold") == 3);
    CHECK(count_of(s, "by_channel", "visit") == 4);  // 4 is shown when only counts below 3 hide
    CHECK(count_of(s, "by_channel", "digital") == "< 3");
    CHECK(count_of(s, "by_county", "25") == "< 3");
    CHECK(d.cli("--stats-threshold 10 stats --json").output.find("\"threshold\": 10") != std::string::npos);
    const auto low = d.cli("--stats-threshold 2 stats");
    CHECK(low.exit_code != 0);
    CHECK(low.output.find("--stats-threshold") != std::string::npos);
}

TEST_CASE("a pushed note with a personnummer is rejected — the reason names the kind, not the digits") {
    Deployment d;
    auto data = consultation(day_in_month(2), "05", "skola", {"hrv"}, "youth", "phone", "advice_given",
                             "ringde om 121212-1212 igen");
    json body = {{"records", json::array({{{"id", uuid(7)}, {"kind", "consultation"}, {"data", data}}})}};
    auto res = d.http().Post("/v1/push", Deployment::auth(d.reader), body.dump(), "application/json");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    const auto result = json::parse(res->body).at("results").at(0);
    CHECK(result.at("status") == "rejected");
    const std::string reason = result.at("reason");
    CHECK(reason.find("personal identity number") != std::string::npos);
    for (const char* digits : {"121212", "1212", "12-12"}) CHECK(reason.find(digits) == std::string::npos);
    CHECK(res->body.find("121212") == std::string::npos);
    faltstod::sqlite::Database db(d.db);
    auto count = db.prepare("SELECT count(*) FROM consultations");
    count.step();
    CHECK(count.column_int(0) == 0);
    CHECK(stats_ok(d, "", d.admin.token).at("total") == 0);
}
