// Font lookup with fontconfig and loading into ImGui; see ui_fonts.hpp.
#include "ui_fonts.hpp"

#include <fontconfig/fontconfig.h>
#include <imgui.h>

#include <map>
#include <memory>
#include <string>

namespace faltstod::ui {

namespace {

using ConfigPtr = std::unique_ptr<FcConfig, decltype(&FcConfigDestroy)>;

std::string match_font_file(FcConfig* config, const char* family) {
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

// Loading fontconfig's configuration and font list is most of a lookup's cost (several
// milliseconds each at start, three fonts, and again on every text-size change), so it is
// loaded once, and each pattern's answer kept. Used from the UI thread only.
std::string find_font_file(const char* family) {
    static std::map<std::string, std::string> found;
    if (const auto it = found.find(family); it != found.end()) return it->second;
    static const ConfigPtr config(FcInitLoadConfigAndFonts(), FcConfigDestroy);
    if (!config) return {};
    return found[family] = match_font_file(config.get(), family);
}

// Basic Latin + Latin-1 (å ä ö é), Latin Extended-A, General Punctuation (– “ ” … and the
// spaces), the simple arrows (← ↑ → ↓ ↔), ≥ ≤, and of the Miscellaneous Symbols only those
// the kiosk draws: ★ ☆ (favourites), ☐ ☑ (checklists), ☰ (the compact menu), ⚠, and the Dingbats’ ✓ (a selected choice) and ✕ (clear a search). Every glyph is rasterised into the
// atlas for each of the three fonts before the first frame; the whole Arrows and Miscellaneous
// Symbols blocks were 368 glyphs per font that nothing shows.
constexpr ImWchar kGlyphRanges[] = {0x0020, 0x00FF, 0x0100, 0x017F, 0x2000, 0x206F, 0x2190, 0x2195, 0x2264, 0x2265,
                                    0x2713, 0x2713, 0x2715, 0x2715, 0x2605, 0x2606, 0x2610, 0x2611, 0x2630, 0x2630, 0x26A0, 0x26A0, 0};

constexpr ImWchar kDisplayGlyphRanges[] = {0x0020, 0x00FF, 0x2010, 0x2015, 0};

std::string load_font(const char* pattern, float pixel_size, ImFont** font, const ImWchar* ranges, int oversample) {
    const std::string file = find_font_file(pattern);
    if (file.empty()) return {};
    ImFontConfig config;
    config.OversampleH = oversample;
    *font = ImGui::GetIO().Fonts->AddFontFromFileTTF(file.c_str(), pixel_size, &config, ranges);
    if (!*font) return {};
    return file;
}

}  // namespace

std::string load_ui_font(const char* pattern, float pixel_size, ImFont** font) {
    return load_font(pattern, pixel_size, font, kGlyphRanges, 2);  // oversampled: crisp small text on low-DPI field laptops
}

std::string load_display_font(const char* pattern, float pixel_size, ImFont** font) {
    return load_font(pattern, pixel_size, font, kDisplayGlyphRanges, 1);  // large glyphs need no oversampling
}

}  // namespace faltstod::ui
