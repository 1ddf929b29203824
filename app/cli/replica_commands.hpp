// The subcommands that read or fill the local replica — `import`, `search`, `contacts`, `lines`,
// `status` — printed in the chosen language with the kiosk's own sentences (open_text.hpp), so
// the terminal and the window say the same thing ("Öppet nu, stänger 21:00", "mån–sön 07:00–21:00").
#pragma once

#include "replica_queries.hpp"
#include "sqlite_db.hpp"
#include "sync_engine.hpp"

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace faltstod::app {

int run_import(sqlite::Database& db, const std::string& bundle_dir, std::ostream& out, std::ostream& err);
int run_search(sqlite::Database& db, const std::vector<std::string>& words, std::ostream& out);
int run_contacts(sqlite::Database& db, const replica::ContactFilter& filter, std::ostream& out);
int run_lines(sqlite::Database& db, const std::optional<std::string>& audience, std::ostream& out);
int run_status(sqlite::Database& db, const std::string& path, const sync::EngineSettings& settings, std::ostream& out);

// "2026-12-03 14:05" in local time, or "never".
// "2 väntar, 1 avvisad av servern": the outbox, as status and sync --once print it.
std::string outbox_text(int waiting, int rejected);
std::string local_time_text(const std::optional<std::chrono::system_clock::time_point>& when);

// "Öppet nu, stänger 21:00  (mån–sön 07:00–21:00)": the state now, then the week.
std::string hours_line(const content::OpeningHours& hours);

}  // namespace faltstod::app
