// Fonts for the kiosk: a system font found through fontconfig (Debian's DejaVu Sans by
// default), loaded with every glyph Swedish text uses: å ä ö é, – “ ” … and arrows.
#pragma once

#include <string>

struct ImFont;

namespace faltstod::ui {

// Adds the font fontconfig matches for `pattern` (e.g. "DejaVu Sans:bold") at `pixel_size` to
// the current ImGui context's atlas and stores it in `font`. Returns the file used, or an empty
// string when no font was found (ImGui's built-in font is then used, which lacks å/ä/ö — the
// caller shows a warning).
std::string load_ui_font(const char* pattern, float pixel_size, ImFont** font);
// The same for very large type (the neutral view's clock, a number shown to the person in the
// room) with only the glyphs those need — digits, Latin letters with å ä ö é, dashes — so a
// 64 px font (128 px at 200 % text) does not fill the atlas with arrows and symbols.
std::string load_display_font(const char* pattern, float pixel_size, ImFont** font);

}  // namespace faltstod::ui
