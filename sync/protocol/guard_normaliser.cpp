// The guard's normalisation step; see guard_normaliser.hpp. The text is turned into a list of
// units (a character and the span of original bytes it came from), each pass rewrites that
// list, and the last one encodes it as UTF-8 with the byte map.
//
// Sections: units and character folding · NFKC per segment · whitespace · confusable letters ·
// digit words · encoding.
#include "guard_normaliser.hpp"

#include "guard_characters.hpp"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <array>
#include <optional>
#include <stdexcept>

namespace faltstod::protocol {

using guard::CodePoint;
using guard::decode_at;

namespace {

// One character of the text being normalised, and the original bytes [begin, end) behind it.
struct Unit {
    char32_t c;
    std::size_t begin;
    std::size_t end;
};

using Units = std::vector<Unit>;

// ---------------------------------------------------------------------------------------------
// Folding one character (after NFKC). nullopt: the character is dropped.

bool is_line_break(char32_t c) { return (c >= 0x0A && c <= 0x0D) || c == 0x85 || c == 0x2028 || c == 0x2029; }

std::optional<char32_t> fold_character(char32_t c) {
    const auto u = static_cast<UChar32>(c);
    if (c < 0x80 && c >= 0x20 && c != 0x7F) return c;  // printable ASCII stays
    if (u_isUWhiteSpace(u)) return is_line_break(c) ? U'\n' : U' ';
    // Shows nothing: zero-width characters, soft hyphen, direction marks, variation selectors,
    // tags, the word joiner, the byte-order mark …, and control characters.
    if (u_hasBinaryProperty(u, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) || u_charType(u) == U_CONTROL_CHAR ||
        u_charType(u) == U_FORMAT_CHAR)
        return std::nullopt;
    if (u_charType(u) == U_DECIMAL_DIGIT_NUMBER) {
        const int value = u_charDigitValue(u);
        if (value >= 0 && value <= 9) return static_cast<char32_t>(U'0' + value);
    }
    if (u_charType(u) == U_OTHER_NUMBER) {  // ❶, ⓿ … (NFKC has already turned ① into "1")
        const double value = u_getNumericValue(u);
        for (int digit = 0; digit <= 9; ++digit)
            if (value == digit) return static_cast<char32_t>(U'0' + digit);
    }
    if (u_charType(u) == U_DASH_PUNCTUATION) return U'-';
    switch (c) {
        case 0x2212:  // minus sign
        case 0x02D7:  // modifier letter minus sign
        case 0x2796:  // heavy minus sign
        case 0x2043:  // hyphen bullet
            return U'-';
        case 0x2044:  // fraction slash
        case 0x2215:  // division slash
        case 0x29F8:  // big solidus
            return U'/';
        case 0x00B7:  // middle dot
        case 0x2027:  // hyphenation point
        case 0x2219:  // bullet operator
        case 0x30FB:  // katakana middle dot
        case 0x3002:  // ideographic full stop
            return U'.';
        case 0x2795:  // heavy plus sign
            return U'+';
        default:
            return c;
    }
}

void push_folded(Units& out, char32_t c, std::size_t begin, std::size_t end) {
    if (const auto folded = fold_character(c)) out.push_back({*folded, begin, end});
}

// ---------------------------------------------------------------------------------------------
// NFKC, one segment at a time: a segment starts at a character that NFKC never combines with
// what stands before it, so normalising segment by segment gives the same text as normalising
// the whole, and every output character can be traced to its segment's bytes.

const UNormalizer2* nfkc() {
    static const UNormalizer2* const instance = [] {
        UErrorCode status = U_ZERO_ERROR;
        const UNormalizer2* n = unorm2_getNFKCInstance(&status);
        if (U_FAILURE(status) || n == nullptr) throw std::runtime_error("ICU's NFKC data is missing (libicu72)");
        return n;
    }();
    return instance;
}

bool starts_segment(char32_t c) { return c < 0x80 || unorm2_hasBoundaryBefore(nfkc(), static_cast<UChar32>(c)) != 0; }

void normalise_segment(const std::vector<char32_t>& segment, std::size_t begin, std::size_t end, Units& out) {
    std::vector<UChar> source;
    for (char32_t c : segment) {
        UChar units[2];
        std::int32_t length = 0;
        UBool error = false;
        U16_APPEND(units, length, 2, static_cast<UChar32>(c), error);
        if (error) continue;
        source.insert(source.end(), units, units + length);
    }
    std::vector<UChar> normalised(source.size() * 4 + 16);
    UErrorCode status = U_ZERO_ERROR;
    auto length = unorm2_normalize(nfkc(), source.data(), static_cast<std::int32_t>(source.size()), normalised.data(),
                                   static_cast<std::int32_t>(normalised.size()), &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
        normalised.resize(static_cast<std::size_t>(length));
        status = U_ZERO_ERROR;
        length = unorm2_normalize(nfkc(), source.data(), static_cast<std::int32_t>(source.size()), normalised.data(),
                                  static_cast<std::int32_t>(normalised.size()), &status);
    }
    if (U_FAILURE(status)) {  // cannot happen with valid code points; keep the characters as they are
        for (char32_t c : segment) push_folded(out, c, begin, end);
        return;
    }
    for (std::int32_t i = 0; i < length;) {
        UChar32 c = 0;
        U16_NEXT(normalised.data(), i, length, c);
        push_folded(out, static_cast<char32_t>(c), begin, end);
    }
}

Units decode_and_fold(std::string_view text) {
    Units units;
    units.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t begin = i;
        std::vector<char32_t> segment;
        CodePoint cp = decode_at(text, i);
        segment.push_back(cp.value);
        i += cp.length;
        while (i < text.size()) {
            cp = decode_at(text, i);
            if (starts_segment(cp.value)) break;
            segment.push_back(cp.value);
            i += cp.length;
        }
        if (segment.size() == 1 && segment[0] < 0x80) push_folded(units, segment[0], begin, i);  // ASCII is its own NFKC
        else normalise_segment(segment, begin, i, units);
    }
    return units;
}

// ---------------------------------------------------------------------------------------------
// Whitespace: a run becomes one blank, a line break when it holds one.

bool is_blank_unit(char32_t c) { return c == U' ' || c == U'\n'; }

Units fold_whitespace(const Units& in) {
    Units out;
    out.reserve(in.size());
    for (const Unit& unit : in) {
        if (is_blank_unit(unit.c) && !out.empty() && is_blank_unit(out.back().c)) {
            if (unit.c == U'\n') out.back().c = U'\n';
            out.back().end = unit.end;
            continue;
        }
        out.push_back(unit);
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Letters standing in for digits. Only inside a run of digits and stand-ins that holds at least
// one real digit and touches no other letter: "85O1O1-l236" is a number, "Olle" and "I dag" are not.

std::optional<char32_t> digit_look_alike(char32_t c) {
    switch (c) {
        case U'O': case U'o':
        case 0x041E: case 0x043E:  // Cyrillic О о
        case 0x039F: case 0x03BF:  // Greek Ο ο
            return U'0';
        case U'l': case U'I': case U'|':
        case 0x0406: case 0x0456:  // Cyrillic І і
        case 0x0399:               // Greek Ι
        case 0x01C0:               // Latin letter dental click ǀ
            return U'1';
        default:
            return std::nullopt;
    }
}

bool is_ascii_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

void replace_look_alikes(Units& units) {
    std::size_t i = 0;
    while (i < units.size()) {
        if (!is_ascii_digit(units[i].c) && !digit_look_alike(units[i].c)) {
            ++i;
            continue;
        }
        std::size_t end = i;
        bool real_digit = false;
        while (end < units.size() && (is_ascii_digit(units[end].c) || digit_look_alike(units[end].c))) {
            real_digit = real_digit || is_ascii_digit(units[end].c);
            ++end;
        }
        const bool touches_letter = (i > 0 && guard::is_letter(units[i - 1].c)) || (end < units.size() && guard::is_letter(units[end].c));
        if (real_digit && end - i >= 2 && !touches_letter) {
            for (std::size_t k = i; k < end; ++k)
                if (const auto digit = digit_look_alike(units[k].c)) units[k].c = *digit;
        }
        i = end;
    }
}

// ---------------------------------------------------------------------------------------------
// Digits written as words. A word is a maximal run of letters; it becomes its digit when it is
// part of a chain of at least three digit words or digit groups joined by blanks or dashes.

struct DigitWord {
    std::u32string_view word;  // lower case
    char32_t digit;
};

constexpr std::array<DigitWord, 21> kDigitWords = {{
    {U"noll", U'0'}, {U"ett", U'1'}, {U"en", U'1'},    {U"två", U'2'},   {U"tre", U'3'},  {U"fyra", U'4'},  {U"fem", U'5'},
    {U"sex", U'6'},  {U"sju", U'7'}, {U"åtta", U'8'},  {U"nio", U'9'},   {U"zero", U'0'}, {U"one", U'1'},   {U"two", U'2'},
    {U"three", U'3'}, {U"four", U'4'}, {U"five", U'5'}, {U"six", U'6'}, {U"seven", U'7'}, {U"eight", U'8'}, {U"nine", U'9'},
}};

struct Token {
    std::size_t begin;  // unit index
    std::size_t end;
    std::optional<char32_t> digit;  // a digit word
    bool digits = false;            // a run of digits
};

std::vector<Token> read_tokens(const Units& units) {
    std::vector<Token> tokens;
    std::size_t i = 0;
    while (i < units.size()) {
        std::size_t end = i;
        if (guard::is_letter(units[i].c)) {
            std::u32string lower;
            while (end < units.size() && guard::is_letter(units[end].c)) lower.push_back(guard::to_lower(units[end++].c));
            Token token{i, end, std::nullopt};
            for (const auto& word : kDigitWords)
                if (lower == word.word) token.digit = word.digit;
            tokens.push_back(token);
        } else if (is_ascii_digit(units[i].c)) {
            while (end < units.size() && is_ascii_digit(units[end].c)) ++end;
            tokens.push_back({i, end, std::nullopt, true});
        } else {
            ++end;
        }
        i = end;
    }
    return tokens;
}

// True when only blanks and at most one dash stand between two tokens.
bool joined(const Units& units, const Token& left, const Token& right) {
    int dashes = 0;
    for (std::size_t k = left.end; k < right.begin; ++k) {
        if (units[k].c == U'-') ++dashes;
        else if (units[k].c != U' ') return false;
    }
    return right.begin > left.end && dashes <= 1;
}

Units replace_digit_words(const Units& units) {
    const auto tokens = read_tokens(units);
    std::vector<bool> convert(tokens.size(), false);
    std::size_t i = 0;
    while (i < tokens.size()) {
        const auto is_number_token = [&](std::size_t k) { return tokens[k].digit || tokens[k].digits; };
        if (!is_number_token(i)) {
            ++i;
            continue;
        }
        std::size_t end = i + 1;
        while (end < tokens.size() && is_number_token(end) && joined(units, tokens[end - 1], tokens[end])) ++end;
        const auto words = std::count_if(tokens.begin() + static_cast<std::ptrdiff_t>(i), tokens.begin() + static_cast<std::ptrdiff_t>(end),
                                         [](const Token& t) { return t.digit.has_value(); });
        if (end - i >= 3 && words >= 1)
            for (std::size_t k = i; k < end; ++k) convert[k] = tokens[k].digit.has_value();
        i = end;
    }
    Units out;
    out.reserve(units.size());
    std::size_t next_token = 0;
    for (std::size_t k = 0; k < units.size();) {
        while (next_token < tokens.size() && tokens[next_token].begin < k) ++next_token;
        if (next_token < tokens.size() && tokens[next_token].begin == k && convert[next_token]) {
            const Token& token = tokens[next_token];
            out.push_back({*token.digit, units[token.begin].begin, units[token.end - 1].end});
            k = token.end;
            continue;
        }
        out.push_back(units[k++]);
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Encoding the units as UTF-8, with the origin of every byte.

void append_utf8(NormalisedText& out, const Unit& unit) {
    char bytes[4];
    std::size_t length = 0;
    const char32_t c = unit.c;
    if (c < 0x80) {
        bytes[length++] = static_cast<char>(c);
    } else if (c < 0x800) {
        bytes[length++] = static_cast<char>(0xC0 | (c >> 6));
        bytes[length++] = static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        bytes[length++] = static_cast<char>(0xE0 | (c >> 12));
        bytes[length++] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        bytes[length++] = static_cast<char>(0x80 | (c & 0x3F));
    } else {
        bytes[length++] = static_cast<char>(0xF0 | (c >> 18));
        bytes[length++] = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        bytes[length++] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        bytes[length++] = static_cast<char>(0x80 | (c & 0x3F));
    }
    for (std::size_t k = 0; k < length; ++k) {
        out.text.push_back(bytes[k]);
        out.origin_begin.push_back(unit.begin);
        out.origin_end.push_back(unit.end);
    }
}

}  // namespace

NormalisedText::Span NormalisedText::original_span(std::size_t offset, std::size_t length) const {
    std::size_t begin = origin_begin[offset];
    std::size_t end = origin_end[offset];
    for (std::size_t k = offset; k < offset + length; ++k) {
        begin = std::min(begin, origin_begin[k]);
        end = std::max(end, origin_end[k]);
    }
    return {begin, end - begin};
}

NormalisedText normalise_for_guard(std::string_view text) {
    Units units = fold_whitespace(decode_and_fold(text));
    replace_look_alikes(units);
    units = replace_digit_words(units);
    NormalisedText out;
    out.text.reserve(units.size());
    out.origin_begin.reserve(units.size());
    out.origin_end.reserve(units.size());
    for (const Unit& unit : units) append_utf8(out, unit);
    return out;
}

}  // namespace faltstod::protocol
