// Themes and fonts; see ui_theme.hpp.
#include "ui_theme.hpp"

#include "ui_fonts.hpp"

namespace faltstod::ui {

namespace {
Palette g_palette;
Fonts g_fonts;
float g_scale = 1.0f;

constexpr float kBaseFontPixels = 18.0f;
constexpr float kDisplayFontPixels = 64.0f;

void high_contrast_colours(ImGuiStyle& style) {
    ImGui::StyleColorsDark(&style);
    ImVec4* c = style.Colors;
    const ImVec4 black(0, 0, 0, 1), white(1, 1, 1, 1), yellow(1.0f, 0.92f, 0.0f, 1), dark_yellow(0.45f, 0.40f, 0.0f, 1);
    c[ImGuiCol_Text] = white;
    c[ImGuiCol_TextDisabled] = ImVec4(0.85f, 0.85f, 0.85f, 1);
    c[ImGuiCol_WindowBg] = c[ImGuiCol_ChildBg] = c[ImGuiCol_PopupBg] = black;
    c[ImGuiCol_Border] = white;
    c[ImGuiCol_FrameBg] = black;
    c[ImGuiCol_FrameBgHovered] = c[ImGuiCol_FrameBgActive] = dark_yellow;
    c[ImGuiCol_Button] = ImVec4(0.1f, 0.1f, 0.1f, 1);
    c[ImGuiCol_ButtonHovered] = c[ImGuiCol_ButtonActive] = dark_yellow;
    c[ImGuiCol_Header] = ImVec4(0.2f, 0.2f, 0.2f, 1);
    c[ImGuiCol_HeaderHovered] = c[ImGuiCol_HeaderActive] = dark_yellow;
    c[ImGuiCol_CheckMark] = yellow;
    c[ImGuiCol_Separator] = white;
    c[ImGuiCol_NavHighlight] = yellow;
    c[ImGuiCol_SliderGrab] = c[ImGuiCol_SliderGrabActive] = yellow;
}
}  // namespace

void apply_theme(app::Theme theme, float scale) {
    g_scale = scale;
    ImGuiStyle style;
    switch (theme) {
        case app::Theme::Light:
            ImGui::StyleColorsLight(&style);
            style.Colors[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.96f, 1);
            g_palette = {{0.05f, 0.45f, 0.18f, 1}, {0.62f, 0.12f, 0.12f, 1}, {0.30f, 0.30f, 0.34f, 1}, {0.0f, 0.28f, 0.62f, 1},
                         {0.55f, 0.25f, 0.0f, 1},  {1.0f, 0.93f, 0.80f, 1},   {0.0f, 0.33f, 0.55f, 1}};
            break;
        case app::Theme::Dark:
            ImGui::StyleColorsDark(&style);
            g_palette = {{0.45f, 0.85f, 0.50f, 1}, {1.0f, 0.55f, 0.55f, 1}, {0.72f, 0.72f, 0.76f, 1}, {0.55f, 0.78f, 1.0f, 1},
                         {1.0f, 0.75f, 0.35f, 1},  {0.30f, 0.20f, 0.05f, 1}, {0.45f, 0.70f, 1.0f, 1}};
            break;
        case app::Theme::HighContrast:
            high_contrast_colours(style);
            g_palette = {{0.4f, 1.0f, 0.4f, 1}, {1.0f, 0.5f, 0.5f, 1}, {1, 1, 1, 1}, {1.0f, 0.92f, 0.0f, 1},
                         {1.0f, 0.92f, 0.0f, 1}, {0.25f, 0.22f, 0.0f, 1}, {1.0f, 0.92f, 0.0f, 1}};
            break;
    }
    // ImGui's themes draw drop-down lists and windows slightly see-through (alpha 0.94–0.98): the
    // rows behind an open county list showed through it. Both are solid here (child windows stay
    // transparent: they show the window behind them, which is solid).
    for (const ImGuiCol solid : {ImGuiCol_WindowBg, ImGuiCol_PopupBg}) style.Colors[solid].w = 1.0f;
    style.WindowRounding = 0;
    style.FrameRounding = 6;
    style.GrabRounding = 6;
    style.FramePadding = ImVec2(10, 8);
    style.ItemSpacing = ImVec2(10, 8);
    style.WindowPadding = ImVec2(16, 12);
    style.ScrollbarSize = 18;
    style.FrameBorderSize = theme == app::Theme::HighContrast ? 2.0f : 1.0f;
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

const Palette& palette() { return g_palette; }
float current_scale() { return g_scale; }

const Fonts& load_fonts(float scale) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    g_fonts = Fonts{};
    g_fonts.file = load_ui_font("DejaVu Sans", kBaseFontPixels * scale, &g_fonts.regular);
    if (g_fonts.file.empty()) {
        g_fonts.regular = io.Fonts->AddFontDefault();
        g_fonts.bold = g_fonts.heading = g_fonts.display = g_fonts.regular;
        return g_fonts;
    }
    if (load_ui_font("DejaVu Sans:bold", kBaseFontPixels * scale, &g_fonts.bold).empty()) g_fonts.bold = g_fonts.regular;
    if (load_ui_font("DejaVu Sans:bold", kBaseFontPixels * 1.35f * scale, &g_fonts.heading).empty()) g_fonts.heading = g_fonts.bold;
    if (load_display_font("DejaVu Sans:bold", kDisplayFontPixels * scale, &g_fonts.display).empty()) g_fonts.display = g_fonts.heading;
    io.FontDefault = g_fonts.regular;
    return g_fonts;
}

const Fonts& fonts() { return g_fonts; }

}  // namespace faltstod::ui
