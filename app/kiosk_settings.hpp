// The kiosk's own settings (language, text size, theme, sync interval, auto-lock), kept as JSON in the
// config folder. A missing file gives the defaults; a damaged one is set aside (renamed
// *.broken) and the defaults are used, so a bad file never stops the kiosk from starting.
#pragma once

#include <filesystem>
#include <string>

namespace faltstod::app {

enum class Theme { Light, Dark, HighContrast };

struct KioskSettings {
    std::string language = "sv";
    int text_size_percent = 100;  // 80–200
    Theme theme = Theme::Light;
    int sync_interval_minutes = 15;  // 1–1440
    int lock_after_minutes = 5;      // auto-lock after this long without input; 0 = off; 0–120
    bool operator==(const KioskSettings&) const = default;
};

const char* theme_name(Theme theme);  // "light", "dark", "high-contrast"

// Values out of range are clamped; unknown keys are ignored (a newer version may add some).
KioskSettings load_settings(const std::filesystem::path& file);
// Atomic: written to a temporary file and renamed.
void save_settings(const std::filesystem::path& file, const KioskSettings& settings);

std::filesystem::path default_settings_path();

}  // namespace faltstod::app
