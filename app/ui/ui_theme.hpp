// Colours, sizes and fonts for the three themes (light, dark, high contrast). The scale is the
// screen's DPI factor times the person's text size, and everything — fonts, padding, touch
// targets — grows with it.
#pragma once

#include "kiosk_settings.hpp"

#include <imgui.h>

#include <string>

namespace faltstod::ui {

struct Palette {
    ImVec4 open, closed, muted, highlight, warning, warning_background, accent;
};

struct Fonts {
    ImFont* regular = nullptr;
    ImFont* bold = nullptr;
    ImFont* heading = nullptr;
    ImFont* display = nullptr;  // very large type: the neutral view's clock, "Visa för den du möter"
    std::string file;  // the regular font's file, empty when ImGui's built-in font is used
};

// Styles the current ImGui context for `theme` at `scale`.
void apply_theme(app::Theme theme, float scale);
const Palette& palette();
float current_scale();

// Loads the fonts for `scale` into the atlas (the caller re-uploads the texture).
const Fonts& load_fonts(float scale);
const Fonts& fonts();

}  // namespace faltstod::ui
