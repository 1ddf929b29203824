// The rules the kiosk checks a consultation log with before it saves it: the same checks the
// server makes (protocol/consultation_rules.hpp), with what the kiosk knows — today's date in
// Stockholm, the window from its settings, the county it was enrolled for, and the phone
// numbers and e-mail addresses of the content in its replica, which a note may name. Used by
// the `log` command and the Log screen alike, so both refuse what the server would.
#pragma once

#include "consultation_rules.hpp"
#include "sqlite_db.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace faltstod::app {

// The day it is in Stockholm at `now`: a consultation at 00:30 belongs to the day it happened there.
std::chrono::sys_days stockholm_today(std::chrono::sys_seconds now);

// Reads the replica's contact details (a few hundred rows at most).
protocol::ConsultationRules kiosk_log_rules(sqlite::Database& replica, const std::optional<std::string>& device_county,
                                            int window_months, std::chrono::sys_days today);

}  // namespace faltstod::app
