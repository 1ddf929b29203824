// Font lookup with fontconfig and loading into ImGui; see ui_fonts.hpp.
#include "ui_fonts.hpp"

#include <fontconfig/fontconfig.h>
#include <imgui.h>

#include <memory>

namespace faltstod::ui {

namespace {

std::string find_font_file(const char* family) {
    FcConfig* config = FcInitLoadConfigAndFonts();
    if (!config) return {};
    std::unique_ptr<FcConfig, decltype(&FcConfigDestroy)> config_guard(config, FcConfigDestroy);
    std::unique_ptr<FcPattern, decltype(&FcPatternDestroy)> pattern(FcNameParse(reinterpret_cast<const FcChar8*>(family)),
                                                                    FcPatternDestroy);
    FcConfigSubstitute(config, pattern.get(), FcMatchPattern);
    FcDefaultSubstitute(pattern.get());
    FcResult result = FcResultNoMatch;
    std::unique_ptr<FcPattern, decltype(&FcPatternDestroy)> match(FcFontMatch(config, pattern.get(), &result), FcPatternDestroy);
    if (!match) return {};
    FcChar8* file = nullptr;
    if (FcPatternGetString(match.get(), FC_FILE, 0, &file) != FcResultMatch || !file) return {};
    return reinterpret_cast<const char*>(file);
}

// Basic Latin + Latin-1 (å ä ö é), Latin Extended-A, General Punctuation (– “ ” …), Arrows (→),
// Miscellaneous Symbols (★ ☆ for favourites).
constexpr ImWchar kGlyphRanges[] = {0x0020, 0x00FF, 0x0100, 0x017F, 0x2000, 0x206F, 0x2190, 0x21FF, 0x2600, 0x26FF, 0};

}  // namespace

std::string load_ui_font(const char* pattern, float pixel_size, ImFont** font) {
    const std::string file = find_font_file(pattern);
    if (file.empty()) return {};
    ImFontConfig config;
    config.OversampleH = 2;  // crisp small text on low-DPI field laptops
    *font = ImGui::GetIO().Fonts->AddFontFromFileTTF(file.c_str(), pixel_size, &config, kGlyphRanges);
    if (!*font) return {};
    return file;
}

}  // namespace faltstod::ui
