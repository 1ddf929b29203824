// The server address and its trust (sync/client/server_address.hpp), and how an error answer
// becomes a problem code (server_connection.hpp): plain HTTP only to this computer unless
// --insecure, and revoke or wipe orders only over a channel nobody on the network can forge.
#include "server_address.hpp"
#include "server_connection.hpp"

#include <doctest/doctest.h>

using namespace faltstod::sync;

TEST_CASE("addresses: only scheme://host[:port], normalised") {
    struct Case {
        const char* text;
        const char* url;  // nullptr: refused
        bool loopback;
    };
    for (const Case c : {Case{"https://stod.example.se", "https://stod.example.se", false},
                         Case{"https://stod.example.se/", "https://stod.example.se", false},
                         Case{"HTTPS://Stod.Example.se:8443", "https://Stod.Example.se:8443", false},
                         Case{"http://127.0.0.1:8470", "http://127.0.0.1:8470", true},
                         Case{"http://127.9.9.9", "http://127.9.9.9", true},
                         Case{"http://localhost:8470", "http://localhost:8470", true},
                         Case{"http://[::1]:8470", "http://[::1]:8470", true},
                         Case{"http://[2001:db8::1]:8470", "http://[2001:db8::1]:8470", false},
                         Case{"http://0.0.0.0:8470", "http://0.0.0.0:8470", false},
                         Case{"http://128.0.0.1", "http://128.0.0.1", false},
                         Case{"ftp://stod.example.se", nullptr, false},
                         Case{"stod.example.se", nullptr, false},
                         Case{"https://user@stod.example.se", nullptr, false},
                         Case{"https://stod.example.se/v1", nullptr, false},
                         Case{"https://stod.example.se?x=1", nullptr, false},
                         Case{"https://stod.example.se:0", nullptr, false},
                         Case{"https://stod.example.se:65536", nullptr, false},
                         Case{"https://stod.example.se:", nullptr, false},
                         Case{"https://", nullptr, false},
                         Case{"https://[::1", nullptr, false},
                         Case{"https://st od.example.se", nullptr, false}}) {
        CAPTURE(c.text);
        const auto address = parse_server_address(c.text);
        REQUIRE(address.has_value() == (c.url != nullptr));
        if (!address) continue;
        CHECK(address->url == c.url);
        CHECK(address->loopback == c.loopback);
    }
}

TEST_CASE("trust: https is verified TLS, http is allowed to loopback, elsewhere only with --insecure") {
    CHECK(check_server_address("https://stod.example.se", false).trust == ChannelTrust::VerifiedTls);
    CHECK(check_server_address("http://127.0.0.1:8470", false).trust == ChannelTrust::Loopback);
    const auto refused = check_server_address("http://stod.example.se", false);
    CHECK(refused.error.problem == SyncProblem::PlainHttpRefused);
    const auto allowed = check_server_address("http://stod.example.se", true);
    CHECK_FALSE(allowed.error);
    CHECK(allowed.trust == ChannelTrust::Insecure);
    CHECK(check_server_address("gopher://x", true).error.problem == SyncProblem::BadServerAddress);
    CHECK(may_obey_destructive_orders(ChannelTrust::VerifiedTls));
    CHECK(may_obey_destructive_orders(ChannelTrust::Loopback));
    CHECK_FALSE(may_obey_destructive_orders(ChannelTrust::Insecure));
}

TEST_CASE("error answers map by code only, and orders need a trusted channel") {
    const std::string wipe = R"({"error":{"code":"wipe","message":"Ring 08-666 66 66"}})";
    const std::string revoked = R"({"error":{"code":"revoked","message":"x"}})";
    CHECK(error_from_answer(401, wipe, ChannelTrust::VerifiedTls).kind == SyncErrorKind::Wipe);
    CHECK(error_from_answer(401, wipe, ChannelTrust::Loopback).kind == SyncErrorKind::Wipe);
    CHECK(error_from_answer(401, revoked, ChannelTrust::VerifiedTls).kind == SyncErrorKind::Revoked);
    for (const auto& order : {wipe, revoked}) {
        const auto ignored = error_from_answer(401, order, ChannelTrust::Insecure);
        CHECK(ignored.problem == SyncProblem::UntrustedOrderIgnored);
        CHECK(ignored.kind == SyncErrorKind::Server);  // retried later, nothing erased
    }
    // The server's words never travel on: only the status and the code.
    CHECK(to_log_text(error_from_answer(401, wipe, ChannelTrust::VerifiedTls)).find("08-") == std::string::npos);
    CHECK(error_from_answer(401, "{}", ChannelTrust::VerifiedTls).problem == SyncProblem::TokenUnknown);
    CHECK(error_from_answer(410, R"({"error":{"code":"reset_required"}})", ChannelTrust::VerifiedTls).kind == SyncErrorKind::ResetRequired);
    CHECK(error_from_answer(410, "{}", ChannelTrust::VerifiedTls).problem == SyncProblem::RequestRefused);
    CHECK(error_from_answer(426, "", ChannelTrust::VerifiedTls).problem == SyncProblem::ProtocolMismatch);
    CHECK(error_from_answer(429, R"({"error":{"code":"rate_limited"}})", ChannelTrust::VerifiedTls).problem == SyncProblem::RateLimited);
    CHECK(error_from_answer(503, "<html>", ChannelTrust::VerifiedTls).problem == SyncProblem::ServerBusy);
    CHECK(error_from_answer(507, "", ChannelTrust::VerifiedTls).problem == SyncProblem::ServerDiskFull);
    CHECK(error_from_answer(500, "", ChannelTrust::VerifiedTls).kind == SyncErrorKind::Server);
    CHECK(error_from_answer(302, "", ChannelTrust::VerifiedTls).problem == SyncProblem::AnswerUnreadable);
    // A code of any length is cut before it reaches a log.
    const auto long_code = error_from_answer(400, R"({"error":{"code":")" + std::string(5000, 'x') + R"("}})", ChannelTrust::VerifiedTls);
    CHECK(long_code.detail.size() < 60);
}
