// Characters for the personal-data guard; see guard_characters.hpp.
#include "guard_characters.hpp"

#include <unicode/uchar.h>

#include <algorithm>

namespace faltstod::protocol::guard {

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

CodePoint decode_at(std::string_view text, std::size_t i) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) return {lead, 1};
    const std::size_t length = lead >= 0xF8 ? 0 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
    if (length == 0 || i + length > text.size()) return {0xFFFD, 1};
    char32_t value = lead & (0x3F >> (length - 1));
    for (std::size_t k = 1; k < length; ++k) {
        if (!is_continuation_byte(text[i + k])) return {0xFFFD, 1};
        value = (value << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not characters.
    static constexpr char32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (value < kSmallest[length] || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return {0xFFFD, 1};
    return {value, length};
}

std::size_t previous_code_point(std::string_view text, std::size_t i) {
    std::size_t start = i - 1;
    while (start > 0 && i - start < 4 && is_continuation_byte(text[start])) --start;
    return start;
}

bool is_letter(char32_t c) { return c < 0x80 ? ((c | 0x20) >= U'a' && (c | 0x20) <= U'z') : u_isalpha(static_cast<UChar32>(c)) != 0; }

bool is_upper(char32_t c) { return c < 0x80 ? (c >= U'A' && c <= U'Z') : u_isupper(static_cast<UChar32>(c)) != 0; }

char32_t to_lower(char32_t c) {
    if (c < 0x80) return c >= U'A' && c <= U'Z' ? c + 0x20 : c;
    return static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
}

std::size_t digit_run(std::string_view text, std::size_t i) {
    std::size_t end = i;
    while (digit_at(text, end)) ++end;
    return end - i;
}

bool letter_at(std::string_view text, std::size_t i) { return i < text.size() && is_letter(decode_at(text, i).value); }

std::size_t code_points_before(std::string_view text, std::size_t bytes) {
    const std::size_t end = std::min(bytes, text.size());
    return static_cast<std::size_t>(std::count_if(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(end),
                                                  [](char c) { return !is_continuation_byte(c); }));
}

}  // namespace faltstod::protocol::guard
