// Server time as ISO 8601 UTC strings ("2026-11-22T12:34:56Z"), which sort as they compare.
// Only the server's own clock orders anything; client clocks are never trusted.
#pragma once

#include <chrono>
#include <string>

namespace faltstod::server {

std::string to_utc_iso(std::chrono::system_clock::time_point when);
inline std::string now_utc_iso() { return to_utc_iso(std::chrono::system_clock::now()); }

}  // namespace faltstod::server
