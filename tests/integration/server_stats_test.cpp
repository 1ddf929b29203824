// GET /v1/stats and `faltstod-server stats` against the real binary: the counts for a known set
// of pushed records, county and month filters, who may see what, bad parameters, ETag and gzip,
// and that answers hold aggregates only (no notes, record ids or device ids). Also: a note with
// a personnummer is refused by the server and nothing is stored.
#include "server_fixture.hpp"

#include <doctest/doctest.h>

#include <set>

using faltstod::test::Deployment;
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

// Six records over four months, three counties, with multi-topic records and notes.
std::vector<json> known_records() {
    return {consultation("2026-01-10", "05", "skola", {"hrv"}, "youth", "phone", "advice_given", kNote1),
            consultation("2026-01-22", "05", "polis", {"barnaktenskap", "tvangsaktenskap"}, "adult", "visit", "referred"),
            consultation("2026-02-03", "12", "skola", {"hrv", "konsstympning"}, "child", "digital", "joint_planning", kNote3),
            consultation("2026-03-15", "12", "socialtjanst", {"hrv"}, "youth", "phone", "report_made"),
            consultation("2026-03-28", "25", "skola", {"annat"}, "unknown", "phone", "advice_given"),
            consultation("2025-12-31", "05", "elevhalsa", {"bortforande"}, "child", "meeting", "follow_up")};
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

json pairs(const std::vector<std::pair<std::string, int>>& list) {
    json out = json::array();
    for (const auto& [key, count] : list) out.push_back({{"key", key}, {"count", count}});
    return out;
}

std::string error_message(const httplib::Result& res) { return json::parse(res->body).at("error").at("message").get<std::string>(); }

}  // namespace

TEST_CASE("stats count every dimension of a known set of records") {
    Deployment d;
    push_known(d);
    const auto s = stats_ok(d, "", d.admin.token);
    CHECK(s.at("filter") == json{{"county", nullptr}, {"from", nullptr}, {"to", nullptr}});
    CHECK(s.at("total") == 6);
    CHECK(s.at("by_month") == pairs({{"2025-12", 1}, {"2026-01", 2}, {"2026-02", 1}, {"2026-03", 2}}));
    CHECK(s.at("by_county") == pairs({{"05", 3}, {"12", 2}, {"25", 1}}));
    // A record with two topics counts under both; ties are ordered by key.
    CHECK(s.at("by_topic") == pairs({{"hrv", 3}, {"annat", 1}, {"barnaktenskap", 1}, {"bortforande", 1}, {"konsstympning", 1},
                                     {"tvangsaktenskap", 1}}));
    CHECK(s.at("by_profession") == pairs({{"skola", 3}, {"elevhalsa", 1}, {"polis", 1}, {"socialtjanst", 1}}));
    CHECK(s.at("by_outcome") ==
          pairs({{"advice_given", 2}, {"follow_up", 1}, {"joint_planning", 1}, {"referred", 1}, {"report_made", 1}}));
    CHECK(s.at("by_age_band") == pairs({{"child", 2}, {"youth", 2}, {"adult", 1}, {"unknown", 1}}));
    CHECK(s.at("by_channel") == pairs({{"phone", 3}, {"digital", 1}, {"meeting", 1}, {"visit", 1}}));
}

TEST_CASE("stats filter by county and by an inclusive month range") {
    Deployment d;
    push_known(d);
    const auto county = stats_ok(d, "?county=05", d.admin.token);
    CHECK(county.at("filter").at("county") == "05");
    CHECK(county.at("total") == 3);
    CHECK(county.at("by_month") == pairs({{"2025-12", 1}, {"2026-01", 2}}));
    CHECK(county.at("by_county") == pairs({{"05", 3}}));

    const auto range = stats_ok(d, "?from=2026-01&to=2026-02", d.admin.token);
    CHECK(range.at("filter") == json{{"county", nullptr}, {"from", "2026-01"}, {"to", "2026-02"}});
    CHECK(range.at("total") == 3);
    CHECK(range.at("by_month") == pairs({{"2026-01", 2}, {"2026-02", 1}}));

    CHECK(stats_ok(d, "?from=2026-03", d.admin.token).at("total") == 2);
    CHECK(stats_ok(d, "?to=2025-12", d.admin.token).at("total") == 1);
    CHECK(stats_ok(d, "?from=2026-01&to=2026-01", d.admin.token).at("total") == 2);  // one month: both ends inclusive
    const auto both = stats_ok(d, "?county=12&from=2026-03&to=2026-12", d.admin.token);
    CHECK(both.at("total") == 1);
    CHECK(both.at("by_topic") == pairs({{"hrv", 1}}));
    const auto none = stats_ok(d, "?county=01", d.admin.token);
    CHECK(none.at("total") == 0);
    CHECK(none.at("by_month").empty());
    CHECK(stats_ok(d, "?county=all", d.admin.token).at("total") == 6);
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
    CHECK(stats_ok(d, "?county=05", scoped_editor.token).at("total") == 3);
    const auto defaulted = stats_ok(d, "", scoped_editor.token);
    CHECK(defaulted.at("filter").at("county") == "05");
    CHECK(defaulted.at("total") == 3);
    CHECK(stats_ok(d, "?from=2026-01", scoped_editor.token).at("total") == 2);
    auto other = get_stats(d, "?county=12", scoped_editor.token);
    CHECK(other->status == 403);
    CHECK(json::parse(other->body).at("error").at("code") == "forbidden");
    CHECK(error_message(other).find("only for county 05, not for county 12") != std::string::npos);
    auto all = get_stats(d, "?county=all", scoped_editor.token);
    CHECK(all->status == 403);
    CHECK(error_message(all).find("not for all counties") != std::string::npos);

    // An editor without a county scope, and an admin, see every county.
    CHECK(stats_ok(d, "", d.editor.token).at("total") == 6);
    CHECK(stats_ok(d, "?county=12", d.editor.token).at("total") == 2);
    CHECK(stats_ok(d, "", d.admin.token).at("total") == 6);
    CHECK(stats_ok(d, "?county=25", d.admin.token).at("total") == 1);
}

TEST_CASE("stats refuse bad parameters with 400 and say what is wrong") {
    Deployment d;
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"?year=2026", "unknown query parameter 'year'"},
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
    for (const std::string query : {"", "?county=05", "?county=12&from=2026-02&to=2026-02"}) {
        CAPTURE(query);
        auto res = get_stats(d, query, d.admin.token);
        REQUIRE(res->status == 200);
        for (const std::string& secret : {std::string(kNote1), std::string(kNote3), std::string("SECRETNOTE"), std::string("utreseförbud"),
                                          std::string("note"), uuid(1), uuid(3), d.admin.id, d.reader.id})
            CHECK_MESSAGE(res->body.find(secret) == std::string::npos, "the answer holds " << secret);
        std::set<std::string> keys;
        const auto answer = json::parse(res->body);
        for (const auto& [key, value] : answer.items()) keys.insert(key);
        CHECK(keys == std::set<std::string>{"filter", "total", "by_month", "by_county", "by_topic", "by_profession", "by_outcome",
                                            "by_age_band", "by_channel"});
    }
    auto cli = d.cli("stats --json");
    REQUIRE(cli.exit_code == 0);
    CHECK(cli.output.find("SECRETNOTE") == std::string::npos);
    CHECK(cli.output.find(uuid(1)) == std::string::npos);
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
                                           {"data", consultation("2026-04-01", "05", "polis", {"hrv"}, "adult", "phone", "referred")}}})}};
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

TEST_CASE("faltstod-server stats prints a table per dimension, or the endpoint's JSON") {
    Deployment d;
    push_known(d);
    auto table = d.cli("stats --county 05 --from 2025-12 --to 2026-12");
    INFO(table.output);
    REQUIRE(table.exit_code == 0);
    CHECK(table.output.find("Consultations: 3 (county 05, from 2025-12, to 2026-12)") != std::string::npos);
    for (const char* heading : {"By month", "By county", "By topic", "By profession", "By outcome", "By age band", "By channel"})
        CHECK(table.output.find(heading) != std::string::npos);
    CHECK(table.output.find("  2026-01  2\n") != std::string::npos);

    auto as_json = d.cli("stats --json --county 05 --from 2025-12 --to 2026-12 2>/dev/null");
    REQUIRE(as_json.exit_code == 0);
    CHECK(json::parse(as_json.output) == stats_ok(d, "?county=05&from=2025-12&to=2026-12", d.admin.token));

    auto bad = d.cli("stats --from 2026-13");
    CHECK(bad.exit_code == 1);
    CHECK(bad.output.find("'from' must be a month written YYYY-MM") != std::string::npos);
    auto reversed = d.cli("stats --from 2026-05 --to 2026-01");
    CHECK(reversed.exit_code == 1);
    CHECK(reversed.output.find("is after 'to'") != std::string::npos);
    CHECK(d.cli("stats --county 99").exit_code == 1);
}

TEST_CASE("a pushed note with a personnummer is rejected — the reason names the kind, not the digits") {
    Deployment d;
    auto data = consultation("2026-02-10", "05", "skola", {"hrv"}, "youth", "phone", "advice_given",
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
