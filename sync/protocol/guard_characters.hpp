// Characters as the personal-data guard reads them: UTF-8 decoding that never throws, and the
// character classes its rules use. Internal to the guard's files (guard_normaliser.cpp and the
// *_scanner.cpp files); the letter classes come from ICU, so a street name or an e-mail address
// in any alphabet is read as letters.
#pragma once

#include <cstddef>
#include <string_view>

namespace faltstod::protocol::guard {

struct CodePoint {
    char32_t value;
    std::size_t length;  // bytes
};

// The code point at byte `i` (< text.size()). A malformed byte decodes alone as U+FFFD, so a
// broken text is still read to the end.
CodePoint decode_at(std::string_view text, std::size_t i);

// Byte offset where the code point that ends just before `i` starts (`i` > 0).
std::size_t previous_code_point(std::string_view text, std::size_t i);

bool is_continuation_byte(char c);
bool is_letter(char32_t c);
bool is_upper(char32_t c);
char32_t to_lower(char32_t c);

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline int digit_value(char c) { return c - '0'; }
inline bool digit_at(std::string_view text, std::size_t i) { return i < text.size() && is_digit(text[i]); }

// Length of the run of ASCII digits that starts at `i`.
std::size_t digit_run(std::string_view text, std::size_t i);

// The number written by the two ASCII digits at `at`.
inline int two_digits(std::string_view digits, std::size_t at) {
    return digit_value(digits[at]) * 10 + digit_value(digits[at + 1]);
}

// True when a letter starts at byte `i`.
bool letter_at(std::string_view text, std::size_t i);

// Number of code points in the first `bytes` bytes of `text`: what a person counts as characters.
std::size_t code_points_before(std::string_view text, std::size_t bytes);

}  // namespace faltstod::protocol::guard
