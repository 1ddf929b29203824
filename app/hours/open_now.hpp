// "Open now?" for structured opening hours, computed on the laptop without a network, in
// Europe/Stockholm time (CET/CEST from the system's tzdata via the date/tz library).
//
// Rules, in order, for a local date D:
//   1. a dated exception for D replaces everything (closed, or one open/close range);
//   2. on a public holiday or holiday eve, the service's holiday rule applies: closed, Sunday's
//      ranges, or the ordinary weekday's ranges;
//   3. otherwise the weekday's ranges.
// A range whose close is not after its open runs past midnight into D + 1.
#pragma once

#include "content_model.hpp"

#include <date/date.h>

#include <chrono>
#include <optional>

namespace faltstod::hours {

struct OpenState {
    bool open = false;
    bool always = false;
    // When open: when the current opening ends (nullopt for 24/7). When closed: the next opening
    // within 14 days (nullopt when there is none, e.g. hours only in a note).
    std::optional<std::chrono::sys_seconds> change_at;
};

OpenState open_state(const content::OpeningHours& hours, std::chrono::sys_seconds now);

// Local (Europe/Stockholm) wall-clock time of an instant, for display.
date::local_seconds to_stockholm(std::chrono::sys_seconds when);

}  // namespace faltstod::hours
