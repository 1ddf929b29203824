// The rules the kiosk checks a consultation log with before it saves it: the same checks the
// server makes (protocol/consultation_rules.hpp), with what the kiosk knows — the time now, the
// window from its settings, the county it was enrolled for, and the phone
// numbers and e-mail addresses of the content in its replica, which a note may name. Used by
// the `log` command and the Log screen alike, so both refuse what the server would.
#pragma once

#include "consultation_rules.hpp"
#include "sqlite_db.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <optional>
#include <string>

namespace faltstod::app {

// The day it is in Stockholm at `now`: a consultation at 00:30 belongs to the day it happened there.
std::chrono::sys_days stockholm_today(std::chrono::sys_seconds now);

// Reads the replica's contact details (a few hundred rows at most). The window is counted from
// the day it is in UTC at `now`, as the server counts it: were the kiosk to count from
// Stockholm's day, then between midnight in Stockholm and midnight UTC it would accept a date
// two UTC days ahead that the server refuses, and the log would be quarantined after the visit
// instead of corrected in the form. (The form's own "not after today" is Stockholm's day.)
protocol::ConsultationRules kiosk_log_rules(sqlite::Database& replica, const std::optional<std::string>& device_county,
                                            int window_months, std::chrono::sys_seconds now);

// Why the server refused a log, in `language` and the kiosk's own words, never the server's text
// (its sentences are its own, and in its language): the check the form makes before saving, run
// again on the log's data under `rules`; when that finds nothing wrong, the server's rules
// differ from the laptop's (another date window, content not yet synced), and it says that.
std::string rejected_log_reason(const nlohmann::json& data, const protocol::ConsultationRules& rules, const std::string& language);

}  // namespace faltstod::app
