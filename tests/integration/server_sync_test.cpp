// faltstod-server's sync endpoints against the real binary: changes, snapshot, publish,
// ETag/304, gzip, protocol version and reset.
#include "server_fixture.hpp"

#include <doctest/doctest.h>

#include <set>

using faltstod::test::Deployment;
using nlohmann::json;

namespace {

json body_of(const httplib::Result& res) {
    REQUIRE(res);
    return json::parse(res->body);
}

// Follows /v1/changes from `since` to the end in pages of `limit`; returns every change.
std::vector<json> all_changes(Deployment& d, long long since, int limit, long long* cursor = nullptr) {
    auto client = d.http();
    std::vector<json> changes;
    for (int guard = 0; guard < 1000; ++guard) {
        auto res = client.Get(("/v1/changes?since=" + std::to_string(since) + "&limit=" + std::to_string(limit)).c_str(),
                              Deployment::auth(d.reader));
        REQUIRE(res);
        REQUIRE(res->status == 200);
        const auto page = json::parse(res->body);
        CHECK(page.at("protocol") == 1);
        CHECK(page.at("since") == since);
        CHECK(page.at("changes").size() <= static_cast<size_t>(limit));
        for (const auto& change : page.at("changes")) changes.push_back(change);
        since = page.at("cursor").get<long long>();
        if (!page.at("more").get<bool>()) break;
    }
    if (cursor) *cursor = since;
    return changes;
}

}  // namespace

TEST_CASE("healthz needs no token and every answer carries the protocol version") {
    Deployment d;
    auto client = d.http();
    auto res = client.Get("/healthz");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(body_of(res).at("status") == "ok");
    CHECK(res->get_header_value("X-Faltstod-Protocol") == "1");
    for (const char* path : {"/v1/changes", "/no/such/path"}) {
        auto other = client.Get(path);
        REQUIRE(other);
        CHECK(other->get_header_value("X-Faltstod-Protocol") == "1");
        CHECK(body_of(other).at("error").contains("message"));
    }
}

TEST_CASE("an incompatible client version gets 426 and a message it can show") {
    Deployment d;
    auto client = d.http();
    auto headers = Deployment::auth(d.reader);
    headers.emplace("X-Faltstod-Protocol", "2");
    auto res = client.Get("/v1/changes", headers);
    REQUIRE(res);
    CHECK(res->status == 426);
    const auto error = body_of(res).at("error");
    CHECK(error.at("code") == "unsupported_protocol");
    CHECK(error.at("message").get<std::string>().find("update Fältstöd") != std::string::npos);
}

TEST_CASE("changes from zero list every published row once, page by page") {
    Deployment d;
    long long cursor = 0;
    const auto one_page = all_changes(d, 0, 1000, &cursor);
    const auto paged = all_changes(d, 0, 3);
    REQUIRE(one_page.size() == paged.size());
    // topics 2 + counties 2 + guidance 3 + contacts 3 + lines 2 + checklist 1 + event 1
    CHECK(one_page.size() == 14);
    std::set<std::string> keys;
    long long previous = 0;
    for (const auto& change : paged) {
        CHECK(change.at("seq").get<long long>() > previous);  // strictly increasing
        previous = change.at("seq").get<long long>();
        keys.insert(change.at("table").get<std::string>() + "/" + change.at("key").get<std::string>());
        CHECK_FALSE(change.at("deleted").get<bool>());
    }
    CHECK(keys.size() == 14);
    CHECK(keys.count("guidance/guidance/barnaktenskap@en") == 1);
    CHECK(cursor == previous);
    CHECK(all_changes(d, cursor, 100).empty());
}

TEST_CASE("bad cursors and limits get 400 with a message") {
    Deployment d;
    auto client = d.http();
    for (const char* query : {"since=-1", "since=abc", "limit=0", "limit=100000", "since=1&colour=red"}) {
        CAPTURE(query);
        auto res = client.Get((std::string("/v1/changes?") + query).c_str(), Deployment::auth(d.reader));
        REQUIRE(res);
        CHECK(res->status == 400);
        CHECK(body_of(res).at("error").at("code") == "bad_request");
    }
}

TEST_CASE("an idle poll is a tiny 304") {
    Deployment d;
    auto client = d.http();
    long long cursor = 0;
    all_changes(d, 0, 1000, &cursor);
    const std::string path = "/v1/changes?since=" + std::to_string(cursor) + "&limit=500";
    auto first = client.Get(path.c_str(), Deployment::auth(d.reader));
    REQUIRE(first);
    const std::string etag = first->get_header_value("ETag");
    REQUIRE_FALSE(etag.empty());
    auto headers = Deployment::auth(d.reader);
    headers.emplace("If-None-Match", etag);
    auto again = client.Get(path.c_str(), headers);
    REQUIRE(again);
    CHECK(again->status == 304);
    CHECK(again->body.empty());
    std::size_t header_bytes = 0;
    for (const auto& [name, value] : again->headers) header_bytes += name.size() + value.size() + 4;
    CHECK(header_bytes < 400);

    // After a publish the same ETag no longer matches.
    d.dir.write("bundle/events.json", R"({"events": []})");
    REQUIRE(d.cli("publish " + faltstod::test::shell_quote(d.bundle.string())).exit_code == 0);
    auto changed = client.Get(path.c_str(), headers);
    REQUIRE(changed);
    CHECK(changed->status == 200);
}

TEST_CASE("bodies are gzip-compressed when the client accepts it") {
    Deployment d;
    auto client = d.http();
    client.set_decompress(false);
    auto headers = Deployment::auth(d.reader);
    headers.emplace("Accept-Encoding", "gzip");
    for (const char* path : {"/v1/changes?since=0", "/v1/snapshot"}) {
        CAPTURE(path);
        auto res = client.Get(path, headers);
        REQUIRE(res);
        CHECK(res->status == 200);
        CHECK(res->get_header_value("Content-Encoding") == "gzip");
    }
    auto plain = d.http().Get("/v1/changes?since=0", Deployment::auth(d.reader));
    REQUIRE(plain);
    CHECK(plain->get_header_value("Content-Encoding").empty());
}

TEST_CASE("the snapshot is the whole current content with its cursor") {
    Deployment d;
    auto client = d.http();
    auto res = client.Get("/v1/snapshot", Deployment::auth(d.reader));
    REQUIRE(res);
    REQUIRE(res->status == 200);
    const auto snapshot = json::parse(res->body);
    CHECK(snapshot.at("rows").size() == 14);
    CHECK(snapshot.at("count") == 14);
    long long cursor = 0;
    all_changes(d, 0, 1000, &cursor);
    CHECK(snapshot.at("cursor") == cursor);
    CHECK(snapshot.at("rows")[0].at("table") == "topics");  // referenced tables come first

    auto headers = Deployment::auth(d.reader);
    headers.emplace("If-None-Match", res->get_header_value("ETag"));
    auto again = client.Get("/v1/snapshot", headers);
    REQUIRE(again);
    CHECK(again->status == 304);
}

TEST_CASE("publishing again changes nothing — edits and removals become changes and tombstones") {
    Deployment d;
    long long cursor = 0;
    all_changes(d, 0, 1000, &cursor);
    const std::string bundle = faltstod::test::shell_quote(d.bundle.string());

    auto again = d.cli("publish " + bundle);
    CHECK(again.exit_code == 0);
    CHECK(again.output.find("0 new, 0 changed, 0 removed, 14 unchanged") != std::string::npos);
    CHECK(all_changes(d, cursor, 100).empty());

    d.dir.write("bundle/events.json", R"({"events": [
  {"id": "event/konferens", "title": {"sv": "Konferens, nytt namn"}, "kind": "konferens", "starts": "2024-01-24",
   "ends": "2024-01-25", "location": "Linköping", "county": "05", "organiser": "Länsstyrelsen Östergötland",
   "description": {"sv": "Två dagar om barns rätt till ett liv fritt från våld."}}]})");
    std::filesystem::remove(d.bundle / "guidance" / "en" / "barnaktenskap.md");
    auto edit = d.cli("publish " + bundle);
    CHECK(edit.output.find("0 new, 1 changed, 1 removed") != std::string::npos);
    const auto changes = all_changes(d, cursor, 100);
    REQUIRE(changes.size() == 2);
    CHECK(changes[0].at("key") == "event/konferens");
    CHECK(changes[0].at("data").at("title").at("sv") == "Konferens, nytt namn");
    CHECK(changes[1].at("key") == "guidance/barnaktenskap@en");
    CHECK(changes[1].at("deleted") == true);
    CHECK(changes[1].at("data").is_null());

    // The snapshot no longer holds the removed row.
    auto snapshot = json::parse(d.http().Get("/v1/snapshot", Deployment::auth(d.reader))->body);
    CHECK(snapshot.at("rows").size() == 13);
}

TEST_CASE("an invalid bundle is not published, and names file and line") {
    Deployment d;
    d.dir.write("bundle/support_lines.json", "{\"support_lines\": [\n  {\"id\": \"line/x\"}\n]}");
    auto result = d.cli("publish " + faltstod::test::shell_quote(d.bundle.string()));
    CHECK(result.exit_code == 1);
    CHECK(result.output.find("support_lines.json:2: support_lines[0].name: missing required field 'name'") != std::string::npos);
    CHECK(result.output.find("Nothing was changed") != std::string::npos);
    long long cursor = 0;
    CHECK(all_changes(d, 0, 1000, &cursor).size() == 14);
}

TEST_CASE("a cursor behind the tombstone horizon gets a distinct reset answer") {
    Deployment d;
    long long cursor = 0;
    all_changes(d, 0, 1000, &cursor);
    std::filesystem::remove(d.bundle / "checklists" / "fore-samtal.json");
    REQUIRE(d.cli("publish " + faltstod::test::shell_quote(d.bundle.string())).exit_code == 0);
    {
        // Age the tombstone, as if it were published long ago.
        faltstod::sqlite::Database db(d.db);
        db.exec("UPDATE content_rows SET changed_at = '2000-01-01T00:00:00Z' WHERE deleted = 1");
    }
    auto compact = d.cli("compact --older-than-days 30");
    CHECK(compact.output.find("Removed 1 tombstone") != std::string::npos);

    auto client = d.http();
    auto res = client.Get(("/v1/changes?since=" + std::to_string(cursor)).c_str(), Deployment::auth(d.reader));
    REQUIRE(res);
    CHECK(res->status == 410);
    CHECK(body_of(res).at("error").at("code") == "reset_required");
    auto ahead = client.Get("/v1/changes?since=999999", Deployment::auth(d.reader));
    REQUIRE(ahead);
    CHECK(ahead->status == 410);

    // The snapshot's cursor is served again.
    const auto snapshot = json::parse(client.Get("/v1/snapshot", Deployment::auth(d.reader))->body);
    auto resumed = client.Get(("/v1/changes?since=" + std::to_string(snapshot.at("cursor").get<long long>())).c_str(),
                              Deployment::auth(d.reader));
    REQUIRE(resumed);
    CHECK(resumed->status == 200);
}

TEST_CASE("settings can come from a config file, and --help explains them") {
    faltstod::test::TempDir dir;
    const auto db = dir.path() / "from-config.db";
    const auto config = dir.write("server.toml", "db = \"" + db.string() + "\"\n\n[serve]\nmax-page = 2\n").string();
    const std::string server = faltstod::test::shell_quote(faltstod::test::kServerBinary);

    auto code = faltstod::test::run_command(server + " --config " + faltstod::test::shell_quote(config) + " enroll-code 2>/dev/null");
    REQUIRE(code.exit_code == 0);
    CHECK(std::filesystem::exists(db));  // the database named in the file was used

    faltstod::test::ServerProcess process(faltstod::test::kServerBinary, db.string(), dir.path() / "log", {}, {"--config", config});
    httplib::Client client("127.0.0.1", process.port());
    client.set_read_timeout(10, 0);
    auto enrolled = client.Post("/v1/enroll", json{{"code", code.output.substr(0, 14)}, {"device_name", "x"}}.dump(), "application/json");
    REQUIRE(enrolled);
    REQUIRE(enrolled->status == 201);
    const auto token = Deployment::auth(json::parse(enrolled->body).at("token").get<std::string>());
    CHECK(client.Get("/v1/changes?limit=2", token)->status == 200);
    CHECK(client.Get("/v1/changes?limit=3", token)->status == 400);  // max-page = 2 from the file

    auto help = faltstod::test::run_command(server + " serve --help");
    CHECK(help.exit_code == 0);
    for (const char* flag : {"--listen", "--port", "--tls-cert", "--tls-key", "--max-body-bytes", "--max-push-records"})
        CHECK(help.output.find(flag) != std::string::npos);
    auto top = faltstod::test::run_command(server + " --help");
    for (const char* text : {"--config", "--db", "serve", "publish", "validate", "enroll-code", "devices", "revoke", "wipe", "compact"})
        CHECK(top.output.find(text) != std::string::npos);
}
