// Opening hours as the sentences the kiosk shows: "Öppet nu, stänger 21:00", "Stängt, öppnar
// mån 09:00", "Öppet dygnet runt", and a compact weekly summary. No ImGui; translated with tr().
#pragma once

#include "content_model.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace faltstod::app {

struct OpenText {
    bool open = false;
    std::string text;
    // False when the content gives no hours to go by (only a note, or nothing): such a line is
    // neither open nor closed, and is never shown in red among the closed ones.
    bool known = true;
};

OpenText open_text(const content::OpeningHours& hours, std::chrono::sys_seconds now);

// "mån–fre 08:00–17:00, lör 10:00–14:00" (consecutive days with equal hours are joined), or
// "Dygnet runt", or the editors' note when there are no weekly ranges.
std::string weekly_summary(const content::OpeningHours& hours);

// "Synkad för 5 min sedan", "Offline – data från 2 dagar sedan", "Aldrig synkad – …".
// "Innehåll från 2026-11-24": the content's own date (replica::content_date), in the language.
std::string content_date_text(const std::string& iso_date);

std::string freshness_text(const std::optional<std::chrono::system_clock::time_point>& last_success,
                           std::chrono::system_clock::time_point now);

}  // namespace faltstod::app
