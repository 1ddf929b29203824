// The kiosk's widgets: thin wrappers over ImGui that size things for touch, use the theme's
// colours and — when a test asks — record what was drawn and where, so GUI tests can assert on
// the text a person sees and click it like a person would.
#pragma once

#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

namespace faltstod::ui {

// One thing drawn this frame: its visible text and its rectangle on screen.
struct ShownItem {
    std::string text;
    ImVec2 min, max;
    bool clickable = false;
    // The part of the screen its window shows (its clip rectangle): an item outside it is
    // scrolled away or hidden under a footer, even when inside the display.
    ImVec2 visible_min, visible_max;
};

// What the last completed frame showed (only collected while recording is on).
class ShownLog {
public:
    static void set_recording(bool on);
    static bool recording();
    static void end_frame();  // this frame's items become the "last frame"
    static void record(std::string_view text, ImVec2 min, ImVec2 max, bool clickable);
    static const std::vector<ShownItem>& last_frame();
};

// Text, recorded. `wrap` wraps at the window's edge.
void text(std::string_view s, bool wrap = true);
void text_colored(const ImVec4& colour, std::string_view s, bool wrap = true);
void text_muted(std::string_view s, bool wrap = true);
// A heading in the bold font, with space above; level 1 is the largest.
void heading(std::string_view s, int level = 1);
// A touch-sized button (at least 44 px high at 100 %). `label` may carry an ImGui "##id".
bool button(const char* label, ImVec2 size = ImVec2(0, 0));
// The one main action of a screen (Spara): filled with the accent colour, text in the window's
// own colour, so it stands out in every theme.
bool primary_button(const char* label, ImVec2 size = ImVec2(0, 0));
// A link: underlined text in `colour`, wrapped at the window's edge, the whole block one touch
// target (44 px high at least). True when pressed.
bool link(const char* id, std::string_view text, const ImVec4& colour);
// An error next to its field: a thick bar in the warning colour at the left and the sentence,
// as the GOV.UK error pattern puts it between a field's label and the field.
void field_error(std::string_view message);
// A full-width row that can be clicked (lists), with an optional muted second line wrapped at
// the row's edge. A fixed `height` (> 0) lets long lists be clipped (ImGuiListClipper); text that
// needs more lines than it has is cut at the row's bottom, never drawn over the next row.
bool list_row(const char* id, std::string_view title, std::string_view subtitle = {}, bool selected = false, float height = 0);
// The height of a fixed-height list row: a title and `subtitle_lines` lines under it.
float fixed_row_height(int subtitle_lines = 1);
// A combo box of strings; `index` -1 shows `none_label`. Returns true when the choice changed.
bool combo(const char* label, const std::vector<std::string>& items, int& index, const char* none_label);
// A search field with a hint, full width, recorded under its hint text.
bool search_field(const char* id, const char* hint, std::string& value, bool focus_now, float width = -1);

// A one-line text field with a hint, recorded under its hint (never its value when `secret`:
// a PIN is not even kept in a test's log). `width` -1 fills the row.
bool text_field(const char* id, const char* hint, std::string& value, bool secret = false, float width = -1,
                bool focus_now = false);
// Call right after an ImGui text field that was given `value` holding `typed`: Esc leaves a
// field, and ImGui then also puts back what the field held when it was entered, so a search or a
// half-written note was lost. This keeps what was typed; true when it had to put it back.
bool keep_typed_on_escape(std::string& value, const std::string& typed);
// A toggle that looks selected when `selected`, laid out in rows that wrap: `row_used` is the
// caller's running width for the group (start it at 0). Returns true when pressed.
bool chip(const char* label, bool selected, float& row_used);

// A checklist step: a box, a bold title and a muted detail, wrapped, and the whole row one touch
// target (a row whose small box alone was clickable missed most taps). Toggles `ticked`; true
// when tapped.
bool check_row(const char* id, std::string_view title, std::string_view detail, bool& ticked);
// A warning that cannot be missed: ⚠, the sentence wrapped, on the warning colour with a border,
// the full width.
void banner(std::string_view message);
// A collapsing section header, recorded like a button.
bool collapsing(const char* label);

float touch_height();  // the minimum height of anything clickable
// The width of a pane whose lines hold about 75 characters of ordinary Swedish text (padding and
// scroll bar included): longer lines are hard to follow back to their start.
float readable_width();
std::string visible_label(const char* label);  // the part before "##"

}  // namespace faltstod::ui
