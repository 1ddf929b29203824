// Fetching consultation statistics for the kiosk; see stats_client.hpp.
#include "stats_client.hpp"

#include "device_credentials.hpp"

#include <nlohmann/json.hpp>

namespace faltstod::sync {

namespace {

std::vector<StatsCount> counts_of(const nlohmann::json& list) {
    std::vector<StatsCount> out;
    for (const auto& item : list) out.push_back({item.at("key").get<std::string>(), item.at("count").get<std::int64_t>()});
    return out;
}

std::optional<std::string> optional_text(const nlohmann::json& value) {
    return value.is_string() ? std::optional<std::string>(value.get<std::string>()) : std::nullopt;
}

ConsultationCounts parse_counts(const std::string& body) {
    const auto data = nlohmann::json::parse(body);
    ConsultationCounts c;
    const auto& filter = data.at("filter");
    c.county = optional_text(filter.at("county"));
    c.from = optional_text(filter.at("from"));
    c.to = optional_text(filter.at("to"));
    c.total = data.at("total").get<std::int64_t>();
    c.by_month = counts_of(data.at("by_month"));
    c.by_county = counts_of(data.at("by_county"));
    c.by_topic = counts_of(data.at("by_topic"));
    c.by_profession = counts_of(data.at("by_profession"));
    c.by_outcome = counts_of(data.at("by_outcome"));
    c.by_age_band = counts_of(data.at("by_age_band"));
    c.by_channel = counts_of(data.at("by_channel"));
    return c;
}

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
    } catch (const nlohmann::json::exception&) {
        answer.error = {SyncErrorKind::Server, SyncProblem::AnswerUnreadable, "statistics"};
    }
    return answer;
}

}  // namespace faltstod::sync
