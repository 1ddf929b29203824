// `faltstod pin set|remove|status`: how a county's IT sets the kiosk's PIN while preparing a
// laptop (kiosk mode will not start without one). The PIN is read from the terminal without
// echo, or one line from standard input when it is not a terminal (scripts); it never appears
// in the process's arguments, where other users could read it.
#pragma once

#include <filesystem>
#include <istream>
#include <ostream>
#include <string>

namespace faltstod::app {

// Returns the exit code: 0 done, 1 refused (wrong current PIN, bad new PIN), 2 usage.
int run_pin_command(const std::string& action, const std::filesystem::path& pin_file, std::istream& in, std::ostream& out,
                    std::ostream& err);

}  // namespace faltstod::app
