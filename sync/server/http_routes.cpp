// Protocol v1 over HTTP: every route, its auth and limits, and the cross-cutting handlers
// (protocol version, errors, metrics, request log). docs/protocol.md explains the guarantees;
// docs/openapi.yaml lists the same routes for clients.
//
// Logging rule: a log line holds method, route, status, latency and device id — never a
// token, an enrollment code, a query value beyond the route, or any record content.
//
// Requests the server does not read (issue 17): a body sent chunked or with no length (411), a
// compressed body (415), a length over the limit (413) are refused in the pre-routing handler,
// before cpp-httplib would read the body, and the connection is closed after the answer. Limits
// on the request line, the headers and the time a request may take are held by the connection
// loop (guarded_http_server.hpp); the error handler words their answers (414, 431, 408).
#include "sync_server.hpp"

#include "change_feed.hpp"
#include "consultation_record.hpp"
#include "consultation_stats.hpp"
#include "content_signature.hpp"
#include "device_registry.hpp"
#include "forwarded_for.hpp"
#include "guarded_http_server.hpp"
#include "listen_backlog.hpp"
#include "protocol.hpp"
#include "push_intake.hpp"
#include "query_params.hpp"
#include "server_schema.hpp"
#include "signing_key.hpp"
#include "tls_context.hpp"
#include "token_crypto.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <optional>
#include <set>
#include <thread>

namespace faltstod::server {

using httplib::Request;
using httplib::Response;
using nlohmann::json;

namespace {

thread_local std::chrono::steady_clock::time_point t_request_start;
thread_local std::string t_device_id;

void send_json(Response& res, int status, const json& body) {
    res.status = status;
    // Error messages quote what the client sent (a path, a parameter name, a parser's "last
    // read"), which may be invalid UTF-8: dump() would throw, and thrown from the error handler
    // that ended the process (tests/integration/server_bad_input_test.cpp). Replace such bytes.
    res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json");
}

void send_error(Response& res, int status, const char* code, const std::string& message) {
    send_json(res, status, {{"error", {{"code", code}, {"message", message}}}});
}

// The route label for metrics and logs: fixed paths as they are, device ids replaced.
std::string route_label(const Request& req) {
    static const std::vector<std::string> kFixed = {"/healthz", "/metrics", "/v1/changes", "/v1/snapshot", "/v1/push",
                                                    "/v1/enroll", "/v1/stats", "/v1/admin/devices", "/v1/admin/enrollment-codes",
                                                    "/v1/content-key", "/v1/wipe-receipt"};
    for (const auto& path : kFixed)
        if (req.path == path) return req.method + " " + path;
    const std::string prefix = "/v1/admin/devices/";
    if (req.path.rfind(prefix, 0) == 0) {
        const auto action = req.path.substr(req.path.rfind('/') + 1);
        if (action == "revoke" || action == "wipe") return req.method + " /v1/admin/devices/{id}/" + action;
    }
    return "unmatched";
}

int rank(Role role) { return role == Role::Reader ? 0 : role == Role::Editor ? 1 : 2; }

// True for "application/json", with or without parameters such as "; charset=utf-8".
bool is_json_media_type(const std::string& content_type) {
    const std::string type = content_type.substr(0, content_type.find(';'));
    const auto end = type.find_last_not_of(" \t");
    if (end == std::string::npos) return false;
    std::string lower = type.substr(0, end + 1);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return lower == "application/json";
}

std::optional<json> parse_body(const Request& req, Response& res, std::initializer_list<std::string_view> allowed) {
    if (!is_json_media_type(req.get_header_value("Content-Type"))) {
        send_error(res, 415, protocol::error_code::kBadRequest, "the body must be JSON, sent as 'Content-Type: application/json'");
        return std::nullopt;
    }
    // nlohmann keeps the last of two equal keys, another parser may keep the first: a record
    // read one way by the kiosk's guard and another way here could slip a note past it. A body
    // with a duplicate key in any object is refused as a whole. The parser itself is not
    // recursive, so deep nesting needs no limit here (tested to 500,000 levels).
    std::vector<std::set<std::string>> keys_per_object;
    bool duplicate_key = false;
    json body;
    try {
        body = json::parse(req.body, [&](int, json::parse_event_t event, json& parsed) {
            if (event == json::parse_event_t::object_start) keys_per_object.emplace_back();
            else if (event == json::parse_event_t::object_end) keys_per_object.pop_back();
            else if (event == json::parse_event_t::key && !keys_per_object.back().insert(parsed.get<std::string>()).second)
                duplicate_key = true;
            return true;
        });
    } catch (const json::parse_error& e) {
        // Where, not what: the parser's message quotes the body, and a reason never repeats what
        // a client sent (docs/safety.md).
        send_error(res, 400, protocol::error_code::kBadRequest, "the body is not valid JSON (at byte " + std::to_string(e.byte) + ")");
        return std::nullopt;
    } catch (const json::exception&) {  // out_of_range for numbers like 1e400
        send_error(res, 400, protocol::error_code::kBadRequest, "the body is not valid JSON (a number is out of range)");
        return std::nullopt;
    }
    if (duplicate_key) {
        send_error(res, 400, protocol::error_code::kBadRequest, "the body has an object with the same key twice");
        return std::nullopt;
    }
    if (!body.is_object()) {
        send_error(res, 400, protocol::error_code::kBadRequest, "the body must be a JSON object");
        return std::nullopt;
    }
    for (const auto& [key, value] : body.items()) {
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
            std::string list;
            for (auto name : allowed) list += (list.empty() ? "" : ", ") + std::string(name);
            send_error(res, 400, protocol::error_code::kBadRequest, "the body has a field that is not allowed here (allowed: " + list + ")");
            return std::nullopt;
        }
    }
    return body;
}

bool only_params(const Request& req, Response& res, std::initializer_list<std::string_view> allowed) {
    if (unknown_query_param(req.params, allowed)) {
        std::string list;
        for (auto name : allowed) list += (list.empty() ? "" : ", ") + std::string(name);
        send_error(res, 400, protocol::error_code::kBadRequest,
                   "the request has a query parameter that is not allowed here (allowed: " + (list.empty() ? "none" : list) + ")");
        return false;
    }
    return true;
}

std::optional<long long> integer_param(const Request& req, const char* name, long long fallback) {
    return parse_integer_param(query_param(req.params, name), fallback);
}

// Refuses a request whose body the server would not read as sent: with Transfer-Encoding (such
// as chunked: cpp-httplib 0.11 reads it without a limit), with Content-Encoding (it would inflate
// a small gzip body without a limit), with no Content-Length on a method that has a body, with
// a Content-Length that is not one plain number, or one over the limit. True when refused; the
// connection then closes after the answer, since the body may still be on it, unread.
bool refuse_unread_body(const Request& req, Response& res, std::size_t max_body_bytes) {
    const auto refuse = [&res](int status, const char* code, const std::string& message) {
        send_error(res, status, code, message);
        GuardedHttpServer::close_after_answer();
        return true;
    };
    if (req.has_header("Transfer-Encoding"))
        return refuse(411, protocol::error_code::kBadRequest,
                      "send the body with a Content-Length header; a 'Transfer-Encoding' (such as chunked) is not accepted");
    if (req.has_header("Content-Encoding"))
        return refuse(415, protocol::error_code::kBadRequest, "send the body uncompressed; a 'Content-Encoding' is not accepted");
    const auto lengths = req.get_header_value_count("Content-Length");
    if (lengths > 1) return refuse(400, protocol::error_code::kBadRequest, "the request has more than one Content-Length header");
    const bool has_body_method = req.method == "POST" || req.method == "PUT" || req.method == "PATCH";
    if (lengths == 0)
        return has_body_method ? refuse(411, protocol::error_code::kBadRequest,
                                        "a " + req.method + " needs a Content-Length header (the body's size in bytes)")
                               : false;
    const std::string value = req.get_header_value("Content-Length");
    if (value.empty() || value.find_first_not_of("0123456789") != std::string::npos)
        return refuse(400, protocol::error_code::kBadRequest, "'Content-Length' must be the body's size in bytes, a plain number");
    if (value.size() > 15 || std::stoull(value) > max_body_bytes)
        return refuse(413, protocol::error_code::kTooLarge,
                      "the request body is too large (at most " + std::to_string(max_body_bytes) + " bytes)");
    if (!has_body_method && std::stoull(value) > 0)
        return refuse(400, protocol::error_code::kBadRequest, "a " + req.method + " request has no body");
    return false;
}

json device_json(const Device& d) {
    auto opt = [](const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); };
    return {{"id", d.id}, {"name", d.name}, {"role", role_name(d.role)}, {"county", opt(d.county)},
            {"created_at", d.created_at}, {"last_seen_at", opt(d.last_seen_at)}, {"revoked_at", opt(d.revoked_at)},
            {"wipe_requested_at", opt(d.wipe_requested_at)}, {"wiped_at", opt(d.wiped_at)}};
}

}  // namespace

// Route handlers, with access to the server's pool, metrics and config.
struct Routes {
    SyncServer& s;

    using AuthedHandler = std::function<void(const Request&, Response&, const Device&, sqlite::Database&)>;

    // Wraps a handler with token auth and a minimum role.
    httplib::Server::Handler authed(Role minimum, AuthedHandler handler) {
        return [this, minimum, handler = std::move(handler)](const Request& req, Response& res) {
            const std::string header = req.get_header_value("Authorization");
            const std::string prefix = "Bearer ";
            if (header.rfind(prefix, 0) != 0) {
                res.set_header("WWW-Authenticate", "Bearer");
                send_error(res, 401, protocol::error_code::kUnauthorized, "this endpoint needs 'Authorization: Bearer <device token>'");
                return;
            }
            auto db = s.pool_.acquire();
            const auto auth = authenticate(*db, header.substr(prefix.size()));
            switch (auth.status) {
                case AuthStatus::UnknownToken:
                    res.set_header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                    send_error(res, 401, protocol::error_code::kUnauthorized, "the device token is not valid; enroll the device again");
                    return;
                case AuthStatus::Revoked:
                    send_error(res, 401, protocol::error_code::kRevoked, "this device's access has been revoked by an administrator");
                    return;
                case AuthStatus::WipeRequested:
                    send_error(res, 401, protocol::error_code::kWipe,
                               "an administrator has ordered this device to erase its local logs and token");
                    return;
                case AuthStatus::Ok: break;
            }
            t_device_id = auth.device.id;
            if (rank(auth.device.role) < rank(minimum)) {
                send_error(res, 403, protocol::error_code::kForbidden,
                           "this needs the role '" + role_name(minimum) + "'; this device has '" + role_name(auth.device.role) + "'");
                return;
            }
            handler(req, res, auth.device, *db);
        };
    }

    void health(const Request&, Response& res) { send_json(res, 200, {{"status", "ok"}, {"protocol", protocol::kVersion}}); }

    void metrics(const Request&, Response& res, const Device&, sqlite::Database& db) { render_metrics(res, db); }

    // The metrics listener's route: no token (it listens on loopback unless set otherwise).
    void open_metrics(const Request&, Response& res) {
        auto db = s.pool_.acquire();
        render_metrics(res, *db);
    }

    void render_metrics(Response& res, sqlite::Database& db) {
        auto rows = db.prepare("SELECT count(*), coalesce(max(seq), 0) FROM content_rows");
        rows.step();
        res.set_content(s.metrics_.render(count_active_devices(db), rows.column_int(0), current_seq(db)),
                        "text/plain; version=0.0.4");
    }

    void changes(const Request& req, Response& res, const Device&, sqlite::Database& db) {
        if (!only_params(req, res, {"since", "limit"})) return;
        const auto since = integer_param(req, "since", 0);
        const auto limit = integer_param(req, "limit", s.config_.default_page);
        if (!since || *since < 0) {
            send_error(res, 400, protocol::error_code::kBadRequest, "'since' must be a cursor from an earlier answer (an integer ≥ 0)");
            return;
        }
        if (!limit || *limit < 1 || *limit > s.config_.max_page) {
            send_error(res, 400, protocol::error_code::kBadRequest,
                       "'limit' must be an integer from 1 to " + std::to_string(s.config_.max_page));
            return;
        }
        const auto position = feed_position(db);
        const std::string etag = "\"c" + std::to_string(position.last_seq) + "." + std::to_string(position.tombstone_horizon) + "." +
                                 std::to_string(*since) + "." + std::to_string(*limit) + "\"";
        res.set_header("ETag", etag);
        res.set_header("Cache-Control", "no-cache");
        if (req.get_header_value("If-None-Match") == etag) {
            res.status = 304;
            return;
        }
        const auto page = read_change_page(db, *since, static_cast<int>(*limit));
        if (!page) {
            send_error(res, 410, protocol::error_code::kResetRequired,
                       "this cursor can no longer be served; download /v1/snapshot and continue from its cursor");
            return;
        }
        res.status = 200;
        // Signed for this cursor: the device pinned the key at enrollment (content_signature.hpp).
        res.set_header(protocol::kSignatureHeader,
                       s.signing_key_->sign(protocol::change_page_statement(*since, protocol::sha256_hex_of(page->json))));
        res.set_content(page->json, "application/json");
    }

    void snapshot(const Request& req, Response& res, const Device&, sqlite::Database&) {
        if (!only_params(req, res, {})) return;
        // The stream keeps its own pooled connection and read transaction until the body is sent.
        struct State {
            ConnectionPool::Lease lease;
            SnapshotStream stream;
            State(ConnectionPool::Lease l, const protocol::SigningKey* key) : lease(std::move(l)), stream(*lease, key) {}
        };
        auto state = std::make_shared<State>(s.pool_.acquire(), &*s.signing_key_);
        const std::string etag = "\"s" + std::to_string(state->stream.cursor()) + "\"";
        res.set_header("ETag", etag);
        res.set_header("Cache-Control", "no-cache");
        if (req.get_header_value("If-None-Match") == etag) {
            res.status = 304;
            return;
        }
        const std::size_t chunk = s.config_.snapshot_chunk_bytes;
        res.set_chunked_content_provider("application/json", [state, chunk](std::size_t, httplib::DataSink& sink) {
            std::string piece;
            const bool more = state->stream.next(piece, chunk);
            if (!piece.empty() && !sink.write(piece.data(), piece.size())) return false;
            if (!more) sink.done();
            return true;
        });
    }

    void push(const Request& req, Response& res, const Device& device, sqlite::Database& db) {
        const auto body = parse_body(req, res, {"records"});
        if (!body) return;
        const auto records = body->find("records");
        if (records == body->end() || !records->is_array()) {
            send_error(res, 400, protocol::error_code::kBadRequest, "field 'records' is required and must be an array");
            return;
        }
        if (static_cast<int>(records->size()) > s.config_.max_push_records) {
            send_error(res, 413, protocol::error_code::kTooLarge,
                       "at most " + std::to_string(s.config_.max_push_records) + " records per push; send the rest in another batch");
            return;
        }
        // A note may name the public numbers of the published content (published_contacts_cache.hpp).
        const IntakeRules rules{s.config_.log_window, s.published_contacts_.get(db)};
        const auto outcomes = store_pushed_records(db, device, *records, rules);  // committed when this returns
        json results = json::array();
        for (const auto& o : outcomes) {
            s.metrics_.record_push(o.status);
            json item = {{"id", o.id}, {"status", o.status}};
            if (!o.reason.empty()) item["reason"] = o.reason;
            results.push_back(item);
        }
        send_json(res, 200, {{"results", results}});
    }

    // Aggregates only: the answer never holds a note, a record id or a device id.
    void stats(const Request& req, Response& res, const Device& device, sqlite::Database& db) {
        if (!only_params(req, res, {"county", "from", "to"})) return;
        std::string problem;
        const auto asked = parse_stats_filter(query_param(req.params, "county"), query_param(req.params, "from"),
                                              query_param(req.params, "to"), problem);
        if (!asked) {
            send_error(res, 400, protocol::error_code::kBadRequest, problem);
            return;
        }
        const auto access = decide_stats_access(device, *asked);
        if (!access.allowed) {
            send_error(res, 403, protocol::error_code::kForbidden, access.refusal);
            return;
        }
        // Small counts never leave the server (stats_suppression.hpp).
        const std::string body = protocol::to_json(read_protected_stats(db, access.effective, s.config_.stats_threshold)).dump();
        const std::string etag = "\"t" + sha256_hex(body).substr(0, 32) + "\"";
        res.set_header("ETag", etag);
        res.set_header("Cache-Control", "no-cache");
        if (req.get_header_value("If-None-Match") == etag) {
            res.status = 304;
            return;
        }
        res.status = 200;
        res.set_content(body, "application/json");
    }

    void enroll(const Request& req, Response& res) {
        // Behind a trusted proxy every connection comes from the proxy: count per real client.
        std::vector<std::string> forwarded;
        for (std::size_t i = 0; i < req.get_header_value_count("X-Forwarded-For"); ++i)
            forwarded.push_back(req.get_header_value("X-Forwarded-For", i));
        if (!s.enroll_limiter_.allow(client_address(req.remote_addr, forwarded, s.config_.trusted_proxies))) {
            res.set_header("Retry-After", std::to_string(s.enroll_limiter_.window().count()));
            send_error(res, 429, protocol::error_code::kRateLimited, "too many enrollment attempts; wait a minute and try again");
            return;
        }
        const auto body = parse_body(req, res, {"code", "device_name", "wiped_device"});
        if (!body) return;
        const auto code = body->find("code");
        // 'device_name' is read from older kiosks and thrown away: the server names every device
        // itself (device_registry.hpp), so no free text about a person is stored or listed.
        const auto name = body->find("device_name");
        if (code == body->end() || !code->is_string() || (name != body->end() && !name->is_string())) {
            send_error(res, 400, protocol::error_code::kBadRequest, "field 'code' is required and must be a string (and 'device_name', when sent, too)");
            return;
        }
        auto db = s.pool_.acquire();
        // A laptop that obeyed a wipe earlier and could not say so then reports it here.
        if (const auto wiped = body->find("wiped_device"); wiped != body->end()) record_receipt(*db, *wiped);
        const auto enrollment = enroll_device(*db, code->get<std::string>());
        if (!enrollment.ok) {
            send_error(res, 401, protocol::error_code::kUnauthorized, enrollment.failure);
            return;
        }
        t_device_id = enrollment.device.id;
        send_json(res, 201, {{"device_id", enrollment.device.id}, {"token", enrollment.token},
                             {"device_name", enrollment.device.name}, {"role", role_name(enrollment.device.role)},
                             {"county", enrollment.device.county ? json(*enrollment.device.county) : json(nullptr)},
                             {"content_key", s.signing_key_->public_base64()}});
    }

    // {"device_id": …, "proof": …}: true when it matched a device with a wipe order.
    static bool record_receipt(sqlite::Database& db, const json& receipt) {
        if (!receipt.is_object()) return false;
        const auto id = receipt.find("device_id");
        const auto proof = receipt.find("proof");
        if (id == receipt.end() || !id->is_string() || proof == receipt.end() || !proof->is_string()) return false;
        return record_wipe_done(db, id->get<std::string>(), proof->get<std::string>());
    }

    void wipe_receipt(const Request& req, Response& res) {
        if (!s.enroll_limiter_.allow(req.remote_addr)) {
            res.set_header("Retry-After", std::to_string(s.enroll_limiter_.window().count()));
            send_error(res, 429, protocol::error_code::kRateLimited, "too many attempts; wait a minute and try again");
            return;
        }
        const auto body = parse_body(req, res, {"device_id", "proof"});
        if (!body) return;
        auto db = s.pool_.acquire();
        if (!record_receipt(*db, *body)) {
            send_error(res, 404, protocol::error_code::kNotFound, "no device with a wipe order matches this receipt");
            return;
        }
        t_device_id = body->at("device_id").get<std::string>();
        send_json(res, 200, {{"recorded", true}});
    }

    void content_key(const Request&, Response& res, const Device&, sqlite::Database&) {
        send_json(res, 200, {{"content_key", s.signing_key_->public_base64()}});
    }

    void list(const Request&, Response& res, const Device&, sqlite::Database& db) {
        json devices = json::array();
        for (const auto& d : list_devices(db)) devices.push_back(device_json(d));
        send_json(res, 200, {{"devices", devices}});
    }

    void device_action(const Request& req, Response& res, const Device& admin, sqlite::Database& db, bool wipe) {
        const std::string id = req.matches[1];
        const bool found = wipe ? request_wipe(db, id, device_actor(admin)) : revoke_device(db, id, device_actor(admin));
        if (!found) {
            send_error(res, 404, protocol::error_code::kNotFound, "no device has this id");
            return;
        }
        // The request log names only the admin; this line names the device it acted on.
        spdlog::info("{} device {} (by admin device {})", wipe ? "wipe ordered for" : "revoked", id, admin.id);
        send_json(res, 200, {{"id", id}, {wipe ? "wipe_requested" : "revoked", true}});
    }

    void create_code(const Request& req, Response& res, const Device& admin, sqlite::Database& db) {
        const auto body = parse_body(req, res, {"role", "county", "valid_hours"});
        if (!body) return;
        // value() would throw for a role that is not a string (a 500): read it only as a string.
        const auto role_field = body->find("role");
        const auto role = parse_role(role_field != body->end() && role_field->is_string() ? role_field->get<std::string>() : "");
        if (!role) {
            send_error(res, 400, protocol::error_code::kBadRequest, "field 'role' must be reader, editor or admin");
            return;
        }
        std::optional<std::string> county;
        if (const auto it = body->find("county"); it != body->end() && !it->is_null()) {
            const auto& codes = protocol::county_codes();
            if (!it->is_string() || std::find(codes.begin(), codes.end(), it->get<std::string>()) == codes.end()) {
                send_error(res, 400, protocol::error_code::kBadRequest, "field 'county' must be a county code such as \"05\"");
                return;
            }
            county = it->get<std::string>();
        }
        const auto hours = body->find("valid_hours");
        long long valid_hours = 24;
        if (hours != body->end()) {
            if (!hours->is_number_integer() || hours->get<long long>() < 1 || hours->get<long long>() > 24 * 30) {
                send_error(res, 400, protocol::error_code::kBadRequest, "field 'valid_hours' must be an integer from 1 to 720");
                return;
            }
            valid_hours = hours->get<long long>();
        }
        const auto code = create_enrollment_code(db, *role, county, std::chrono::hours(valid_hours), device_actor(admin));
        send_json(res, 201, {{"code", code.code}, {"expires_at", code.expires_at}, {"role", role_name(*role)},
                             {"county", county ? json(*county) : json(nullptr)}});
    }
};

namespace {

GuardSettings guard_settings(const ServerConfig& config, int workers) {
    GuardSettings settings;
    settings.limits.max_header_bytes = config.max_header_bytes;
    settings.limits.max_request_line_bytes = std::min<std::size_t>(8 * 1024, config.max_header_bytes);
    settings.limits.max_body_bytes = config.max_body_bytes;
    settings.limits.request_timeout = std::chrono::seconds(config.read_timeout_seconds);
    settings.limits.write_timeout = std::chrono::seconds(config.write_timeout_seconds);
    // An idle connection waits for its next request no longer than a request may take.
    settings.keep_alive_timeout = std::chrono::seconds(std::min(5, config.read_timeout_seconds));
    settings.workers = workers;
    return settings;
}

}  // namespace

SyncServer::SyncServer(ServerConfig config)
    : config_(std::move(config)),
      pool_(config_.db_path),
      enroll_limiter_(config_.enroll_attempts_per_minute, std::chrono::seconds(60)) {
    for (const auto& proxy : config_.trusted_proxies)
        if (!is_ip_address(proxy))
            throw std::runtime_error("trusted-proxy '" + proxy + "' is not an IP address (such as 127.0.0.1)");
    if (uses_tls()) tls_ = std::make_shared<TlsContext>(config_.tls_cert, config_.tls_key);
    http_ = std::make_unique<GuardedHttpServer>(guard_settings(config_, config_.workers), tls_);
    if (config_.metrics_port >= 0) metrics_http_ = std::make_unique<GuardedHttpServer>(guard_settings(config_, 2), nullptr);
    {
        auto db = pool_.acquire();  // opens and migrates the database now, not on the first request
        signing_key_.emplace(load_or_create_signing_key(*db));
    }
    install_routes();
    if (metrics_http_) install_metrics_routes();
}

SyncServer::~SyncServer() = default;

void SyncServer::install_routes() {
    auto& http = *http_;
    auto routes = std::make_shared<Routes>(Routes{*this});
    http.set_payload_max_length(config_.max_body_bytes);
    // cpp-httplib writes an answer's headers and body separately; with Nagle's algorithm the body
    // then waits for the client's delayed ACK (about 40 ms on Linux). Measured in bench/: see
    // docs/performance.md.
    http.set_tcp_nodelay(true);

    // Every request starts with no device id: a request that fails before routing (a bad request
    // line, too many headers) must not be logged with the id of the one before it on this thread.
    http.on_request_start = [] {
        t_request_start = std::chrono::steady_clock::now();
        t_device_id.clear();
    };
    http.on_refused = [this](Response& res) {
        if (res.status == 414)
            send_error(res, 414, protocol::error_code::kBadRequest,
                       "the request line is too long (at most " + std::to_string(std::min<std::size_t>(8 * 1024, config_.max_header_bytes)) +
                           " bytes)");
        else
            send_error(res, res.status, protocol::error_code::kBadRequest,
                       "the request did not arrive in full within " + std::to_string(config_.read_timeout_seconds) + " s");
        res.set_header(protocol::kVersionHeader, std::to_string(protocol::kVersion));
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t_request_start).count();
        metrics_.record_request("unmatched", res.status, seconds);
        spdlog::info("unmatched {} {:.1f}ms device=-", res.status, seconds * 1000);
    };
    const std::size_t max_body = config_.max_body_bytes;
    http.set_pre_routing_handler([max_body](const Request& req, Response& res) {
        if (refuse_unread_body(req, res, max_body)) return httplib::Server::HandlerResponse::Handled;
        const std::string version = req.get_header_value(protocol::kVersionHeader);
        if (!version.empty() && version != std::to_string(protocol::kVersion)) {
            send_error(res, 426, protocol::error_code::kUnsupportedProtocol,
                       "this server speaks protocol version " + std::to_string(protocol::kVersion) +
                           "; update Fältstöd on this device (it sent version " + version.substr(0, 8) + ")");
            return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    http.set_post_routing_handler([](const Request&, Response& res) {
        res.set_header(protocol::kVersionHeader, std::to_string(protocol::kVersion));
        if (GuardedHttpServer::closing_after_answer()) {
            res.headers.erase("Keep-Alive");
            res.set_header("Connection", "close");
        }
    });
    http.set_error_handler([this](const Request& req, Response& res) {
        res.set_header(protocol::kVersionHeader, std::to_string(protocol::kVersion));
        // A limit of the connection loop (cpp-httplib itself answers such a request with 400).
        switch (GuardedHttpServer::current_limit_hit()) {
            case LimitHit::Headers:
                send_error(res, 431, protocol::error_code::kTooLarge,
                           "the request's headers are too large (at most " + std::to_string(config_.max_header_bytes) + " bytes)");
                return;
            case LimitHit::Deadline:
                send_error(res, 408, protocol::error_code::kBadRequest,
                           "the request did not arrive in full within " + std::to_string(config_.read_timeout_seconds) + " s");
                return;
            case LimitHit::Body:
            case LimitHit::RequestLine:
                send_error(res, 413, protocol::error_code::kTooLarge, "the request is too large");
                return;
            case LimitHit::None: break;
        }
        if (!res.body.empty()) return;  // a route already explained the error
        if (res.status == 404) send_error(res, 404, protocol::error_code::kNotFound, "no such endpoint: " + req.method + " " + req.path);
        else if (res.status == 413) send_error(res, 413, protocol::error_code::kTooLarge, "the request body is too large");
        else if (res.status == 405) send_error(res, 405, protocol::error_code::kBadRequest, "method not allowed here");
        else send_error(res, res.status, protocol::error_code::kBadRequest, "the request could not be handled");
    });
    http.set_exception_handler([](const Request& req, Response& res, std::exception_ptr error) {
        std::string what = "unknown";
        bool busy = false, full = false, disk = false;
        try {
            std::rethrow_exception(error);
        } catch (const sqlite::SqliteError& e) {
            what = e.what();
            busy = (e.code() & 0xff) == SQLITE_BUSY;
            full = (e.code() & 0xff) == SQLITE_FULL;
            disk = (e.code() & 0xff) == SQLITE_IOERR;
        } catch (const std::exception& e) {
            what = e.what();
        } catch (...) {
        }
        spdlog::error("{} failed: {}", route_label(req), what);
        res.set_header(protocol::kVersionHeader, std::to_string(protocol::kVersion));
        if (busy) {
            res.set_header("Retry-After", "5");
            send_error(res, 503, protocol::error_code::kInternal, "the server is busy; try again shortly");
        } else if (full) {
            // 507 Insufficient Storage: the operator must free space. Nothing was acknowledged,
            // so a device keeps what it sent and sends it again later.
            send_error(res, 507, protocol::error_code::kInternal, "the server's disk is full; the request was not completed — try again later");
        } else if (disk) {
            send_error(res, 500, protocol::error_code::kInternal,
                       "the server could not write to its disk; the request was not completed — try again later");
        } else {
            send_error(res, 500, protocol::error_code::kInternal, "the server could not handle this request");
        }
    });
    http.set_logger([this](const Request& req, const Response& res) {
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t_request_start).count();
        const std::string route = route_label(req);
        metrics_.record_request(route, res.status, seconds);
        spdlog::info("{} {} {:.1f}ms device={}", route, res.status, seconds * 1000, t_device_id.empty() ? "-" : t_device_id);
    });

    using std::placeholders::_1;
    using std::placeholders::_2;
    using std::placeholders::_3;
    using std::placeholders::_4;
    http.Get("/healthz", [routes](const Request& req, Response& res) { routes->health(req, res); });
    http.Get("/metrics", routes->authed(Role::Admin, std::bind(&Routes::metrics, routes.get(), _1, _2, _3, _4)));
    http.Get("/v1/changes", routes->authed(Role::Reader, std::bind(&Routes::changes, routes.get(), _1, _2, _3, _4)));
    http.Get("/v1/snapshot", routes->authed(Role::Reader, std::bind(&Routes::snapshot, routes.get(), _1, _2, _3, _4)));
    http.Post("/v1/push", routes->authed(Role::Reader, std::bind(&Routes::push, routes.get(), _1, _2, _3, _4)));
    http.Get("/v1/stats", routes->authed(Role::Editor, std::bind(&Routes::stats, routes.get(), _1, _2, _3, _4)));
    http.Post("/v1/enroll", [routes](const Request& req, Response& res) { routes->enroll(req, res); });
    http.Post("/v1/wipe-receipt", [routes](const Request& req, Response& res) { routes->wipe_receipt(req, res); });
    http.Get("/v1/content-key", routes->authed(Role::Reader, std::bind(&Routes::content_key, routes.get(), _1, _2, _3, _4)));
    http.Get("/v1/admin/devices", routes->authed(Role::Admin, std::bind(&Routes::list, routes.get(), _1, _2, _3, _4)));
    http.Post(R"(/v1/admin/devices/([0-9a-f-]{36})/revoke)",
              routes->authed(Role::Admin, [routes](const Request& req, Response& res, const Device& admin, sqlite::Database& db) {
                  routes->device_action(req, res, admin, db, false);
              }));
    http.Post(R"(/v1/admin/devices/([0-9a-f-]{36})/wipe)",
              routes->authed(Role::Admin, [routes](const Request& req, Response& res, const Device& admin, sqlite::Database& db) {
                  routes->device_action(req, res, admin, db, true);
              }));
    http.Post("/v1/admin/enrollment-codes", routes->authed(Role::Admin, std::bind(&Routes::create_code, routes.get(), _1, _2, _3, _4)));
}

void SyncServer::install_metrics_routes() {
    auto routes = std::make_shared<Routes>(Routes{*this});
    metrics_http_->Get("/metrics", [routes](const Request& req, Response& res) { routes->open_metrics(req, res); });
    metrics_http_->set_error_handler([](const Request& req, Response& res) {
        if (res.status == 404) send_error(res, 404, protocol::error_code::kNotFound, "this listener serves only GET /metrics");
        else if (res.body.empty()) send_error(res, res.status, protocol::error_code::kBadRequest, "the request could not be handled");
        (void)req;
    });
}

namespace {

int bind_listener(GuardedHttpServer& http, const std::string& host, int port) {
    const int bound = port == 0 ? http.bind_to_any_port(host) : (http.bind_to_port(host, port) ? port : -1);
    if (bound < 0) throw std::runtime_error(describe_bind_failure(host, port));
    raise_listen_backlog(bound);  // cpp-httplib's 5 is too few for many laptops at once (listen_backlog.hpp)
    return bound;
}

}  // namespace

int SyncServer::bind() {
    const int port = bind_listener(*http_, config_.host, config_.port);
    if (metrics_http_) metrics_port_ = bind_listener(*metrics_http_, config_.metrics_host, config_.metrics_port);
    return port;
}

bool SyncServer::listen() {
    std::atomic<bool> metrics_done{!metrics_http_};
    std::thread metrics_thread;
    if (metrics_http_)
        metrics_thread = std::thread([this, &metrics_done] {
            if (!metrics_http_->listen_after_bind()) spdlog::error("the metrics listener stopped with an error");
            metrics_done = true;
        });
    const bool ok = http_->listen_after_bind();
    // stop() has no effect before the listener runs: keep stopping until it has returned.
    while (!metrics_done) {
        metrics_http_->stop();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (metrics_thread.joinable()) metrics_thread.join();
    return ok;
}

void SyncServer::stop() { http_->stop(); }

void SyncServer::reload_tls() {
    if (!tls_) throw std::runtime_error("this server does not serve HTTPS (no --tls-cert), so there is no certificate to reload");
    tls_->reload();
}

}  // namespace faltstod::server
