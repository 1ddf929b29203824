// docs/openapi.yaml is kept true by this test: real answers of the running server, for every
// documented endpoint, must have a documented status, and their bodies must match the
// documented schema. (The file is written in JSON syntax, which YAML 1.2 accepts as YAML.)
#include "server_fixture.hpp"
#include "support/log_dates.hpp"

#include "content_signature.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <regex>
#include <set>

using faltstod::test::Deployment;
using nlohmann::json;

namespace {

const json& spec() {
    static const json document = [] {
        std::ifstream in(std::string(FALTSTOD_SOURCE_DIR) + "/docs/openapi.yaml");
        return json::parse(in);
    }();
    return document;
}

const json& resolve(const json& schema) {
    if (!schema.contains("$ref")) return schema;
    const std::string ref = schema.at("$ref");  // "#/components/schemas/Name"
    return resolve(spec().at(json::json_pointer(ref.substr(1))));
}

bool has_type(const json& value, const std::string& type) {
    if (type == "object") return value.is_object();
    if (type == "array") return value.is_array();
    if (type == "string") return value.is_string();
    if (type == "integer") return value.is_number_integer();
    if (type == "number") return value.is_number();
    if (type == "boolean") return value.is_boolean();
    if (type == "null") return value.is_null();
    return false;
}

// The subset of JSON Schema the spec uses: type (or list of types), enum, required,
// properties, additionalProperties: false, items, $ref, minimum (numbers), pattern (strings).
// Problems are collected with paths.
void validate(const json& value, const json& raw_schema, const std::string& path, std::vector<std::string>& problems) {
    const json& schema = resolve(raw_schema);
    if (schema.contains("type")) {
        const json& type = schema.at("type");
        bool ok = false;
        if (type.is_array()) {
            for (const auto& t : type) ok = ok || has_type(value, t);
        } else {
            ok = has_type(value, type);
        }
        if (!ok) {
            problems.push_back(path + ": expected " + type.dump() + ", got " + value.type_name());
            return;
        }
    }
    if (schema.contains("enum")) {
        const auto& options = schema.at("enum");
        if (std::find(options.begin(), options.end(), value) == options.end())
            problems.push_back(path + ": " + value.dump() + " is not in " + options.dump());
    }
    if (value.is_number() && schema.contains("minimum") && value.get<double>() < schema.at("minimum").get<double>())
        problems.push_back(path + ": " + value.dump() + " is below the minimum " + schema.at("minimum").dump());
    if (value.is_string() && schema.contains("pattern") &&
        !std::regex_search(value.get<std::string>(), std::regex(schema.at("pattern").get<std::string>(), std::regex::ECMAScript)))
        problems.push_back(path + ": " + value.dump() + " does not match " + schema.at("pattern").dump());
    if (value.is_object()) {
        for (const auto& name : schema.value("required", json::array()))
            if (!value.contains(name.get<std::string>())) problems.push_back(path + ": missing " + name.get<std::string>());
        const json properties = schema.value("properties", json::object());
        for (const auto& [name, member] : value.items()) {
            if (properties.contains(name)) validate(member, properties.at(name), path + "." + name, problems);
            else if (schema.contains("additionalProperties") && schema.at("additionalProperties") == false)
                problems.push_back(path + ": undocumented member " + name);
        }
    }
    if (value.is_array() && schema.contains("items")) {
        for (std::size_t i = 0; i < value.size(); ++i) validate(value[i], schema.at("items"), path + "[" + std::to_string(i) + "]", problems);
    }
}

// Every object schema in the file, with its JSON pointer.
void object_schemas(const json& node, const std::string& pointer, std::vector<std::pair<std::string, const json*>>& found) {
    if (node.is_object()) {
        const json type = node.value("type", json());
        const bool is_object_type = type == "object" || (type.is_array() && std::find(type.begin(), type.end(), "object") != type.end());
        if (is_object_type) found.emplace_back(pointer, &node);
        for (const auto& [name, member] : node.items()) object_schemas(member, pointer + "/" + name, found);
    } else if (node.is_array()) {
        for (std::size_t i = 0; i < node.size(); ++i) object_schemas(node[i], pointer + "/" + std::to_string(i), found);
    }
}

struct Checker {
    std::set<std::string> exercised;  // "get /v1/changes"

    void check(const std::string& method, const std::string& templ, const httplib::Result& res) {
        REQUIRE(res);
        CAPTURE(method + " " + templ + " -> " + std::to_string(res->status));
        exercised.insert(method + " " + templ);
        CHECK(res->get_header_value("X-Faltstod-Protocol") == "1");
        REQUIRE(spec().at("paths").contains(templ));
        const auto& operation = spec().at("paths").at(templ);
        REQUIRE(operation.contains(method));
        const auto& responses = operation.at(method).at("responses");
        const std::string status = std::to_string(res->status);
        REQUIRE_MESSAGE(responses.contains(status), "status " << status << " is not documented");
        const auto& documented = responses.at(status);
        if (!documented.contains("content")) {
            CHECK(res->body.empty());
            return;
        }
        const auto& content = documented.at("content");
        if (content.contains("application/json")) {
            const json body = json::parse(res->body);
            std::vector<std::string> problems;
            validate(body, content.at("application/json").at("schema"), "body", problems);
            for (const auto& p : problems) FAIL_CHECK(p);
        } else {
            CHECK(content.contains("text/plain"));
            CHECK(res->get_header_value("Content-Type").rfind("text/plain", 0) == 0);
        }
    }
};

}  // namespace

TEST_CASE("every documented endpoint answers as docs/openapi.yaml says") {
    Deployment d({"--max-push-records", "2", "--enroll-attempts-per-minute", "8"});
    auto client = d.http();
    Checker c;
    const auto victim = d.enroll("reader");
    const auto reader = Deployment::auth(d.reader), admin = Deployment::auth(d.admin);
    const auto post = [&](const std::string& path, const httplib::Headers& headers, const std::string& body) {
        return client.Post(path.c_str(), headers, body, "application/json");
    };

    c.check("get", "/healthz", client.Get("/healthz"));
    c.check("get", "/metrics", client.Get("/metrics", admin));
    c.check("get", "/metrics", client.Get("/metrics", reader));

    auto page = client.Get("/v1/changes?since=0&limit=5", reader);
    c.check("get", "/v1/changes", page);
    auto etag_headers = reader;
    etag_headers.emplace("If-None-Match", page->get_header_value("ETag"));
    c.check("get", "/v1/changes", client.Get("/v1/changes?since=0&limit=5", etag_headers));
    c.check("get", "/v1/changes", client.Get("/v1/changes?since=x", reader));
    c.check("get", "/v1/changes", client.Get("/v1/changes?since=99999", reader));
    c.check("get", "/v1/changes", client.Get("/v1/changes"));
    auto old_client = reader;
    old_client.emplace("X-Faltstod-Protocol", "7");
    c.check("get", "/v1/changes", client.Get("/v1/changes", old_client));

    c.check("get", "/v1/snapshot", client.Get("/v1/snapshot", reader));

    const json good = {{"id", "00000000-0000-4000-8000-000000000001"}, {"kind", "consultation"},
                       {"data", {{"date", faltstod::test::days_ago(10)}, {"county", "05"}, {"profession", "polis"}, {"topics", {"tvangsaktenskap"}},
                                 {"age_band", "adult"}, {"channel", "visit"}, {"outcome", "referred"}}}};
    c.check("post", "/v1/push", post("/v1/push", reader, json{{"records", json::array({good, {{"id", "x"}}})}}.dump()));
    c.check("post", "/v1/push", post("/v1/push", reader, "{"));
    c.check("post", "/v1/push", post("/v1/push", reader, json{{"records", json::array({good, good, good})}}.dump()));

    const std::string period = "from=" + faltstod::test::months_ago(12) + "&to=" + faltstod::test::months_ago(0);
    auto stats = client.Get("/v1/stats?county=05&" + period, admin);
    c.check("get", "/v1/stats", stats);
    // The one record pushed above: fewer than 5, so every count of the answer is "< 5" (the
    // pattern of StatsValue is checked on every one of them).
    REQUIRE(json::parse(stats->body).at("total") == "< 5");
    auto stats_etag = admin;
    stats_etag.emplace("If-None-Match", stats->get_header_value("ETag"));
    c.check("get", "/v1/stats", client.Get("/v1/stats?county=05&" + period, stats_etag));
    // Six more: a total of 7, so the answer holds numbers as well as "< 5" (and an "x" where a
    // small count would otherwise be the total less the others).
    for (int batch = 0; batch < 3; ++batch) {
        json records = json::array();
        for (int k = 0; k < 2; ++k) {
            auto record = good;
            char id[40];
            std::snprintf(id, sizeof id, "00000000-0000-4000-8000-0000000001%02d", batch * 2 + k);
            record["id"] = id;
            if (k == 1) record["data"]["age_band"] = "youth";
            records.push_back(record);
        }
        REQUIRE(post("/v1/push", reader, json{{"records", records}}.dump())->status == 200);
    }
    auto numbers = client.Get("/v1/stats?county=05&" + period, admin);
    c.check("get", "/v1/stats", numbers);
    CHECK(json::parse(numbers->body).at("total") == 7);
    c.check("get", "/v1/stats", client.Get("/v1/stats", Deployment::auth(d.editor)));
    c.check("get", "/v1/stats", client.Get("/v1/stats?from=2026-13", admin));
    c.check("get", "/v1/stats", client.Get("/v1/stats", reader));
    c.check("get", "/v1/stats", client.Get("/v1/stats"));

    c.check("post", "/v1/enroll", post("/v1/enroll", {}, json{{"code", d.new_code("reader")}, {"device_name", "Dator"}}.dump()));
    c.check("post", "/v1/enroll", post("/v1/enroll", {}, R"({"code": "ZZZZ-ZZZZ-ZZZZ", "device_name": "Dator"})"));
    c.check("post", "/v1/enroll", post("/v1/enroll", {}, R"({"code": 5})"));
    auto limited = post("/v1/enroll", {}, R"({"code": "ZZZZ-ZZZZ-ZZZZ", "device_name": "Dator"})");
    for (int i = 0; i < 20 && limited->status != 429; ++i)
        limited = post("/v1/enroll", {}, R"({"code": "ZZZZ-ZZZZ-ZZZZ", "device_name": "Dator"})");
    REQUIRE(limited->status == 429);
    c.check("post", "/v1/enroll", limited);

    c.check("get", "/v1/content-key", client.Get("/v1/content-key", reader));
    c.check("get", "/v1/content-key", client.Get("/v1/content-key"));
    c.check("post", "/v1/wipe-receipt", post("/v1/wipe-receipt", {}, R"({"device_id": "x", "proof": "y"})"));
    c.check("post", "/v1/wipe-receipt", post("/v1/wipe-receipt", {}, R"({"device_id": 5})"));
    c.check("get", "/v1/admin/devices", client.Get("/v1/admin/devices", admin));
    c.check("get", "/v1/admin/devices", client.Get("/v1/admin/devices", reader));
    c.check("post", "/v1/admin/enrollment-codes", post("/v1/admin/enrollment-codes", admin, R"({"role": "reader", "county": "05"})"));
    c.check("post", "/v1/admin/enrollment-codes", post("/v1/admin/enrollment-codes", admin, R"({"role": "reader", "county": "99"})"));
    c.check("post", "/v1/admin/devices/{id}/wipe", post("/v1/admin/devices/" + victim.id + "/wipe", admin, ""));
    c.check("post", "/v1/admin/devices/{id}/revoke", post("/v1/admin/devices/" + victim.id + "/revoke", admin, ""));
    c.check("post", "/v1/admin/devices/{id}/revoke", post("/v1/admin/devices/00000000-0000-4000-8000-00000000abcd/revoke", admin, ""));
    c.check("get", "/v1/changes", client.Get("/v1/changes", Deployment::auth(victim)));
    c.check("post", "/v1/wipe-receipt",
            post("/v1/wipe-receipt", {}, json{{"device_id", victim.id}, {"proof", faltstod::protocol::sha256_hex_of(victim.token)}}.dump()));

    // The documented record schema admits what the kiosk sends today: a note, several topics, joint planning.
    std::vector<std::string> problems;
    validate({{"date", faltstod::test::days_ago(10)}, {"county", "05"}, {"profession", "skola"}, {"topics", {"hrv", "skyddad-identitet"}},
              {"age_band", "child"}, {"channel", "digital"}, {"outcome", "joint_planning"}, {"note", "ville veta mer om utreseförbud"}},
             {{"$ref", "#/components/schemas/Consultation"}}, "record", problems);
    for (const auto& p : problems) FAIL_CHECK(p);

    // Every documented operation was exercised, so nothing in the file is left unchecked.
    for (const auto& [path, operations] : spec().at("paths").items())
        for (const auto& [method, operation] : operations.items()) CHECK_MESSAGE(c.exercised.count(method + " " + path), method << " " << path);
}

// The validator above reports an undocumented member only where a schema says
// additionalProperties: false; so every object schema must say it, and only the content rows
// (whose members depend on the table, see sync/protocol/content_rows.cpp) may admit any member.
TEST_CASE("every object schema in docs/openapi.yaml closes its members or says why not") {
    std::vector<std::pair<std::string, const json*>> schemas;
    object_schemas(spec(), "", schemas);
    REQUIRE(schemas.size() > 20);
    const std::set<std::string> free_form = {"/components/schemas/Change/properties/data",
                                             "/components/schemas/Snapshot/properties/rows/items/properties/data"};
    for (const auto& [pointer, schema] : schemas) {
        CAPTURE(pointer);
        REQUIRE(schema->contains("additionalProperties"));
        CHECK(schema->at("additionalProperties") == json(free_form.count(pointer) > 0));
    }

    // And the validator does reject a member the schema does not list.
    std::vector<std::string> problems;
    validate({{"status", "ok"}, {"protocol", 1}, {"debug", true}}, {{"$ref", "#/components/schemas/Health"}}, "body", problems);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0] == "body: undocumented member debug");
}
