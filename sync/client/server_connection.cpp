// HTTP(S) requests of protocol v1 from the device; see server_connection.hpp.
#include "server_connection.hpp"

#include "protocol.hpp"

#include <httplib.h>

#include <cctype>
#include <fstream>

namespace faltstod::sync {

namespace {

httplib::Client make_client(const std::string& url, const ConnectionOptions& options) {
    httplib::Client client(url);
    client.set_connection_timeout(options.connect_timeout_seconds, 0);
    client.set_read_timeout(options.read_timeout_seconds, 0);
    client.set_write_timeout(options.read_timeout_seconds, 0);
    client.set_decompress(true);
    client.set_tcp_nodelay(true);  // a request's body is not held back waiting for an ACK (docs/performance.md)
    client.enable_server_certificate_verification(true);
    if (!options.ca_file.empty()) client.set_ca_cert_path(options.ca_file);
    return client;
}

httplib::Headers headers_for(const std::string& token) {
    httplib::Headers headers = {{protocol::kVersionHeader, std::to_string(protocol::kVersion)}, {"Accept-Encoding", "gzip"}};
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    return headers;
}

SyncError network_error(httplib::Error error, const httplib::Client& client) {
    if (error == httplib::Error::SSLServerVerification) {
        // Say which check failed: a person has to tell an expired certificate from a wrong
        // server address or a missing CA file. OpenSSL's verdict is X509_V_OK when the
        // certificate was trusted but issued for another host name.
        std::string why;
        switch (const long verdict = client.get_openssl_verify_result()) {
            case X509_V_OK: why = "it was issued for another server name"; break;
            case X509_V_ERR_CERT_HAS_EXPIRED: why = "it has expired"; break;
            case X509_V_ERR_CERT_NOT_YET_VALID: why = "it is not valid yet; check this computer's clock"; break;
            case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
            case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
            case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
            case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN: why = "it is not signed by a trusted certificate authority"; break;
            default: why = "OpenSSL verification error " + std::to_string(verdict); break;
        }
        return {SyncErrorKind::Network, "the server's certificate was not accepted (" + why +
                                            "); check the server address and the CA file (--ca-file)"};
    }
    return {SyncErrorKind::Network, "the server cannot be reached (" + httplib::to_string(error) + ")"};
}

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

}  // namespace

SyncError error_from_answer(int status, const std::string& body) {
    std::string code, message;
    try {
        const auto parsed = nlohmann::json::parse(body);
        code = parsed.at("error").value("code", "");
        message = parsed.at("error").value("message", "");
    } catch (const nlohmann::json::exception&) {
        message = "the server answered " + std::to_string(status);
    }
    if (message.empty()) message = "the server answered " + std::to_string(status);
    if (status == 401) {
        if (code == protocol::error_code::kRevoked) return {SyncErrorKind::Revoked, message};
        if (code == protocol::error_code::kWipe) return {SyncErrorKind::Wipe, message};
        return {SyncErrorKind::Unauthorized, message};
    }
    if (status == 410 && code == protocol::error_code::kResetRequired) return {SyncErrorKind::ResetRequired, message};
    if (status >= 500 || status == 429) return {SyncErrorKind::Server, message};
    return {SyncErrorKind::Rejected, message};
}

ServerConnection::ServerConnection(std::string server_url, std::string token, ConnectionOptions options)
    : url_(std::move(server_url)), token_(std::move(token)), options_(std::move(options)) {
    while (!url_.empty() && url_.back() == '/') url_.pop_back();
}

HttpAnswer ServerConnection::request(const std::string& method, const std::string& path, const std::string& body,
                                     const std::string& etag, std::string* new_etag) {
    HttpAnswer answer;
    auto client = make_client(url_, options_);
    auto headers = headers_for(token_);
    if (!etag.empty()) headers.emplace("If-None-Match", etag);
    auto result = method == "GET" ? client.Get(path, headers) : client.Post(path, headers, body, "application/json");
    if (!result) {
        answer.error = network_error(result.error(), client);
        return answer;
    }
    answer.status = result->status;
    answer.body = std::move(result->body);
    if (new_etag) *new_etag = result->get_header_value("ETag");
    if (answer.status >= 400) answer.error = error_from_answer(answer.status, answer.body);
    return answer;
}

HttpAnswer ServerConnection::enroll(const std::string& code, const std::string& device_name) {
    return request("POST", "/v1/enroll", nlohmann::json{{"code", code}, {"device_name", device_name}}.dump(), "", nullptr);
}

HttpAnswer ServerConnection::changes(std::int64_t since, int limit, const std::string& etag, std::string* new_etag) {
    return request("GET", "/v1/changes?since=" + std::to_string(since) + "&limit=" + std::to_string(limit), "", etag, new_etag);
}

HttpAnswer ServerConnection::push(const nlohmann::json& body) { return request("POST", "/v1/push", body.dump(), "", nullptr); }

HttpAnswer ServerConnection::stats(const std::vector<std::pair<std::string, std::string>>& params) {
    std::string path = "/v1/stats";
    for (const auto& [name, value] : params)
        path += (path.find('?') == std::string::npos ? "?" : "&") + encode_query_value(name) + "=" + encode_query_value(value);
    return request("GET", path, "", "", nullptr);
}

HttpAnswer ServerConnection::snapshot_to_file(const std::filesystem::path& file, const std::function<void(std::size_t)>& progress) {
    HttpAnswer answer;
    auto client = make_client(url_, options_);
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    if (!out) {
        answer.error = {SyncErrorKind::Rejected, "cannot write " + file.string()};
        return answer;
    }
    std::size_t received = 0;
    auto result = client.Get(
        "/v1/snapshot", headers_for(token_),
        [&](const httplib::Response& response) {
            answer.status = response.status;
            return true;
        },
        [&](const char* data, std::size_t length) {
            if (answer.status >= 400) {
                answer.body.append(data, length);  // an error body is small; keep it for the message
                return true;
            }
            out.write(data, static_cast<std::streamsize>(length));
            received += length;
            if (progress) progress(received);
            return static_cast<bool>(out);
        });
    out.close();
    if (!result) {
        answer.error = network_error(result.error(), client);
        return answer;
    }
    answer.status = result->status;
    if (answer.status >= 400) answer.error = error_from_answer(answer.status, answer.body);
    return answer;
}

}  // namespace faltstod::sync
