// The settings file: defaults, round trip, clamping, and a damaged file set aside.
#include "kiosk_settings.hpp"
#include "support/temp_dir.hpp"

#include <doctest/doctest.h>

using namespace faltstod;

TEST_CASE("a missing file gives the defaults and a saved file reads back") {
    test::TempDir dir;
    const auto file = dir.path() / "config" / "settings.json";
    CHECK(app::load_settings(file) == app::KioskSettings{});
    app::KioskSettings settings{"en", 150, app::Theme::HighContrast, 60, 0, 13, "", false};
    settings.county = "12";
    settings.pin_offer_answered = true;
    app::save_settings(file, settings);
    CHECK(app::load_settings(file) == settings);
}

TEST_CASE("values out of range are clamped and unknown ones ignored") {
    test::TempDir dir;
    const auto file = dir.write("settings.json",
                                R"({"language": "fi", "text_size_percent": 900, "theme": "neon", "sync_interval_minutes": 0, "lock_after_minutes": 999, "county": "Skåne", "future": 1})");
    const auto settings = app::load_settings(file);
    CHECK(settings.language == "sv");
    CHECK(settings.text_size_percent == 200);
    CHECK(settings.theme == app::Theme::Light);
    CHECK(settings.sync_interval_minutes == 1);
    CHECK(settings.lock_after_minutes == 120);
    CHECK(settings.county.empty());  // a county is its two-digit code, nothing else
    // Two digits are not enough: only SCB's codes are counties (there is no county 99).
    CHECK(app::load_settings(dir.write("no-such-county.json", R"({"county": "99"})")).county.empty());
    CHECK(app::load_settings(dir.write("skane.json", R"({"county": "12"})")).county == "12");
}

TEST_CASE("a damaged file is set aside and the defaults are used") {
    test::TempDir dir;
    const auto file = dir.write("settings.json", "{ not json");
    CHECK(app::load_settings(file) == app::KioskSettings{});
    CHECK_FALSE(std::filesystem::exists(file));
    CHECK(std::filesystem::exists(dir.path() / "settings.json.broken"));
}
