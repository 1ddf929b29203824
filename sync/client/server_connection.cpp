// Requests of protocol v1 from the device; see server_connection.hpp.
#include "server_connection.hpp"

#include "protocol.hpp"

#include <cctype>
#include <fstream>

namespace faltstod::sync {

namespace {

// Percent-encodes a query value (RFC 3986 unreserved characters stay as they are).
std::string encode_query_value(const std::string& text) {
    static const char* kHex = "0123456789ABCDEF";
    std::string out;
    for (const unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 0xF];
        }
    }
    return out;
}

// The server's machine-readable error code, or "" when the body is not the protocol's error shape.
std::string error_code_of(const std::string& body) {
    try {
        const auto parsed = nlohmann::json::parse(body);
        const auto error = parsed.find("error");
        if (error == parsed.end() || !error->is_object()) return "";
        const auto code = error->find("code");
        return code != error->end() && code->is_string() ? code->get<std::string>().substr(0, 40) : "";
    } catch (const nlohmann::json::exception&) {
        return "";
    }
}

}  // namespace

SyncError error_from_answer(int status, const std::string& body, ChannelTrust trust) {
    const std::string code = error_code_of(body);
    const std::string detail = "HTTP " + std::to_string(status) + (code.empty() ? "" : " " + code);
    if (status == 401) {
        if (code == protocol::error_code::kRevoked || code == protocol::error_code::kWipe) {
            // Over plain HTTP across a network anyone on the path could have written this
            // answer: erasing logs or the token on its word would hand them a way to destroy
            // data. The order waits for a channel that can carry it.
            if (!may_obey_destructive_orders(trust))
                return {SyncErrorKind::Server, SyncProblem::UntrustedOrderIgnored, detail};
            if (code == protocol::error_code::kRevoked) return {SyncErrorKind::Revoked, SyncProblem::Revoked, detail};
            return {SyncErrorKind::Wipe, SyncProblem::Wiped, detail};
        }
        return {SyncErrorKind::Unauthorized, SyncProblem::TokenUnknown, detail};
    }
    if (status == 410 && code == protocol::error_code::kResetRequired) return {SyncErrorKind::ResetRequired, SyncProblem::None, detail};
    if (status == 426) return {SyncErrorKind::Rejected, SyncProblem::ProtocolMismatch, detail};
    if (status == 429) return {SyncErrorKind::Server, code == protocol::error_code::kRateLimited ? SyncProblem::RateLimited : SyncProblem::ServerBusy, detail};
    if (status == 503) return {SyncErrorKind::Server, SyncProblem::ServerBusy, detail};
    if (status == 507) return {SyncErrorKind::Server, SyncProblem::ServerDiskFull, detail};
    if (status >= 500) return {SyncErrorKind::Server, SyncProblem::ServerTrouble, detail};
    if (status == 403 && code == protocol::error_code::kForbidden) return {SyncErrorKind::Rejected, SyncProblem::RequestRefused, detail};
    if (status >= 400) return {SyncErrorKind::Rejected, SyncProblem::RequestRefused, detail};
    // 1xx and 3xx are not answers of this protocol (no redirect is followed).
    return {SyncErrorKind::Server, SyncProblem::AnswerUnreadable, detail};
}

ServerConnection::ServerConnection(const ServerEndpoint& endpoint, const ConnectionOptions& options)
    : options_(options), token_(endpoint.token) {
    const auto check = check_server_address(endpoint.url, endpoint.insecure);
    address_error_ = check.error;
    trust_ = check.trust;
    if (!address_error_) transport_.emplace(check.address, check.trust, options.ca_pem.empty() ? endpoint.ca_pem : options.ca_pem);
}

HttpExchange ServerConnection::request(const std::string& method, const std::string& path, std::uint64_t max_bytes) const {
    HttpExchange exchange;
    exchange.method = method;
    exchange.path = path;
    exchange.headers = {std::string(protocol::kVersionHeader) + ": " + std::to_string(protocol::kVersion)};
    if (!token_.empty()) exchange.headers.push_back("Authorization: Bearer " + token_);
    exchange.limits.connect_timeout = options_.connect_timeout;
    exchange.limits.deadline = options_.request_deadline;
    exchange.limits.low_speed_window = options_.low_speed_window;
    exchange.limits.low_speed_bytes = options_.low_speed_bytes;
    exchange.limits.max_body_bytes = max_bytes;
    return exchange;
}

HttpAnswer ServerConnection::run(HttpExchange exchange) {
    if (address_error_) {
        HttpAnswer refused;
        refused.error = address_error_;
        return refused;
    }
    auto answer = transport_->exchange(exchange);
    if (!answer.error && answer.status >= 400) answer.error = error_from_answer(answer.status, answer.body, trust_);
    else if (!answer.error && answer.status != 304 && (answer.status < 200 || answer.status >= 300))
        answer.error = error_from_answer(answer.status, answer.body, trust_);
    return answer;
}

HttpAnswer ServerConnection::enroll(const std::string& code, const std::string& device_name,
                                    const std::optional<nlohmann::json>& wiped_device) {
    auto exchange = request("POST", "/v1/enroll", options_.max_answer_bytes);
    nlohmann::json body = {{"code", code}, {"device_name", device_name}};
    if (wiped_device) body["wiped_device"] = *wiped_device;
    exchange.body = body.dump();
    auto answer = run(std::move(exchange));
    // The enrollment endpoint answers 401 for a code that is unknown, used or expired.
    if (answer.error.kind == SyncErrorKind::Unauthorized) answer.error.problem = SyncProblem::EnrollCodeRefused;
    return answer;
}

HttpAnswer ServerConnection::changes(std::int64_t since, int limit, const std::string& etag) {
    auto exchange = request("GET", "/v1/changes?since=" + std::to_string(since) + "&limit=" + std::to_string(limit),
                            options_.max_page_bytes);
    if (!etag.empty()) exchange.headers.push_back("If-None-Match: " + etag);
    return run(std::move(exchange));
}

HttpAnswer ServerConnection::push(const nlohmann::json& body) {
    auto exchange = request("POST", "/v1/push", options_.max_answer_bytes);
    exchange.body = body.dump();
    return run(std::move(exchange));
}

HttpAnswer ServerConnection::stats(const std::vector<std::pair<std::string, std::string>>& params) {
    std::string path = "/v1/stats";
    for (const auto& [name, value] : params)
        path += (path.find('?') == std::string::npos ? "?" : "&") + encode_query_value(name) + "=" + encode_query_value(value);
    return run(request("GET", path, options_.max_answer_bytes));
}

HttpAnswer ServerConnection::content_key() { return run(request("GET", "/v1/content-key", options_.max_answer_bytes)); }

HttpAnswer ServerConnection::wipe_receipt(const nlohmann::json& receipt) {
    auto exchange = request("POST", "/v1/wipe-receipt", options_.max_answer_bytes);
    exchange.body = receipt.dump();
    return run(std::move(exchange));
}

HttpAnswer ServerConnection::snapshot_to_file(const std::filesystem::path& file, std::uint64_t max_bytes,
                                              const std::function<void(std::uint64_t)>& progress) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    if (!out) {
        HttpAnswer answer;
        answer.error = {SyncErrorKind::Server, SyncProblem::DiskError, "cannot write " + file.filename().string()};
        return answer;
    }
    SyncError write_error;
    auto exchange = request("GET", "/v1/snapshot", max_bytes);
    exchange.limits.deadline = options_.snapshot_deadline;
    exchange.sink = [&out, &write_error](const char* data, std::size_t length) {
        out.write(data, static_cast<std::streamsize>(length));
        if (!out) write_error = {SyncErrorKind::Server, SyncProblem::DiskFull, "the snapshot could not be written"};
        return static_cast<bool>(out);
    };
    exchange.sink_error = &write_error;
    exchange.progress = progress;
    auto answer = run(std::move(exchange));
    out.close();
    if (!answer.error && !out) answer.error = {SyncErrorKind::Server, SyncProblem::DiskFull, "the snapshot could not be written"};
    if (answer.error.problem == SyncProblem::AnswerTooLarge) answer.error.problem = SyncProblem::SnapshotTooLarge;
    return answer;
}

}  // namespace faltstod::sync
