// The kiosk against a server that is wrong, or an attacker on the laptop's network (issue 17,
// "The kiosk must survive any answer" and "accepts plain HTTP silently"). Each case is one of
// the answers that broke the kiosk before — a 400 MB page, an endless stream, a forged wipe, a
// negative cursor, an empty snapshot, a trickle — played by a scripted server, and checks what
// the device does now: it stops within its limits, settles nothing it cannot check, keeps its
// content and its logs, and names the problem by code.
#include "support/sample_bundle.hpp"
#include "support/scripted_server.hpp"
#include "support/temp_dir.hpp"

#include "bundle_loader.hpp"
#include "content_rows.hpp"
#include "content_signature.hpp"
#include "content_store.hpp"
#include "device_credentials.hpp"
#include "outbox.hpp"
#include "replica_schema.hpp"
#include "replica_sync.hpp"
#include "sync_engine.hpp"
#include "wipe_receipt.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <zlib.h>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <fstream>
#include <thread>
#include <sstream>

extern char** environ;

using namespace faltstod;
using faltstod::test::ScriptedReply;
using faltstod::test::ScriptedRequest;
using faltstod::test::ScriptedServer;
using faltstod::test::TempDir;
using nlohmann::json;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

const std::string kDeviceId = "3f2b8c1e-4d5a-4e6f-9a7b-1c2d3e4f5a6b";

// Every row of the sample bundle, as a server would send them.
std::vector<protocol::ContentRow> sample_rows() {
    TempDir dir;
    test::write_sample_bundle(dir);
    auto loaded = content::load_bundle(dir.path().string());
    REQUIRE(loaded.ok());
    return protocol::rows_from_bundle(loaded.bundle);
}

std::string signed_page(const protocol::SigningKey& key, std::int64_t since, const std::string& body) {
    return key.sign(protocol::change_page_statement(since, protocol::sha256_hex_of(body)));
}

// A snapshot body as the server streams it, signed over every byte before the signature.
std::string snapshot_body(const protocol::SigningKey& key, const std::vector<protocol::ContentRow>& rows, std::int64_t cursor) {
    std::string body = "{\"protocol\":1,\"cursor\":" + std::to_string(cursor) + ",\"rows\":[\n";
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (i) body += ",\n";
        body += json{{"table", rows[i].table}, {"key", rows[i].key}, {"data", rows[i].data}}.dump();
    }
    body += "],\"count\":" + std::to_string(rows.size());
    const auto signature = key.sign(protocol::snapshot_statement(protocol::sha256_hex_of(body)));
    return body + std::string(protocol::kSnapshotSignatureField) + signature + "\"}";
}

json error_body(const std::string& code, const std::string& message) { return {{"error", {{"code", code}, {"message", message}}}}; }

// A device enrolled with a scripted server: credentials written directly, short limits.
struct Device {
    TempDir dir;
    sync::EngineSettings settings;
    protocol::SigningKey key = protocol::SigningKey::generate();

    Device() {
        settings.replica_path = dir.path() / "data" / "replica.db";
        settings.credentials_path = dir.path() / "data" / "device.json";
        settings.connection.connect_timeout = milliseconds(2000);
        settings.connection.request_deadline = milliseconds(8000);
        settings.connection.low_speed_window = seconds(3);
        settings.backoff_min = milliseconds(50);
        settings.backoff_max = milliseconds(200);
    }

    void enroll_with(const std::string& url, bool insecure = false) {
        sync::DeviceCredentials c;
        c.server_url = url;
        c.device_id = kDeviceId;
        c.token = "token0123456789";
        c.role = "reader";
        c.insecure = insecure;
        c.content_key = key.public_base64();
        sync::save_credentials(settings.credentials_path, c);
    }

    sqlite::Database db() { return replica::open_replica(settings.replica_path.string()); }

    // The sample content, as if synced up to change number 10.
    void seed_content() {
        auto replica_db = db();
        TempDir bundle;
        test::write_sample_bundle(bundle);
        auto loaded = content::load_bundle(bundle.path().string());
        REQUIRE(loaded.ok());
        replica::replace_all_content(replica_db, loaded.bundle);
        sync::set_sync_state(replica_db, sync::kCursorKey, "10");
    }

    void add_logs(int count) {
        auto replica_db = db();
        for (int i = 0; i < count; ++i)
            sync::enqueue_consultation(replica_db, {"2026-11-21", "05", "socialtjanst", {"barnaktenskap"}, "child", "visit", "referred", ""});
    }

    int content_rows() {
        auto replica_db = db();
        const auto c = replica::count_content(replica_db);
        return c.guidance + c.contacts + c.support_lines + c.checklists + c.events;
    }
    std::optional<std::int64_t> cursor() {
        auto replica_db = db();
        return sync::stored_cursor(replica_db);
    }
    int outbox() {
        auto replica_db = db();
        return sync::outbox_size(replica_db);
    }
};

// A signed, valid, empty change page for `since`.
void answer_empty_page(const protocol::SigningKey& key, const ScriptedRequest& request, ScriptedReply& reply) {
    const auto since = std::stoll(request.query_value("since"));
    const std::string body = json{{"protocol", 1}, {"since", since}, {"cursor", since}, {"more", false}, {"changes", json::array()}}.dump();
    reply.answer(200, body, {std::string(protocol::kSignatureHeader) + ": " + signed_page(key, since, body)});
}

// Streams `piece` until the client goes or `limit` bytes are sent; returns the bytes sent.
std::uint64_t stream_until_gone(ScriptedReply& reply, const ScriptedServer& server, const std::string& piece, std::uint64_t limit) {
    std::uint64_t sent = 0;
    while (sent < limit && !server.stopping() && reply.send(piece)) sent += piece.size();
    return sent;
}

struct ChildRun {
    int exit_code = -1;
    long max_rss_kb = 0;
    std::string output;
};

// The peak resident memory of a running process (VmHWM of its current image), in KiB.
long peak_kb(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
    return 0;
}

// Runs the real kiosk binary and measures its peak memory. Read from /proc while it runs:
// wait4's ru_maxrss would include this test process's own peak, which a spawned child inherits
// in the kernel's accounting when it replaces its image.
ChildRun run_kiosk(const std::vector<std::string>& args, const std::filesystem::path& output_file) {
    std::vector<std::string> all = {FALTSTOD_APP_BIN};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    pid_t pid = -1;
    REQUIRE(posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) == 0);
    posix_spawn_file_actions_destroy(&actions);
    ChildRun run;
    int status = 0;
    for (;;) {
        // VmHWM only grows: the last reading before the process ends is its peak, but for the
        // last two milliseconds (its exit, not its download).
        run.max_rss_kb = std::max(run.max_rss_kb, peak_kb(pid));
        const pid_t done = waitpid(pid, &status, WNOHANG);
        REQUIRE(done >= 0);
        if (done == pid) break;
        std::this_thread::sleep_for(milliseconds(2));
    }
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    std::ifstream in(output_file);
    std::stringstream text;
    text << in.rdbuf();
    run.output = text.str();
    return run;
}

// `count` copies of `piece`, gzip-compressed without ever holding them all.
std::string gzip_repeated(const std::string& piece, std::size_t count) {
    z_stream z{};
    REQUIRE(deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) == Z_OK);
    std::string out;
    char buffer[65536];
    for (std::size_t i = 0; i <= count; ++i) {
        const bool last = i == count;
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(piece.data()));
        z.avail_in = last ? 0 : static_cast<uInt>(piece.size());
        do {
            z.next_out = reinterpret_cast<Bytef*>(buffer);
            z.avail_out = sizeof buffer;
            deflate(&z, last ? Z_FINISH : Z_NO_FLUSH);
            out.append(buffer, sizeof buffer - z.avail_out);
        } while (z.avail_out == 0);
    }
    deflateEnd(&z);
    return out;
}

// The peak memory a sync --once may reach while refusing an oversized answer: the limit for
// a page is 32 MiB, so anything near the answer's size means it was held. Sanitizer builds
// carry shadow memory and need more headroom.
constexpr long kPeakKbLimit = FALTSTOD_SANITIZED ? 400 * 1024 : 150 * 1024;

}  // namespace

TEST_CASE("plain HTTP to another computer is refused without --insecure, before anything is sent") {
    Device device;
    const protocol::SigningKey server_key = protocol::SigningKey::generate();
    ScriptedServer server(
        [&](const ScriptedRequest&, ScriptedReply& reply) {
            reply.answer(201, json{{"device_id", kDeviceId}, {"token", "token0123456789"}, {"role", "reader"}, {"county", "05"},
                                   {"content_key", server_key.public_base64()}}
                                  .dump());
        },
        true);
    const std::string address = "http://" + ScriptedServer::non_loopback_address() + ":" + std::to_string(server.port());
    CAPTURE(address);

    const auto refused = sync::enroll_device(device.settings, address, "ABCD-EFGH-JKMN", "Testlaptop");
    CHECK(refused.problem == sync::SyncProblem::PlainHttpRefused);
    CHECK(server.connections() == 0);  // the code never left the laptop
    CHECK_FALSE(std::filesystem::exists(device.settings.credentials_path));

    // An https:// address to a server that only speaks plain HTTP fails; it is never tried as http.
    const auto https = sync::enroll_device(device.settings, "https://127.0.0.1:" + std::to_string(server.port()), "ABCD-EFGH-JKMN", "x");
    CHECK(https.kind == sync::SyncErrorKind::Network);
    CHECK(server.requests() == 0);

    // Asked for explicitly, it works, and the choice is saved and reported.
    const auto allowed = sync::enroll_device(device.settings, address, "ABCD-EFGH-JKMN", "Testlaptop", true);
    REQUIRE_MESSAGE(!allowed, sync::to_log_text(allowed));
    const auto saved = sync::load_credentials(device.settings.credentials_path);
    REQUIRE(saved);
    CHECK(saved->insecure);
    CHECK(saved->content_key == server_key.public_base64());
    sync::SyncEngine engine(device.settings);
    engine.run_once();
    CHECK(engine.status().insecure);

    // Loopback needs no flag: nothing lies between the two programs.
    Device local;
    CHECK_FALSE(sync::enroll_device(local.settings, server.url(), "ABCD-EFGH-JKMN", "Testlaptop"));
}

TEST_CASE("a forged revoke or wipe over plain HTTP erases nothing and carries none of the attacker's words") {
    for (const std::string order : {"wipe", "revoked"}) {
        CAPTURE(order);
        ScriptedServer server(
            [&](const ScriptedRequest&, ScriptedReply& reply) {
                reply.answer(401, error_body(order, "Ring 08-666 66 66 genast").dump());
            },
            true);
        Device device;
        device.enroll_with("http://" + ScriptedServer::non_loopback_address() + ":" + std::to_string(server.port()), true);
        device.seed_content();
        device.add_logs(2);

        sync::SyncEngine engine(device.settings);
        const auto error = engine.run_once();
        CHECK(error.problem == sync::SyncProblem::UntrustedOrderIgnored);
        CHECK(device.outbox() == 2);
        CHECK(std::filesystem::exists(device.settings.credentials_path));
        CHECK(sync::to_log_text(error).find("08-666") == std::string::npos);
        CHECK(engine.status().phase == sync::SyncPhase::WaitingToRetry);
    }
}

TEST_CASE("a change page far over the limit is refused without holding it in memory") {
    // Before: a 400 MB page was read whole (std::bad_alloc, exit 134 with less memory).
    for (const std::string shape : {"content-length", "endless"}) {
        CAPTURE(shape);
        Device device;
        ScriptedServer server([&](const ScriptedRequest& request, ScriptedReply& reply) {
            if (request.path != "/v1/changes") return void(reply.answer(404, error_body("not_found", "").dump()));
            const std::string piece = std::string(",{\"seq\":1}") + std::string(65526, ' ');
            if (shape == "content-length") {
                reply.send("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 419430400\r\n\r\n{\"changes\":[{}");
                stream_until_gone(reply, server, piece, 400ull << 20);
            } else {
                reply.start_body(200);
                reply.send("{\"changes\":[{}");
                stream_until_gone(reply, server, piece, 3ull << 30);
            }
        });
        device.enroll_with(server.url());
        device.seed_content();
        const auto run = run_kiosk({"--db", device.settings.replica_path.string(), "sync", "--once"}, device.dir.path() / "out.txt");
        CAPTURE(run.output);
        CHECK(run.exit_code == 1);
        CHECK(run.output.find("[answer-too-large]") != std::string::npos);
        CHECK(run.max_rss_kb < kPeakKbLimit);
        CHECK(device.cursor() == 10);
        MESSAGE("figure: change page (" << shape << "): sync --once exit " << run.exit_code << ", peak RSS "
                                        << run.max_rss_kb / 1024 << " MiB");
    }
}

TEST_CASE("a gzip answer that inflates far past the limit is cut where the limit is") {
    Device device;
    const std::string bomb = gzip_repeated(std::string(1 << 20, ' '), 150);  // 150 MiB of spaces, about 150 KB on the wire
    ScriptedServer server([&](const ScriptedRequest& request, ScriptedReply& reply) {
        if (request.path != "/v1/changes") return void(reply.answer(404, "{}"));
        reply.answer(200, bomb, {"Content-Encoding: gzip"});
    });
    device.enroll_with(server.url());
    device.seed_content();
    const auto run = run_kiosk({"--db", device.settings.replica_path.string(), "sync", "--once"}, device.dir.path() / "out.txt");
    CAPTURE(run.output);
    CHECK(run.output.find("[answer-too-large]") != std::string::npos);
    CHECK(run.max_rss_kb < kPeakKbLimit);
    MESSAGE("figure: gzip bomb (" << bomb.size() / 1024 << " KiB inflating to 150 MiB): peak RSS " << run.max_rss_kb / 1024 << " MiB");
}

TEST_CASE("an endless snapshot stops at its size limit and at the disk's reserve, and leaves no file") {
    Device device;
    ScriptedServer server([&](const ScriptedRequest& request, ScriptedReply& reply) {
        if (request.path != "/v1/snapshot") return void(reply.answer(404, "{}"));
        reply.start_body(200);
        reply.send("{\"protocol\":1,\"cursor\":5,\"rows\":[");
        stream_until_gone(reply, server, std::string(65536, ' '), 3ull << 30);
    });
    device.enroll_with(server.url());

    SUBCASE("the size limit") { device.settings.connection.max_snapshot_bytes = 4u << 20; }
    SUBCASE("the free disk, but for the reserve") {
        const auto space = std::filesystem::space(device.dir.path());
        device.settings.connection.disk_reserve_bytes = space.available - (4u << 20);
    }
    sync::SyncEngine engine(device.settings);
    const auto error = engine.run_once();
    CHECK(error.problem == sync::SyncProblem::SnapshotTooLarge);
    CHECK_FALSE(std::filesystem::exists(device.settings.replica_path.parent_path() / "snapshot.download"));
    MESSAGE("figure: endless snapshot: stopped with " << sync::to_log_text(error));
    CHECK_FALSE(device.cursor());
}

TEST_CASE("a push answer that does not match what was sent settles nothing and ends the sync") {
    // Before: an unknown status or ids that did not match made `sync --once` loop 63,618 times.
    const std::vector<std::pair<std::string, std::function<json(const json&)>>> answers = {
        {"unknown status", [](const json& sent) {
             json results = json::array();
             for (const auto& r : sent) results.push_back({{"id", r.at("id")}, {"status", "queued"}});
             return json{{"results", results}};
         }},
        {"ids never sent", [](const json& sent) {
             json results = json::array();
             for (std::size_t i = 0; i < sent.size(); ++i) results.push_back({{"id", "not-" + std::to_string(i)}, {"status", "applied"}});
             return json{{"results", results}};
         }},
        {"one id missing", [](const json& sent) {
             json results = json::array();
             for (std::size_t i = 1; i < sent.size(); ++i) results.push_back({{"id", sent[i].at("id")}, {"status", "applied"}});
             return json{{"results", results}};
         }},
        {"one id twice", [](const json& sent) {
             json results = json::array();
             for (const auto& r : sent) results.push_back({{"id", r.at("id")}, {"status", "applied"}});
             results.push_back({{"id", sent[0].at("id")}, {"status", "duplicate"}});
             return json{{"results", results}};
         }},
        {"no results", [](const json&) { return json{{"results", 7}}; }},
        {"not an object", [](const json&) { return json::array(); }},
    };
    for (const auto& [name, make] : answers) {
        CAPTURE(name);
        Device device;
        ScriptedServer server([&, make = make](const ScriptedRequest& request, ScriptedReply& reply) {
            if (request.path == "/v1/push") return void(reply.answer(200, make(json::parse(request.body).at("records")).dump()));
            answer_empty_page(device.key, request, reply);
        });
        device.enroll_with(server.url());
        device.seed_content();
        device.add_logs(3);
        sync::SyncEngine engine(device.settings);
        const auto error = engine.run_once();
        CHECK(error.problem == sync::SyncProblem::PushAnswerMismatch);
        CHECK(server.requests("/v1/push") == 1);
        CHECK(device.outbox() == 3);
    }
}

TEST_CASE("a rejection reason is kept short, and an oversized push answer is refused") {
    Device device;
    std::string reason_length = "100000";
    ScriptedServer server([&](const ScriptedRequest& request, ScriptedReply& reply) {
        if (request.path != "/v1/push") return answer_empty_page(device.key, request, reply);
        json results = json::array();
        const auto sent = json::parse(request.body);
        for (const auto& r : sent.at("records"))
            results.push_back({{"id", r.at("id")}, {"status", "rejected"}, {"reason", std::string(std::stoul(reason_length), 'x') + "\x01"}});
        reply.answer(200, json{{"results", results}}.dump());
    });
    device.enroll_with(server.url());
    device.seed_content();
    device.add_logs(1);
    {
        sync::SyncEngine engine(device.settings);
        const auto error = engine.run_once();
        REQUIRE_MESSAGE(!error, sync::to_log_text(error));
        auto db = device.db();
        const auto quarantined = sync::quarantined_records(db);
        REQUIRE(quarantined.size() == 1);
        CHECK(quarantined[0].reason.size() <= 300);
    }
    // 50 MB of reason: over the answer limit, so nothing is read or settled.
    reason_length = std::to_string(50u << 20);
    device.add_logs(1);
    sync::SyncEngine engine(device.settings);
    CHECK(engine.run_once().problem == sync::SyncProblem::AnswerTooLarge);
    CHECK(device.outbox() == 1);
}

TEST_CASE("a rejection reason keeps its last letter, and a cut reason never ends inside one") {
    // Before: the last character of every reason that ended in å, ä or ö was dropped.
    Device device;
    std::string reason;
    ScriptedServer server([&](const ScriptedRequest& request, ScriptedReply& reply) {
        if (request.path != "/v1/push") return answer_empty_page(device.key, request, reply);
        json results = json::array();
        const auto sent = json::parse(request.body);
        for (const auto& r : sent.at("records")) results.push_back({{"id", r.at("id")}, {"status", "rejected"}, {"reason", reason}});
        reply.answer(200, json{{"results", results}}.dump());
    });
    device.enroll_with(server.url());
    device.seed_content();
    const std::string cut_at_limit = std::string(299, 'x');  // what a 300-byte limit keeps of the next two
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"Fel län, välj Örebro län", "Fel län, välj Örebro län"},
        {"för gammalt datum – ändra år", "för gammalt datum – ändra år"},
        {"Inget sådant län: ö", "Inget sådant län: ö"},
        {cut_at_limit + "ö", cut_at_limit},            // ö would be cut in half: dropped whole
        {cut_at_limit + "–", cut_at_limit},            // a three-byte dash likewise
        {std::string(298, 'x') + "ö", std::string(298, 'x') + "ö"},  // fits: kept
    };
    for (const auto& [sent, kept] : cases) {
        CAPTURE(sent);
        reason = sent;
        device.add_logs(1);
        sync::SyncEngine engine(device.settings);
        const auto error = engine.run_once();
        REQUIRE_MESSAGE(!error, sync::to_log_text(error));
        auto db = device.db();
        const auto quarantined = sync::quarantined_records(db);
        REQUIRE(quarantined.size() == 1);
        CHECK(quarantined[0].reason == kept);
        db.exec("DELETE FROM outbox");
    }
}

TEST_CASE("a server that always answers 410 gets one snapshot per sync") {
    // Before: 1,011 full snapshots in 60 s.
    Device device;
    const auto rows = sample_rows();
    ScriptedServer server([&](const ScriptedRequest& request, ScriptedReply& reply) {
        if (request.path == "/v1/snapshot") return void(reply.answer(200, snapshot_body(device.key, rows, 40)));
        reply.answer(410, error_body("reset_required", "start over").dump());
    });
    device.enroll_with(server.url());
    device.seed_content();
    sync::SyncEngine engine(device.settings);
    CHECK(engine.run_once().problem == sync::SyncProblem::ResetLoop);
    CHECK(server.requests("/v1/snapshot") == 1);
    CHECK(engine.run_once().problem == sync::SyncProblem::ResetLoop);
    CHECK(server.requests("/v1/snapshot") == 2);
}

TEST_CASE("'more' for ever is bounded: pages must move the cursor, and a sync has a page limit") {
    // Before: 100,000 requests over 180 s.
    for (const bool moving : {true, false}) {
        CAPTURE(moving);
        Device device;
        ScriptedServer server([&](const ScriptedRequest& request, ScriptedReply& reply) {
            const auto since = std::stoll(request.query_value("since"));
            const auto cursor = moving ? since + 1 : since;
            const std::string body =
                json{{"protocol", 1}, {"since", since}, {"cursor", cursor}, {"more", true}, {"changes", json::array()}}.dump();
            reply.answer(200, body, {std::string(protocol::kSignatureHeader) + ": " + signed_page(device.key, since, body)});
        });
        device.enroll_with(server.url());
        device.seed_content();
        device.settings.max_pages_per_sync = 20;
        sync::SyncEngine engine(device.settings);
        const auto error = engine.run_once();
        CHECK(error.problem == (moving ? sync::SyncProblem::TooManyPages : sync::SyncProblem::CursorInvalid));
        CHECK(server.requests("/v1/changes") == (moving ? 20 : 1));
    }
}

TEST_CASE("a sync has one deadline: pages that each come in time but never end stop when it passes") {
    // Each page answers within every per-request limit, and the cursor moves, so neither the
    // request deadline nor the cursor rule stops it; the whole sync's deadline does.
    Device device;
    ScriptedServer server([&](const ScriptedRequest& request, ScriptedReply& reply) {
        std::this_thread::sleep_for(milliseconds(250));
        const auto since = std::stoll(request.query_value("since"));
        const std::string body =
            json{{"protocol", 1}, {"since", since}, {"cursor", since + 1}, {"more", true}, {"changes", json::array()}}.dump();
        reply.answer(200, body, {std::string(protocol::kSignatureHeader) + ": " + signed_page(device.key, since, body)});
    });
    device.enroll_with(server.url());
    device.seed_content();
    device.settings.sync_deadline = std::chrono::seconds(2);
    sync::SyncEngine engine(device.settings);
    const auto started = std::chrono::steady_clock::now();
    const auto error = engine.run_once();
    const auto took = std::chrono::steady_clock::now() - started;
    CHECK(error.problem == sync::SyncProblem::TimedOut);
    // About 2 s / 0.25 s = 8 pages, far below the 2,000 pages a sync may take otherwise.
    CHECK(server.requests("/v1/changes") >= 2);
    CHECK(server.requests("/v1/changes") <= 20);
    CHECK(took < std::chrono::seconds(10));
    // What was applied before the deadline stays, consistently: the cursor is where the last page left it.
    CHECK(device.cursor() == 10 + server.requests("/v1/changes"));
}

TEST_CASE("a negative cursor, or one that moves backwards, is refused and the content version stays") {
    // Before: "Synced: content version -5", and content sync blocked for good.
    for (const std::int64_t bad : {-5, 3}) {
        CAPTURE(bad);
        Device device;
        ScriptedServer server([&](const ScriptedRequest& request, ScriptedReply& reply) {
            const auto since = std::stoll(request.query_value("since"));
            const std::string body = json{{"protocol", 1}, {"since", since}, {"cursor", bad}, {"more", false}, {"changes", json::array()}}.dump();
            reply.answer(200, body, {std::string(protocol::kSignatureHeader) + ": " + signed_page(device.key, since, body)});
        });
        device.enroll_with(server.url());
        device.seed_content();
        sync::SyncEngine engine(device.settings);
        CHECK(engine.run_once().problem == sync::SyncProblem::CursorInvalid);
        CHECK(device.cursor() == 10);
    }
    // The same for a snapshot's cursor.
    Device device;
    const auto rows = sample_rows();
    ScriptedServer server([&](const ScriptedRequest&, ScriptedReply& reply) { reply.answer(200, snapshot_body(device.key, rows, -5)); });
    device.enroll_with(server.url());
    sync::SyncEngine engine(device.settings);
    CHECK(engine.run_once().problem == sync::SyncProblem::CursorInvalid);
    CHECK_FALSE(device.cursor());
}

TEST_CASE("a valid snapshot that would empty the replica is refused and the content kept") {
    // Before: a signed-looking snapshot with 0 rows silently emptied all content.
    Device device;
    const auto rows = sample_rows();
    std::vector<protocol::ContentRow> few;
    ScriptedServer server([&](const ScriptedRequest& request, ScriptedReply& reply) {
        if (request.path == "/v1/snapshot") return void(reply.answer(200, snapshot_body(device.key, few, 50)));
        if (request.query_value("since") == "50") return answer_empty_page(device.key, request, reply);
        reply.answer(410, error_body("reset_required", "").dump());
    });
    device.enroll_with(server.url());
    device.seed_content();
    const int before = device.content_rows();
    REQUIRE(before > 0);
    sync::SyncEngine engine(device.settings);
    CHECK(engine.run_once().problem == sync::SyncProblem::SnapshotWouldEmpty);
    CHECK(device.content_rows() == before);
    CHECK(device.cursor() == 10);
    // One that keeps too few of the rows synced before is refused too (a lower threshold here:
    // the sample has fewer rows than the default's 20).
    for (const auto& row : rows)
        if (row.table != "guidance" && row.table != "contacts") few.push_back(row);
    device.settings.snapshot_rules.min_rows = 4;
    sync::SyncEngine strict(device.settings);
    CHECK(strict.run_once().problem == sync::SyncProblem::SnapshotWouldEmpty);
    CHECK(device.content_rows() == before);
    // A snapshot with all the rows is taken.
    few = rows;
    CHECK_FALSE(engine.run_once());
    CHECK(device.cursor() == 50);
}

TEST_CASE("the content a kiosk is installed with gives way to its first snapshot, however small, but not to an empty one") {
    Device device;
    const auto rows = sample_rows();
    std::vector<protocol::ContentRow> served;
    ScriptedServer server([&](const ScriptedRequest& request, ScriptedReply& reply) {
        if (request.path == "/v1/snapshot") return void(reply.answer(200, snapshot_body(device.key, served, 7)));
        answer_empty_page(device.key, request, reply);
    });
    device.enroll_with(server.url());
    device.seed_content();
    {
        auto db = device.db();
        db.exec("DELETE FROM sync_state");  // installed, never synced
    }
    device.settings.snapshot_rules.min_rows = 4;
    sync::SyncEngine engine(device.settings);
    CHECK(engine.run_once().problem == sync::SyncProblem::SnapshotWouldEmpty);
    for (const auto& row : rows)
        if (row.table == "support_lines" || row.table == "topics" || row.table == "counties") served.push_back(row);
    CHECK_FALSE(engine.run_once());
    CHECK(device.content_rows() == 2);  // the server's two support lines, nothing of the installation's
    CHECK(device.cursor() == 7);
}

TEST_CASE("an answer that trickles in is cut off, and a steady endless one ends at the deadline") {
    // Before: one byte every 20 s hung `sync --once` with no limit.
    for (const bool trickle : {true, false}) {
        CAPTURE(trickle);
        Device device;
        device.settings.connection.low_speed_window = seconds(2);
        device.settings.connection.request_deadline = milliseconds(4000);
        ScriptedServer server([&](const ScriptedRequest&, ScriptedReply& reply) {
            reply.start_body(200);
            // A byte every 300 ms (3 bytes/s, under the 100 bytes/s accepted), or 640 bytes/s for ever.
            while (!server.stopping() && reply.send(trickle ? " " : std::string(64, ' ')))
                std::this_thread::sleep_for(milliseconds(trickle ? 300 : 100));
        });
        device.enroll_with(server.url());
        device.seed_content();
        sync::SyncEngine engine(device.settings);
        const auto started = std::chrono::steady_clock::now();
        const auto error = engine.run_once();
        const auto took = std::chrono::steady_clock::now() - started;
        CHECK(error.problem == (trickle ? sync::SyncProblem::TooSlow : sync::SyncProblem::TimedOut));
        CHECK(took < seconds(8));
        MESSAGE("figure: " << std::string(trickle ? "trickle" : "steady endless answer") << ": stopped after "
                           << std::chrono::duration_cast<milliseconds>(took).count() << " ms");
    }
}

TEST_CASE("headers without end are cut at their limit") {
    for (const bool one_line : {false, true}) {
        CAPTURE(one_line);
        Device device;
        ScriptedServer server([&](const ScriptedRequest&, ScriptedReply& reply) {
            reply.send("HTTP/1.1 200 OK\r\n");
            stream_until_gone(reply, server, one_line ? std::string(4096, 'a') : "X-Filler: " + std::string(100, 'a') + "\r\n", 1ull << 30);
        });
        device.enroll_with(server.url());
        device.seed_content();
        sync::SyncEngine engine(device.settings);
        const auto started = std::chrono::steady_clock::now();
        const auto error = engine.run_once();
        CAPTURE(sync::to_log_text(error));
        // Many lines: our own limit on all headers. One endless line: libcurl's limit on one header.
        if (!one_line) CHECK(error.problem == sync::SyncProblem::AnswerTooLarge);
        else CHECK(error);
        CHECK(std::chrono::steady_clock::now() - started < seconds(5));
        CHECK(device.cursor() == 10);
    }
}

TEST_CASE("content changed on the way, unsigned, or signed for another cursor is refused") {
    // Before: an attacker on the path rewrote Kvinnofridslinjen's number and the kiosk showed it.
    const auto rows = sample_rows();
    json line;
    for (const auto& row : rows)
        if (row.table == "support_lines") line = {{"seq", 11}, {"table", row.table}, {"key", row.key}, {"deleted", false}, {"data", row.data}};
    const std::string honest = json{{"protocol", 1}, {"since", 10}, {"cursor", 11}, {"more", false}, {"changes", {line}}}.dump();
    line["data"]["number"] = "070-666 66 66";
    const std::string forged = json{{"protocol", 1}, {"since", 10}, {"cursor", 11}, {"more", false}, {"changes", {line}}}.dump();

    struct Case {
        std::string name;
        std::function<std::pair<std::string, std::string>(const protocol::SigningKey&)> page;  // body, signature
        sync::SyncProblem expected;
    };
    const protocol::SigningKey other = protocol::SigningKey::generate();
    const std::vector<Case> cases = {
        {"tampered after signing", [&](const auto& key) { return std::pair{forged, signed_page(key, 10, honest)}; }, sync::SyncProblem::BadSignature},
        {"no signature", [&](const auto&) { return std::pair{forged, std::string()}; }, sync::SyncProblem::UnsignedContent},
        {"another key", [&](const auto&) { return std::pair{forged, signed_page(other, 10, forged)}; }, sync::SyncProblem::BadSignature},
        {"another cursor", [&](const auto& key) { return std::pair{honest, signed_page(key, 9, honest)}; }, sync::SyncProblem::BadSignature},
        {"garbage signature", [&](const auto&) { return std::pair{forged, std::string("AAAA")}; }, sync::SyncProblem::BadSignature},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        Device device;
        ScriptedServer server([&](const ScriptedRequest&, ScriptedReply& reply) {
            const auto [body, signature] = c.page(device.key);
            std::vector<std::string> headers;
            if (!signature.empty()) headers.push_back(std::string(protocol::kSignatureHeader) + ": " + signature);
            reply.answer(200, body, headers);
        });
        device.enroll_with(server.url());
        device.seed_content();
        sync::SyncEngine engine(device.settings);
        CHECK(engine.run_once().problem == c.expected);
        CHECK(device.cursor() == 10);
        auto db = device.db();
        auto number = db.prepare("SELECT number FROM support_lines WHERE id = 'line/kvinnofridslinjen'");
        REQUIRE(number.step());
        CHECK(number.column_text(0) == "020-50 50 50");
    }

    // A snapshot with one byte changed after signing.
    Device device;
    std::string snapshot = snapshot_body(device.key, rows, 40);
    snapshot.replace(snapshot.find("020-50 50 50"), 12, "070-666 6666");
    ScriptedServer server([&](const ScriptedRequest&, ScriptedReply& reply) { reply.answer(200, snapshot); });
    device.enroll_with(server.url());
    sync::SyncEngine engine(device.settings);
    CHECK(engine.run_once().problem == sync::SyncProblem::BadSignature);
    CHECK(device.content_rows() == 0);
}

TEST_CASE("an enrollment answer with a field out of shape saves nothing") {
    const protocol::SigningKey key = protocol::SigningKey::generate();
    const json good = {{"device_id", kDeviceId}, {"token", "token0123456789"}, {"role", "reader"}, {"county", "05"},
                       {"content_key", key.public_base64()}};
    const auto with = [&](const std::string& field, const json& value) {
        json changed = good;
        changed[field] = value;
        return changed;
    };
    const std::vector<std::pair<std::string, json>> broken = {
        {"device id", with("device_id", "../../etc")},
        {"token", with("token", "a b\nc")},
        {"role", with("role", "root")},
        {"county", with("county", "99")},
        {"no content key", with("content_key", "")},
        {"not a key", with("content_key", "AAAA")},
        {"not json", json("<html>")},
    };
    for (const auto& [name, body] : broken) {
        CAPTURE(name);
        Device device;
        ScriptedServer server([&, body = body](const ScriptedRequest&, ScriptedReply& reply) {
            reply.answer(201, body.is_string() ? body.get<std::string>() : body.dump());
        });
        const auto error = sync::enroll_device(device.settings, server.url(), "ABCD-EFGH-JKMN", "Testlaptop");
        CHECK(error.problem == sync::SyncProblem::AnswerUnreadable);
        CHECK_FALSE(std::filesystem::exists(device.settings.credentials_path));
    }
}
