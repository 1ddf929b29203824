// The server's content signatures and wipe receipts against the real binary (issue 11): the
// key is made once and kept, every change page and snapshot is signed with it, enrollment hands
// out its public half; a device reports a wipe it obeyed, and only with the right proof.
#include "server_fixture.hpp"

#include "content_signature.hpp"

#include <doctest/doctest.h>

using faltstod::test::Deployment;
using nlohmann::json;
namespace protocol = faltstod::protocol;

namespace {

std::string enrollment_key(Deployment& d) {
    auto client = d.http();
    const json body = {{"code", d.new_code("reader")}, {"device_name", "Signaturtest"}};
    auto res = client.Post("/v1/enroll", body.dump(), "application/json");
    REQUIRE(res);
    REQUIRE(res->status == 201);
    return json::parse(res->body).at("content_key").get<std::string>();
}

}  // namespace

TEST_CASE("enrollment hands out the content key, which signs every page and snapshot, across restarts") {
    Deployment d;
    const auto key = enrollment_key(d);
    CHECK(protocol::is_public_key(key));
    auto client = d.http();
    auto fetched = client.Get("/v1/content-key", Deployment::auth(d.reader));
    REQUIRE(fetched);
    CHECK(json::parse(fetched->body).at("content_key") == key);
    auto anonymous = client.Get("/v1/content-key");
    REQUIRE(anonymous);
    CHECK(anonymous->status == 401);

    for (const long long since : {0LL, 2LL}) {
        CAPTURE(since);
        auto page = client.Get(("/v1/changes?since=" + std::to_string(since) + "&limit=3").c_str(), Deployment::auth(d.reader));
        REQUIRE(page);
        REQUIRE(page->status == 200);
        const auto signature = page->get_header_value(protocol::kSignatureHeader);
        CHECK(protocol::verify_signature(key, protocol::change_page_statement(since, protocol::sha256_hex_of(page->body)), signature));
        CHECK_FALSE(protocol::verify_signature(key, protocol::change_page_statement(since + 1, protocol::sha256_hex_of(page->body)), signature));
    }

    auto snapshot = client.Get("/v1/snapshot", Deployment::auth(d.reader));
    REQUIRE(snapshot);
    const auto& body = snapshot->body;
    const auto field = body.rfind(protocol::kSnapshotSignatureField);
    REQUIRE(field != std::string::npos);
    const auto signature = body.substr(field + protocol::kSnapshotSignatureField.size(), 88);
    CHECK(protocol::verify_signature(key, protocol::snapshot_statement(protocol::sha256_hex_of(body.substr(0, field))), signature));
    CHECK(json::parse(body).at("signature") == signature);  // still one JSON document

    d.server->stop();
    d.start();
    CHECK(enrollment_key(d) == key);  // kept in the database, not made anew
}

TEST_CASE("a wipe receipt is recorded only for a device with a wipe order and the hash of its token") {
    Deployment d({"--enroll-attempts-per-minute", "100"});  // receipts share the enrollment limit
    auto client = d.http();
    const auto post = [&](const json& body) {
        auto res = client.Post("/v1/wipe-receipt", body.dump(), "application/json");
        REQUIRE(res);
        return res->status;
    };
    const json right = {{"device_id", d.reader.id}, {"proof", protocol::sha256_hex_of(d.reader.token)}};
    CHECK(post(right) == 404);  // no wipe was ordered
    REQUIRE(d.cli("wipe " + d.reader.id).exit_code == 0);
    CHECK(post({{"device_id", d.reader.id}, {"proof", protocol::sha256_hex_of("guess")}}) == 404);
    CHECK(post({{"device_id", d.editor.id}, {"proof", protocol::sha256_hex_of(d.reader.token)}}) == 404);
    CHECK(post({{"device_id", d.reader.id}, {"proof", 5}}) == 404);
    CHECK(post({{"device_id", d.reader.id}}) == 404);
    CHECK(post({{"device_id", d.reader.id}, {"proof", "x"}, {"extra", 1}}) == 400);
    CHECK(d.cli("devices").output.find("wipe ordered") != std::string::npos);
    CHECK(post(right) == 200);
    CHECK(post(right) == 200);  // a repeat keeps the first time
    const auto listing = d.cli("devices").output;
    CAPTURE(listing);
    CHECK(listing.find("wiped at 20") != std::string::npos);
    auto devices = client.Get("/v1/admin/devices", Deployment::auth(d.admin));
    REQUIRE(devices);
    bool found = false;
    const auto listed = json::parse(devices->body);
    for (const auto& device : listed.at("devices"))
        if (device.at("id") == d.reader.id) found = device.at("wiped_at").is_string();
    CHECK(found);
}
