// Fetching consultation statistics for the kiosk; see stats_client.hpp.
#include "stats_client.hpp"

#include "device_credentials.hpp"

#include <nlohmann/json.hpp>

namespace faltstod::sync {

namespace {

ConsultationCounts parse_counts(const std::string& body) { return protocol::stats_from_json(nlohmann::json::parse(body)); }

}  // namespace

bool role_may_view_stats(const std::string& role) { return role == "editor" || role == "admin"; }

StatsAnswer fetch_consultation_stats(const EngineSettings& settings, const StatsQuery& query) {
    StatsAnswer answer;
    std::optional<DeviceCredentials> credentials;
    try {
        credentials = load_credentials(settings.credentials_path);
    } catch (const std::exception& e) {
        answer.error = {SyncErrorKind::Unauthorized, SyncProblem::CredentialsDamaged, e.what()};
        return answer;
    }
    if (!credentials) {
        answer.error = {SyncErrorKind::Unauthorized, SyncProblem::NotEnrolled, ""};
        return answer;
    }
    answer.role = credentials->role;
    answer.device_county = credentials->county;

    std::vector<std::pair<std::string, std::string>> params;
    if (query.county) params.emplace_back("county", *query.county);
    if (query.from) params.emplace_back("from", *query.from);
    if (query.to) params.emplace_back("to", *query.to);
    ServerConnection connection(ServerEndpoint{credentials->server_url, credentials->token, credentials->insecure, credentials->ca_pem},
                                settings.connection);
    auto http = connection.stats(params);
    if (http.error) {
        answer.error = http.error;
        if (http.status == 403) answer.error.problem = SyncProblem::StatsForbidden;
        return answer;
    }
    if (http.status != 200) {
        answer.error = {SyncErrorKind::Server, SyncProblem::AnswerUnreadable, "HTTP " + std::to_string(http.status)};
        return answer;
    }
    try {
        answer.counts = parse_counts(http.body);
    } catch (const std::exception&) {  // nlohmann's exceptions, and a count of the wrong shape
        answer.error = {SyncErrorKind::Server, SyncProblem::AnswerUnreadable, "statistics"};
    }
    return answer;
}

}  // namespace faltstod::sync
