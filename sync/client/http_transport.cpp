// HTTP(S) exchanges over libcurl with every limit set; see http_transport.hpp.
#include "http_transport.hpp"

#include <curl/curl.h>
#include <openssl/x509_vfy.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <string_view>

namespace faltstod::sync {

namespace {

// The error body kept for a status >= 400: enough for the server's JSON error, never more.
constexpr std::size_t kErrorBodyBytes = 16 * 1024;

void global_init() {
    // curl_global_init is not thread-safe; run it once, before any handle exists.
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct SlistFree {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using Slist = std::unique_ptr<curl_slist, SlistFree>;

struct Transfer {
    const HttpExchange& request;
    HttpAnswer& answer;
    CURL* curl;
    std::size_t header_bytes = 0;
    bool headers_too_large = false;
    bool body_too_large = false;
    bool sink_failed = false;
};

std::string trimmed(std::string text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
    std::size_t start = 0;
    while (start < text.size() && std::isspace(static_cast<unsigned char>(text[start]))) ++start;
    return text.substr(start);
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto& t = *static_cast<Transfer*>(user);
    const std::size_t length = size * count;
    t.header_bytes += length;
    if (t.header_bytes > t.request.limits.max_header_bytes) {
        t.headers_too_large = true;
        return 0;  // aborts the exchange
    }
    const std::string line(data, length);
    if (line.rfind("HTTP/", 0) == 0) {
        t.answer.headers.clear();  // a new block (after 100 Continue): only the final one counts
        return length;
    }
    const auto colon = line.find(':');
    if (colon == std::string::npos) return length;
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    t.answer.headers[name] = trimmed(line.substr(colon + 1));
    return length;
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto& t = *static_cast<Transfer*>(user);
    const std::size_t length = size * count;
    if (t.answer.body_bytes + length > t.request.limits.max_body_bytes) {
        t.body_too_large = true;
        return 0;
    }
    t.answer.body_bytes += length;
    long status = 0;
    curl_easy_getinfo(t.curl, CURLINFO_RESPONSE_CODE, &status);
    if (t.request.sink && status >= 200 && status < 300) {
        if (!t.request.sink(data, length)) {
            t.sink_failed = true;
            return 0;
        }
    } else if (status >= 400) {
        if (t.answer.body.size() < kErrorBodyBytes)
            t.answer.body.append(data, std::min(length, kErrorBodyBytes - t.answer.body.size()));
    } else {
        t.answer.body.append(data, length);
    }
    if (t.request.progress) t.request.progress(t.answer.body_bytes);
    return length;
}

SyncError network(SyncProblem problem, std::string detail) { return {SyncErrorKind::Network, problem, std::move(detail)}; }

SyncError tls_error(CURL* curl, const char* curl_text) {
    long verdict = X509_V_OK;
    curl_easy_getinfo(curl, CURLINFO_SSL_VERIFYRESULT, &verdict);
    const std::string detail = std::string(curl_text) + "; OpenSSL verification result " + std::to_string(verdict);
    // curl checks the name itself after OpenSSL accepted the chain, and says so only in words.
    if (std::string_view(curl_text).find("host name") != std::string_view::npos) return network(SyncProblem::TlsWrongName, detail);
    switch (verdict) {
        // The chain was trusted but curl's own host check failed: issued for another name.
        case X509_V_OK:
        case X509_V_ERR_HOSTNAME_MISMATCH:
        case X509_V_ERR_IP_ADDRESS_MISMATCH: return network(SyncProblem::TlsWrongName, detail);
        case X509_V_ERR_CERT_HAS_EXPIRED: return network(SyncProblem::TlsExpired, detail);
        case X509_V_ERR_CERT_NOT_YET_VALID: return network(SyncProblem::TlsNotYetValid, detail);
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
        case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
        case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
        case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE: return network(SyncProblem::TlsUntrusted, detail);
        default: return network(SyncProblem::TlsFailed, detail);
    }
}

}  // namespace

struct HttpTransport::Handle {
    struct Cleanup {
        void operator()(CURL* c) const { curl_easy_cleanup(c); }
    };
    std::unique_ptr<CURL, Cleanup> curl;
};

std::string HttpAnswer::header(const std::string& lower_case_name) const {
    const auto it = headers.find(lower_case_name);
    return it == headers.end() ? std::string() : it->second;
}

HttpTransport::HttpTransport(ServerAddress address, ChannelTrust trust, std::string ca_pem)
    : address_(std::move(address)), trust_(trust), ca_pem_(std::move(ca_pem)), handle_(std::make_unique<Handle>()) {
    global_init();
    handle_->curl.reset(curl_easy_init());
}

HttpTransport::~HttpTransport() = default;

HttpAnswer HttpTransport::exchange(const HttpExchange& request) {
    HttpAnswer answer;
    CURL* curl = handle_->curl.get();
    if (!curl) {
        answer.error = {SyncErrorKind::Network, SyncProblem::LocalFailure, "curl_easy_init failed"};
        return answer;
    }
    curl_easy_reset(curl);  // keeps the open connection and the TLS session for the next exchange
    Transfer transfer{request, answer, curl};
    char error_text[CURL_ERROR_SIZE] = {};
    const std::string url = address_.url + request.path;
    // Only the scheme this address was approved for: never a downgrade to http, no redirects.
    const char* protocols = trust_ == ChannelTrust::VerifiedTls ? "https" : "http";

    Slist headers;
    for (const auto& h : request.headers) headers.reset(curl_slist_append(headers.release(), h.c_str()));
    headers.reset(curl_slist_append(headers.release(), "Expect:"));  // no 100-continue round trip
    if (request.method == "POST") headers.reset(curl_slist_append(headers.release(), "Content-Type: application/json"));

    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, protocols);
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, protocols);
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // threads: no SIGALRM for name lookup timeouts
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_text);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.limits.connect_timeout.count()));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(request.limits.deadline.count()));
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, request.limits.low_speed_bytes);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, static_cast<long>(request.limits.low_speed_window.count()));
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "gzip");
    curl_easy_setopt(curl, CURLOPT_TCP_NODELAY, 1L);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(curl, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
    if (!ca_pem_.empty()) {
        curl_blob blob{const_cast<char*>(ca_pem_.data()), ca_pem_.size(), CURL_BLOB_COPY};
        curl_easy_setopt(curl, CURLOPT_CAINFO_BLOB, &blob);
    }
    // A proxy from the environment would sit between this computer and itself: never for loopback.
    if (address_.loopback) curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");
    if (request.method == "POST") {
        curl_easy_setopt(curl, CURLOPT_POST, 1L);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    }

    const CURLcode code = curl_easy_perform(curl);
    if (code == CURLE_OK) {
        long status = 0;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        answer.status = static_cast<int>(status);
        return answer;
    }
    answer.headers.clear();
    answer.body.clear();
    const std::string detail = error_text[0] ? error_text : curl_easy_strerror(code);
    if (transfer.headers_too_large) {
        answer.error = {SyncErrorKind::Server, SyncProblem::AnswerTooLarge,
                        "headers over " + std::to_string(request.limits.max_header_bytes) + " bytes"};
    } else if (transfer.body_too_large || code == CURLE_FILESIZE_EXCEEDED) {
        answer.error = {SyncErrorKind::Server, SyncProblem::AnswerTooLarge,
                        "answer over " + std::to_string(request.limits.max_body_bytes) + " bytes"};
    } else if (transfer.sink_failed) {
        answer.error = request.sink_error && *request.sink_error
                           ? *request.sink_error
                           : SyncError{SyncErrorKind::Server, SyncProblem::LocalFailure, "the answer could not be stored"};
    } else {
        switch (code) {
            case CURLE_OPERATION_TIMEDOUT: {
                curl_off_t total = 0, connected = 0;
                curl_easy_getinfo(curl, CURLINFO_TOTAL_TIME_T, &total);
                curl_easy_getinfo(curl, CURLINFO_CONNECT_TIME_T, &connected);
                const auto elapsed = std::chrono::microseconds(total);
                if (connected == 0) answer.error = network(SyncProblem::CannotConnect, detail);
                else if (elapsed + std::chrono::milliseconds(500) >= request.limits.deadline)
                    answer.error = network(SyncProblem::TimedOut, detail);
                else answer.error = network(SyncProblem::TooSlow, detail);
                break;
            }
            case CURLE_PEER_FAILED_VERIFICATION: answer.error = tls_error(curl, detail.c_str()); break;
            case CURLE_SSL_CONNECT_ERROR:
            case CURLE_SSL_CERTPROBLEM:
            case CURLE_SSL_CIPHER:
            case CURLE_SSL_CACERT_BADFILE:
            case CURLE_SSL_ENGINE_INITFAILED: answer.error = network(SyncProblem::TlsFailed, detail); break;
            case CURLE_UNSUPPORTED_PROTOCOL:
            case CURLE_URL_MALFORMAT: answer.error = {SyncErrorKind::Rejected, SyncProblem::BadServerAddress, detail}; break;
            case CURLE_BAD_CONTENT_ENCODING:
            case CURLE_WEIRD_SERVER_REPLY:
                answer.error = {SyncErrorKind::Server, SyncProblem::AnswerUnreadable, detail};
                break;
            default: answer.error = network(SyncProblem::CannotConnect, detail); break;
        }
    }
    return answer;
}

}  // namespace faltstod::sync
