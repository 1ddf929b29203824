// The widgets; see ui_kit.hpp.
#include "ui_kit.hpp"

#include "ui_theme.hpp"

#include <imgui_internal.h>  // RenderFrame, RenderCheckMark: a checklist row's box
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>

namespace faltstod::ui {

namespace {
bool g_recording = false;
std::vector<ShownItem> g_current, g_last;

void record_last_item(std::string_view s, bool clickable) {
    if (g_recording) ShownLog::record(s, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), clickable);
}
}  // namespace

void ShownLog::set_recording(bool on) { g_recording = on; }
bool ShownLog::recording() { return g_recording; }
void ShownLog::end_frame() {
    if (!g_recording) return;
    g_last.swap(g_current);
    g_current.clear();
}
void ShownLog::record(std::string_view s, ImVec2 min, ImVec2 max, bool clickable) {
    if (!g_recording || s.empty()) return;
    const ImDrawList* draw = ImGui::GetWindowDrawList();
    g_current.push_back(ShownItem{std::string(s), min, max, clickable, draw->GetClipRectMin(), draw->GetClipRectMax()});
}
const std::vector<ShownItem>& ShownLog::last_frame() { return g_last; }

std::string visible_label(const char* label) {
    std::string_view view(label);
    return std::string(view.substr(0, view.find("##")));
}

float touch_height() { return 44.0f * current_scale(); }

float readable_width() {
    static constexpr const char* kSeventyFiveCharacters = "Vid misstanke om att ett barn ska giftas bort ska socialtjänsten genast gör";
    const ImGuiStyle& style = ImGui::GetStyle();
    return ImGui::CalcTextSize(kSeventyFiveCharacters).x + style.WindowPadding.x * 2 + style.ScrollbarSize;
}

void text(std::string_view s, bool wrap) {
    if (wrap) ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(s.data(), s.data() + s.size());
    if (wrap) ImGui::PopTextWrapPos();
    record_last_item(s, false);
}

void text_colored(const ImVec4& colour, std::string_view s, bool wrap) {
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    text(s, wrap);
    ImGui::PopStyleColor();
}

void text_muted(std::string_view s, bool wrap) { text_colored(palette().muted, s, wrap); }

void heading(std::string_view s, int level) {
    if (ImGui::GetCursorPosY() > ImGui::GetStyle().WindowPadding.y + 1) ImGui::Dummy(ImVec2(0, 6 * current_scale()));
    ImGui::PushFont(level <= 1 ? fonts().heading : fonts().bold);
    if (level <= 1) text(s);
    else text_colored(palette().accent, s);
    ImGui::PopFont();
}

bool button(const char* label, ImVec2 size) {
    if (size.y <= 0) size.y = touch_height();
    const bool pressed = ImGui::Button(label, size);
    record_last_item(visible_label(label), true);
    return pressed;
}

bool primary_button(const char* label, ImVec2 size) {
    const ImVec4 accent = palette().accent;
    const ImVec4 pressed(accent.x * 0.8f, accent.y * 0.8f, accent.z * 0.8f, 1);
    ImGui::PushStyleColor(ImGuiCol_Button, accent);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, pressed);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, pressed);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_WindowBg]);
    const bool clicked = button(label, size);
    ImGui::PopStyleColor(4);
    return clicked;
}

bool link(const char* id, std::string_view text, const ImVec4& colour) {
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    const float width = ImGui::GetContentRegionAvail().x;
    const float pad = ImGui::GetStyle().FramePadding.x;
    const float wrap = std::max(1.0f, width - pad * 2);
    const ImVec2 text_size = font->CalcTextSizeA(size, FLT_MAX, wrap, text.data(), text.data() + text.size());
    const float height = std::max(touch_height(), text_size.y + ImGui::GetStyle().FramePadding.y * 2);
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const bool pressed = ImGui::InvisibleButton(id, ImVec2(std::min(width, text_size.x + pad * 2), height));
    const ImU32 ink = ImGui::ColorConvertFloat4ToU32(colour);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    // Line by line, as ImGui wraps it, each with its own underline.
    const char* line = text.data();
    const char* end = text.data() + text.size();
    float y = start.y + (height - text_size.y) / 2;
    while (line < end) {
        const char* line_end = font->CalcWordWrapPositionA(1.0f * size / font->FontSize, line, end, wrap);
        if (line_end == line) line_end = line + 1;
        const float line_width = font->CalcTextSizeA(size, FLT_MAX, 0, line, line_end).x;
        draw->AddText(font, size, ImVec2(start.x + pad, y), ink, line, line_end);
        draw->AddLine(ImVec2(start.x + pad, y + size + 1), ImVec2(start.x + pad + line_width, y + size + 1), ink, current_scale());
        y += ImGui::GetTextLineHeight();
        line = line_end;
        while (line < end && (*line == ' ' || *line == '\n')) ++line;
    }
    record_last_item(std::string(text), true);
    return pressed;
}

void field_error(std::string_view message) {
    const float bar = 4 * current_scale();
    const ImVec2 start = ImGui::GetCursorScreenPos();
    ImGui::Indent(bar * 3);
    text_colored(palette().warning, message);
    ImGui::Unindent(bar * 3);
    const float bottom = ImGui::GetItemRectMax().y;
    ImGui::GetWindowDrawList()->AddRectFilled(start, ImVec2(start.x + bar, bottom), ImGui::ColorConvertFloat4ToU32(palette().warning));
}

float fixed_row_height(int subtitle_lines) {
    // The same margins as a row that sizes itself: 0.3 of a line above and below the text.
    return std::max(touch_height(), ImGui::GetTextLineHeightWithSpacing() * 0.6f + ImGui::GetFontSize() * static_cast<float>(1 + std::max(1, subtitle_lines)));
}

bool list_row(const char* id, std::string_view title, std::string_view subtitle, bool selected, float fixed_height) {
    ImGui::PushID(id);
    const float width = ImGui::GetContentRegionAvail().x;
    const float line = ImGui::GetTextLineHeightWithSpacing();
    // Wrapped at the row's edge, also in fixed-height rows (whose height the caller made for the
    // lines it expects): at 420 px a contact's second line ran off the window, cut mid-word.
    const float wrap_width = width - ImGui::GetStyle().FramePadding.x * 2;
    // The title in bold when a muted line follows, so a list reads title by title.
    ImFont* title_font = !subtitle.empty() && fonts().bold ? fonts().bold : ImGui::GetFont();
    // Height for the title and a subtitle that may wrap onto several lines.
    const ImVec2 title_size = title_font->CalcTextSizeA(ImGui::GetFontSize(), FLT_MAX, wrap_width, title.data(), title.data() + title.size());
    ImVec2 subtitle_size(0, 0);
    if (!subtitle.empty())
        subtitle_size = ImGui::GetFont()->CalcTextSizeA(ImGui::GetFontSize(), FLT_MAX, wrap_width, subtitle.data(), subtitle.data() + subtitle.size());
    const float height = fixed_height > 0 ? fixed_height : std::max(touch_height(), title_size.y + subtitle_size.y + line * 0.6f);
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const bool pressed = ImGui::Selectable("##row", selected, 0, ImVec2(0, height));
    const ImVec2 end = ImGui::GetItemRectMax();
    auto* draw = ImGui::GetWindowDrawList();
    const ImVec2 text_pos(start.x + ImGui::GetStyle().FramePadding.x, start.y + line * 0.3f);
    // Text that needs more lines than a fixed row has stays inside the row, never over the next,
    // and is cut below its last whole line (no sliver of a line that does not fit).
    const ImVec2 subtitle_pos(text_pos.x, text_pos.y + title_size.y);
    const float font = ImGui::GetFontSize();
    const float whole_lines = std::floor(std::max(0.0f, end.y - subtitle_pos.y) / font);
    draw->PushClipRect(start, ImVec2(end.x, std::min(end.y, subtitle_pos.y + whole_lines * font)), true);
    draw->AddText(title_font, ImGui::GetFontSize(), text_pos, ImGui::GetColorU32(ImGuiCol_Text), title.data(),
                  title.data() + title.size(), wrap_width);
    if (!subtitle.empty())
        draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), subtitle_pos, ImGui::ColorConvertFloat4ToU32(palette().muted), subtitle.data(),
                      subtitle.data() + subtitle.size(), wrap_width);
    draw->PopClipRect();
    if (ShownLog::recording()) {
        ShownLog::record(title, start, end, true);
        // The second line where its text really is, so a test can see it fits the row; the
        // row (recorded above) is what is clicked.
        if (!subtitle.empty())
            ShownLog::record(subtitle, subtitle_pos, ImVec2(subtitle_pos.x + subtitle_size.x, subtitle_pos.y + subtitle_size.y), false);
    }
    ImGui::PopID();
    return pressed;
}

bool combo(const char* label, const std::vector<std::string>& items, int& index, const char* none_label) {
    const std::string preview = index >= 0 && index < static_cast<int>(items.size()) ? items[static_cast<std::size_t>(index)] : none_label;
    bool changed = false;
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x, (touch_height() - ImGui::GetFontSize()) / 2));
    // The box's own rectangle: once the list is open, ImGui's last item is the list, not the box.
    const ImVec2 box_min = ImGui::GetCursorScreenPos();
    const ImVec2 box_max(box_min.x + ImGui::CalcItemWidth(), box_min.y + ImGui::GetFrameHeight());
    const bool open = ImGui::BeginCombo(label, preview.c_str(), ImGuiComboFlags_HeightLarge);
    ImGui::PopStyleVar();
    const std::string name = visible_label(label);
    ShownLog::record(name.empty() ? preview : name + ": " + preview, box_min, box_max, true);
    if (open) {
        if (ImGui::Selectable(none_label, index < 0, 0, ImVec2(0, touch_height()))) {
            changed = index != -1;
            index = -1;
        }
        record_last_item(none_label, true);
        for (int i = 0; i < static_cast<int>(items.size()); ++i) {
            ImGui::PushID(i);
            if (ImGui::Selectable(items[static_cast<std::size_t>(i)].c_str(), i == index, 0, ImVec2(0, touch_height()))) {
                changed = index != i;
                index = i;
            }
            record_last_item(items[static_cast<std::size_t>(i)], true);
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    return changed;
}

bool keep_typed_on_escape(std::string& value, const std::string& typed) {
    if (value == typed || !ImGui::IsItemDeactivated() || !ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false))
        return false;
    value = typed;
    return true;
}

bool text_field(const char* id, const char* hint, std::string& value, bool secret, float width, bool focus_now) {
    if (focus_now) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(width);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(12 * current_scale(), (touch_height() - ImGui::GetFontSize()) / 2));
    const ImGuiInputTextFlags flags = secret ? ImGuiInputTextFlags_Password | ImGuiInputTextFlags_CharsDecimal : 0;
    const std::string typed = value;
    bool changed = ImGui::InputTextWithHint(id, hint, &value, flags);
    if (keep_typed_on_escape(value, typed)) changed = false;
    ImGui::PopStyleVar();
    record_last_item(secret || value.empty() ? std::string(hint) : value, true);
    return changed;
}

bool chip(const char* label, bool selected, float& row_used) {
    // Selected says so by a tick before the label, not by colour only. The ImGui id stays the
    // label's, ticked or not.
    const std::string shown = (selected ? std::string("✓ ") : std::string()) + visible_label(label);
    const float width = ImGui::CalcTextSize(shown.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    if (row_used > 0 && row_used + spacing + width <= ImGui::GetContentRegionAvail().x) {
        ImGui::SameLine();
        row_used += spacing + width;
    } else {
        row_used = width;
    }
    ImGui::PushID(label);
    if (selected) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    const bool pressed = button((shown + "##chip").c_str());
    if (selected) ImGui::PopStyleColor();
    ImGui::PopID();
    return pressed;
}

bool check_row(const char* id, std::string_view title, std::string_view detail, bool& ticked) {
    ImGui::PushID(id);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float size = ImGui::GetFontSize();
    const float width = ImGui::GetContentRegionAvail().x;
    const float box = size + 12 * current_scale();
    const float pad = style.FramePadding.y;
    const float text_x = style.FramePadding.x + box + style.ItemInnerSpacing.x * 2;
    const float wrap = std::max(1.0f, width - text_x - style.FramePadding.x);
    ImFont* title_font = fonts().bold ? fonts().bold : ImGui::GetFont();
    const ImVec2 title_size = title_font->CalcTextSizeA(size, FLT_MAX, wrap, title.data(), title.data() + title.size());
    ImVec2 detail_size(0, 0);
    if (!detail.empty()) detail_size = ImGui::GetFont()->CalcTextSizeA(size, FLT_MAX, wrap, detail.data(), detail.data() + detail.size());
    const float gap = detail.empty() ? 0.0f : style.ItemSpacing.y * 0.5f;
    const float height = std::max(touch_height(), std::max(box, std::max(0.0f, (box - size) / 2) + title_size.y + gap + detail_size.y) + pad * 2);

    // One button the size of the whole row; the box and the texts are drawn on it.
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const bool pressed = ImGui::InvisibleButton("##row", ImVec2(width, height));
    if (pressed) ticked = !ticked;
    const ImVec2 end = ImGui::GetItemRectMax();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    if (ImGui::IsItemActive() || ImGui::IsItemHovered())
        draw->AddRectFilled(start, end, ImGui::GetColorU32(ImGui::IsItemActive() ? ImGuiCol_HeaderActive : ImGuiCol_HeaderHovered), style.FrameRounding);
    const ImVec2 box_min(start.x + style.FramePadding.x, start.y + pad);
    const ImVec2 box_max(box_min.x + box, box_min.y + box);
    ImGui::RenderFrame(box_min, box_max, ImGui::GetColorU32(ImGuiCol_FrameBg), true, style.FrameRounding);
    if (ticked) {
        const float inset = std::max(1.0f, box / 6.0f);
        ImGui::RenderCheckMark(draw, ImVec2(box_min.x + inset, box_min.y + inset), ImGui::GetColorU32(ImGuiCol_CheckMark), box - inset * 2);
    }
    const float text_y = start.y + pad + std::max(0.0f, (box - size) / 2);  // the first line beside the box's middle
    draw->AddText(title_font, size, ImVec2(start.x + text_x, text_y), ImGui::GetColorU32(ImGuiCol_Text), title.data(), title.data() + title.size(), wrap);
    if (!detail.empty())
        draw->AddText(ImGui::GetFont(), size, ImVec2(start.x + text_x, text_y + title_size.y + gap), ImGui::ColorConvertFloat4ToU32(palette().muted),
                      detail.data(), detail.data() + detail.size(), wrap);
    // Recorded with its state, so a test can tick it and see that it is ticked.
    if (ShownLog::recording()) ShownLog::record((ticked ? "☑ " : "☐ ") + std::string(title), start, end, true);
    ImGui::PopID();
    return pressed;
}

void banner(std::string_view message) {
    const std::string shown = "⚠  " + std::string(message);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float width = ImGui::GetContentRegionAvail().x;
    const float pad = style.FramePadding.y;
    const float wrap = std::max(1.0f, width - style.FramePadding.x * 2);
    const ImVec2 text_size = ImGui::GetFont()->CalcTextSizeA(ImGui::GetFontSize(), FLT_MAX, wrap, shown.data(), shown.data() + shown.size());
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const ImVec2 end(start.x + width, start.y + text_size.y + pad * 2);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(start, end, ImGui::ColorConvertFloat4ToU32(palette().warning_background), style.FrameRounding);
    draw->AddRect(start, end, ImGui::ColorConvertFloat4ToU32(palette().warning), style.FrameRounding, 0, 2 * current_scale());
    draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(start.x + style.FramePadding.x, start.y + pad),
                  ImGui::ColorConvertFloat4ToU32(palette().warning), shown.data(), shown.data() + shown.size(), wrap);
    ImGui::Dummy(ImVec2(width, end.y - start.y));
    if (ShownLog::recording()) ShownLog::record(shown, start, end, false);
}

bool collapsing(const char* label) {
    // As high as any other touch target (ImGui's is the font plus a thin frame: 34 px).
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x, (touch_height() - ImGui::GetFontSize()) / 2));
    const bool open = ImGui::CollapsingHeader(label);
    ImGui::PopStyleVar();
    record_last_item(visible_label(label), true);
    return open;
}

bool search_field(const char* id, const char* hint, std::string& value, bool focus_now, float width) {
    if (focus_now) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(width);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(12 * current_scale(), (touch_height() - ImGui::GetFontSize()) / 2));
    const std::string typed = value;
    bool changed = ImGui::InputTextWithHint(id, hint, &value);
    if (keep_typed_on_escape(value, typed)) changed = false;
    ImGui::PopStyleVar();
    record_last_item(value.empty() ? std::string(hint) : value, true);
    return changed;
}

}  // namespace faltstod::ui
