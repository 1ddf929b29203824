// The subcommands that talk to the server — `enroll` and `sync --once` — and the --ca-file they
// share. Problems are printed as the kiosk's sentence plus a code, never a library's text.
#pragma once

#include "sync_engine.hpp"

#include <optional>
#include <string>

namespace faltstod::app {

int run_sync_once(const sync::EngineSettings& settings);
int run_enroll(const sync::EngineSettings& settings, const std::string& server, const std::string& code,
               const std::optional<std::string>& name, bool insecure);

// The CA certificates of --ca-file, read now: they are saved with the enrollment, so the file
// may be moved or removed afterwards. Empty path: empty text. Throws when it holds no PEM.
std::string read_ca_file(const std::string& path);

}  // namespace faltstod::app
