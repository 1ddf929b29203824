// ISO 8601 UTC formatting with Howard Hinnant's date library; see utc_clock.hpp.
#include "utc_clock.hpp"

#include <date/date.h>

namespace faltstod::server {

std::string to_utc_iso(std::chrono::system_clock::time_point when) {
    return date::format("%FT%TZ", std::chrono::floor<std::chrono::seconds>(when));
}

}  // namespace faltstod::server
