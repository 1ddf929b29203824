// The kiosk's own settings (language, text size, theme, sync interval, auto-lock, the window of
// consultation log dates), kept as JSON in the config folder. A missing file gives the defaults; a damaged one is set aside (renamed
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
    // How far back a consultation log may be dated (protocol/consultation_rules.hpp); 1–120.
    // Not shown in Settings: an administrator sets it in the file to match the server's
    // `serve --log-window-months`, so the kiosk refuses what the server would.
    int log_window_months = 13;
    // The county this laptop is used in when it is not enrolled for one (SCB code, "" for none):
    // Home's call-now strip, Contacts and search start from it. Logs are not bound by it.
    std::string county;
    // The first start offers a PIN (Home); "Inte nu" answers it for good.
    bool pin_offer_answered = false;
    bool operator==(const KioskSettings&) const = default;
};

const char* theme_name(Theme theme);  // "light", "dark", "high-contrast"

// Values out of range are clamped; unknown keys are ignored (a newer version may add some).
KioskSettings load_settings(const std::filesystem::path& file);
// Atomic: written to a temporary file and renamed.
void save_settings(const std::filesystem::path& file, const KioskSettings& settings);

std::filesystem::path default_settings_path();

}  // namespace faltstod::app
