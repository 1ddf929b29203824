// Runs the kiosk: opens the replica (filling it from the bundled content on a first offline
// start), starts the sync engine when the laptop is enrolled, and drives the window's frames
// until it is closed — or renders one screen to a PNG (`--screenshot`).
#pragma once

#include "sync_engine.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace faltstod::ui {

struct KioskOptions {
    std::string replica_path;
    sync::EngineSettings engine;          // credentials path, CA file
    std::optional<std::string> language;  // overrides the saved setting
    std::filesystem::path settings_path;
    std::filesystem::path bundled_content;  // imported when the replica is empty
    bool sync = true;
    bool kiosk = false;                 // fullscreen, idle return to Home, quit only with the PIN
    std::filesystem::path pin_path;     // where the PIN's hash is kept
    int width = 1280, height = 800;
    // Screenshot mode.
    std::filesystem::path screenshot;
    std::string screen = "home";
    std::string item;    // article, contact or checklist id for detail screens
    std::string search;  // text typed into the search field
};

// Returns the process exit code. Throws NoDisplayError when no window can be opened.
int run_kiosk(const KioskOptions& options);

}  // namespace faltstod::ui
