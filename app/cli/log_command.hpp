// `faltstod log`: one anonymous consultation log from the command line, checked with the same
// rules as on the Log screen and on the server (app/log_rules.hpp) — the window of dates, the
// county the device was enrolled for, the personal-data guard on the note with the content's
// public numbers allowed — and refused in the kiosk's language, with the refused part of the
// note marked, before anything is saved.
#pragma once

#include "consultation_record.hpp"
#include "sqlite_db.hpp"
#include "sync_engine.hpp"

#include <filesystem>
#include <iosfwd>
#include <string>

namespace faltstod::app {

struct LogCommandInput {
    protocol::ConsultationRecord record;  // topics empty: they come from `topics`
    std::string topics;                   // comma separated
    std::string language;                 // "sv" or "en"
    std::filesystem::path settings_path;  // the kiosk's settings (the window of dates)
};

// 0 when logged, 1 when refused (the reason on `err`).
int run_log_command(sqlite::Database& replica, const sync::EngineSettings& engine, LogCommandInput input, std::ostream& out,
                    std::ostream& err);

}  // namespace faltstod::app
