// Settings file; see kiosk_settings.hpp.
#include "kiosk_settings.hpp"

#include "consultation_record.hpp"
#include "xdg_paths.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>

namespace faltstod::app {

const char* theme_name(Theme theme) {
    switch (theme) {
        case Theme::Light: return "light";
        case Theme::Dark: return "dark";
        case Theme::HighContrast: return "high-contrast";
    }
    return "light";
}

KioskSettings load_settings(const std::filesystem::path& file) {
    KioskSettings settings;
    std::ifstream in(file);
    if (!in) return settings;
    try {
        const auto json = nlohmann::json::parse(in);
        if (auto it = json.find("language"); it != json.end() && it->is_string() && (*it == "sv" || *it == "en"))
            settings.language = *it;
        if (auto it = json.find("text_size_percent"); it != json.end() && it->is_number_integer())
            settings.text_size_percent = std::clamp(it->get<int>(), 80, 200);
        if (auto it = json.find("theme"); it != json.end() && it->is_string()) {
            for (const auto theme : {Theme::Light, Theme::Dark, Theme::HighContrast})
                if (*it == theme_name(theme)) settings.theme = theme;
        }
        if (auto it = json.find("sync_interval_minutes"); it != json.end() && it->is_number_integer())
            settings.sync_interval_minutes = std::clamp(it->get<int>(), 1, 1440);
        if (auto it = json.find("lock_after_minutes"); it != json.end() && it->is_number_integer())
            settings.lock_after_minutes = std::clamp(it->get<int>(), 0, 120);
        if (auto it = json.find("log_window_months"); it != json.end() && it->is_number_integer())
            settings.log_window_months = std::clamp(it->get<int>(), 1, 120);
        // One of SCB's county codes, as the logs check them; anything else is no county.
        if (auto it = json.find("county"); it != json.end() && it->is_string()) {
            const auto& codes = protocol::county_codes();
            if (std::find(codes.begin(), codes.end(), it->get<std::string>()) != codes.end()) settings.county = *it;
        }
        if (auto it = json.find("pin_offer_answered"); it != json.end() && it->is_boolean()) settings.pin_offer_answered = *it;
    } catch (const nlohmann::json::exception&) {
        in.close();
        std::error_code ignored;
        std::filesystem::rename(file, std::filesystem::path(file).concat(".broken"), ignored);
        return KioskSettings{};
    }
    return settings;
}

void save_settings(const std::filesystem::path& file, const KioskSettings& settings) {
    const nlohmann::json json = {{"language", settings.language},
                                 {"text_size_percent", settings.text_size_percent},
                                 {"theme", theme_name(settings.theme)},
                                 {"sync_interval_minutes", settings.sync_interval_minutes},
                                 {"lock_after_minutes", settings.lock_after_minutes},
                                 {"log_window_months", settings.log_window_months},
                                 {"county", settings.county},
                                 {"pin_offer_answered", settings.pin_offer_answered}};
    std::filesystem::create_directories(std::filesystem::absolute(file).parent_path());  // "x.json" has no parent
    const auto temporary = std::filesystem::path(file).concat(".tmp");
    {
        std::ofstream out(temporary, std::ios::trunc);
        out << json.dump(2) << "\n";
        if (!out.flush()) throw std::runtime_error("could not write " + temporary.string());
    }
    std::filesystem::rename(temporary, file);
}

std::filesystem::path default_settings_path() { return config_dir() / "settings.json"; }

}  // namespace faltstod::app
