// `faltstod pin set|remove|status`: how a county's IT sets the kiosk's PIN while preparing a
// laptop (kiosk mode will not start without one). The PIN is read from the terminal without
// echo, or one line from standard input when it is not a terminal (scripts); it never appears
// in the process's arguments, where other users could read it. The current PIN, which `set`
// and `remove` ask for first, is slowed down as on the lock screen: three free tries, then
// pauses that double up to 15 minutes, counted on disk (pin_backoff.hpp) so that running the
// command again does not start the count again.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <istream>
#include <ostream>
#include <string>

namespace faltstod::app {

// Returns the exit code: 0 done, 1 refused (wrong current PIN, a pause still running, bad new
// PIN), 2 usage. `clock` is the wall clock (tests move it).
int run_pin_command(const std::string& action, const std::filesystem::path& pin_file, std::istream& in, std::ostream& out,
                    std::ostream& err,
                    const std::function<std::chrono::system_clock::time_point()>& clock = std::chrono::system_clock::now);

}  // namespace faltstod::app
