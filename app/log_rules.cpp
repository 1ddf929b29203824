// The kiosk's rules for consultation logs; see log_rules.hpp.
#include "log_rules.hpp"

#include "consultation_record.hpp"
#include "i18n.hpp"
#include "open_now.hpp"
#include "published_contacts.hpp"
#include "replica_queries.hpp"

#include <memory>

namespace faltstod::app {

std::chrono::sys_days stockholm_today(std::chrono::sys_seconds now) {
    return std::chrono::sys_days(date::floor<date::days>(hours::to_stockholm(now)).time_since_epoch());
}

protocol::ConsultationRules kiosk_log_rules(sqlite::Database& replica, const std::optional<std::string>& device_county,
                                            int window_months, std::chrono::sys_seconds now) {
    auto published = std::make_shared<protocol::PublishedContacts>();
    const auto details = replica::public_contact_details(replica);
    for (const auto& phone : details.phones) published->add_phone(phone);
    for (const auto& email : details.emails) published->add_email(email);
    protocol::ConsultationRules rules;
    rules.today = protocol::format_date(std::chrono::floor<std::chrono::days>(now));
    rules.window.months_back = window_months;
    rules.device_county = device_county;
    rules.published = std::move(published);
    return rules;
}

std::string rejected_log_reason(const nlohmann::json& data, const protocol::ConsultationRules& rules, const std::string& language) {
    std::string reason;
    if (data.is_object() && !protocol::parse_consultation(data, rules, reason, language) && !reason.empty()) return reason;
    return tr("Servern tog inte emot loggen, fast den är giltig enligt den här datorns regler: servern kan ha andra regler, till exempel för hur gamla loggar får vara. Ta bort den och logga samtalet på nytt om det behövs.");
}

}  // namespace faltstod::app
