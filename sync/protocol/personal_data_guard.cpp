// The personal-data guard; see personal_data_guard.hpp. Each kind has its own hand-written
// scanner (faster and easier to reason about than std::regex, and the rules need checks a
// regex cannot do: the Luhn digit, the calendar, UTF-8 case folding). The scanners may claim
// overlapping text; find_personal_data keeps one finding per stretch of text.
#include "personal_data_guard.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace faltstod::protocol {

namespace {

constexpr std::size_t kNone = std::string_view::npos;

// ---------------------------------------------------------------------------------------------
// Characters. Notes are UTF-8; digits and the punctuation the rules care about are ASCII, but
// words (street names, e-mail local parts) can contain å, ä, ö and other Latin letters.

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int digit_value(char c) { return c - '0'; }

bool digit_at(std::string_view text, std::size_t i) { return i < text.size() && is_digit(text[i]); }

// Length of the run of ASCII digits that starts at `i`.
std::size_t digit_run(std::string_view text, std::size_t i) {
    std::size_t end = i;
    while (digit_at(text, end)) ++end;
    return end - i;
}

// The number written by the two digits at `at`.
int two_digits(std::string_view digits, std::size_t at) {
    return digit_value(digits[at]) * 10 + digit_value(digits[at + 1]);
}

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

struct CodePoint {
    char32_t value;
    std::size_t length;  // bytes
};

// Decodes the code point at `i`. A malformed byte decodes alone as U+FFFD, so a broken note is
// still scanned to the end instead of throwing: the guard must never be the reason a save fails
// with an error rather than with a clear "remove this".
CodePoint decode_at(std::string_view text, std::size_t i) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) return {lead, 1};
    const std::size_t length = lead >= 0xF8 ? 0 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
    if (length == 0 || i + length > text.size()) return {0xFFFD, 1};
    char32_t value = lead & (0x3F >> (length - 1));
    for (std::size_t k = 1; k < length; ++k) {
        if (!is_continuation_byte(text[i + k])) return {0xFFFD, 1};
        value = (value << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    return {value, length};
}

// Byte offset where the code point that ends just before `i` starts (`i` > 0).
std::size_t previous_code_point(std::string_view text, std::size_t i) {
    std::size_t start = i - 1;
    while (start > 0 && i - start < 4 && is_continuation_byte(text[start])) --start;
    return start;
}

// Letters of the Latin alphabets (ASCII, Latin-1 and Latin Extended-A/B): enough for Swedish,
// the neighbouring languages and most names users type, without pulling in a Unicode library.
bool is_letter(char32_t c) {
    if ((c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z')) return true;
    return c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7;  // × and ÷ are not letters
}

// Upper case for ASCII and Latin-1 (Å Ä Ö É …), whose lower-case partner is 0x20 above.
bool is_upper(char32_t c) { return (c >= U'A' && c <= U'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7); }

char32_t to_lower(char32_t c) { return is_upper(c) ? c + 0x20 : c; }

bool is_ascii_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

// Blanks that may stand between a street name and its number: a no-break space (U+00A0) is
// what word processors put there, so it counts as a space.
bool is_blank(char32_t c) { return c == U' ' || c == U'\t' || c == 0xA0; }

// Characters that show nothing, or nothing of their own: control characters other than tab and
// line breaks, the soft hyphen, zero-width spaces and joiners, direction marks, the word joiner
// and the byte-order mark. Nobody types them into a note on purpose; they arrive by copy and
// paste, or to hide a number from this guard.
bool is_hidden_character(char32_t c) {
    if (c == U'\t' || c == U'\n' || c == U'\r') return false;
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xAD || c == 0x34F || c == 0x61C || c == 0x180E ||
           (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x206F) || c == 0xFEFF;
}

// Byte length of the run of blanks at `i`.
std::size_t blank_run(std::string_view text, std::size_t i) {
    std::size_t pos = i;
    while (pos < text.size()) {
        const CodePoint cp = decode_at(text, pos);
        if (!is_blank(cp.value)) break;
        pos += cp.length;
    }
    return pos - i;
}

// ---------------------------------------------------------------------------------------------
// Personnummer and samordningsnummer. The date and the Luhn digit are what tell an identity
// number apart from a date, a case number or an arbitrary count, so both are checked.

// Luhn over the ten-digit form YYMMDDNNNC: weights 2,1,2,1… on the first nine digits, the
// digits of each product summed; the tenth digit brings the total to a multiple of ten.
bool luhn_valid(std::string_view ten) {
    int sum = 0;
    for (std::size_t k = 0; k < 9; ++k) {
        const int product = digit_value(ten[k]) * (k % 2 == 0 ? 2 : 1);
        sum += product / 10 + product % 10;
    }
    return (10 - sum % 10) % 10 == digit_value(ten[9]);
}

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int month, bool leap) {
    static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && leap ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

// An identity number as written: its ten-digit form and, when the year was written with four
// digits, the century (19 for 1912); -1 when only two year digits were written.
struct IdentityDigits {
    std::size_t end;  // byte just after the number
    std::string ten;  // YYMMDDNNNC
    int century;
};

// Reads one of the written forms at `i`, which starts a digit run: YYMMDDNNNN, YYYYMMDDNNNN,
// YYMMDD-NNNN or YYYYMMDD-NNNN ('+' instead of '-' for someone aged 100 or more). Digit runs
// are maximal, so a number inside a longer run of digits never matches.
std::optional<IdentityDigits> read_identity_digits(std::string_view text, std::size_t i) {
    const std::size_t run = digit_run(text, i);
    if (run == 10 || run == 12) {
        const int century = run == 12 ? two_digits(text, i) : -1;
        return IdentityDigits{i + run, std::string(text.substr(i + run - 10, 10)), century};
    }
    if (run == 6 || run == 8) {
        const std::size_t separator = i + run;
        const bool has_separator = separator < text.size() && (text[separator] == '-' || text[separator] == '+');
        if (has_separator && digit_run(text, separator + 1) == 4) {
            const int century = run == 8 ? two_digits(text, i) : -1;
            std::string ten = std::string(text.substr(separator - 6, 6)) + std::string(text.substr(separator + 1, 4));
            return IdentityDigits{separator + 5, std::move(ten), century};
        }
    }
    return std::nullopt;
}

// Personnummer or samordningsnummer (the day plus 60), or nothing when the digits are not a
// real date with a valid check digit.
std::optional<PersonalDataKind> identity_kind(const IdentityDigits& number) {
    // Only 18xx–20xx are birth years in the population register; the limit keeps other 12-digit
    // numbers (accounts, payment references) from passing as identity numbers by chance.
    if (number.century != -1 && (number.century < 18 || number.century > 20)) return std::nullopt;
    const int year = two_digits(number.ten, 0);
    const int month = two_digits(number.ten, 2);
    const int day = two_digits(number.ten, 4);
    if (month < 1 || month > 12) return std::nullopt;
    // With a two-digit year the century is unknown; 29 February is accepted whenever some
    // century makes it real (00 is 2000), because the guard would rather refuse than leak.
    const bool leap = number.century == -1 ? year % 4 == 0 : is_leap_year(number.century * 100 + year);
    const int last_day = days_in_month(month, leap);
    std::optional<PersonalDataKind> kind;
    if (day >= 1 && day <= last_day) kind = PersonalDataKind::PersonalIdentityNumber;
    if (day >= 61 && day <= 60 + last_day) kind = PersonalDataKind::CoordinationNumber;
    if (!kind || !luhn_valid(number.ten)) return std::nullopt;
    return kind;
}

std::vector<PersonalDataFinding> find_identity_numbers(std::string_view text) {
    std::vector<PersonalDataFinding> findings;
    std::size_t i = 0;
    while (i < text.size()) {
        if (!is_digit(text[i])) {
            ++i;
            continue;
        }
        // `i` starts a digit run here: the previous byte was not a digit.
        if (const auto number = read_identity_digits(text, i)) {
            if (const auto kind = identity_kind(*number)) {
                findings.push_back({*kind, i, number->end - i});
                i = number->end;
                continue;
            }
        }
        i += digit_run(text, i);
    }
    return findings;
}

// ---------------------------------------------------------------------------------------------
// Phone numbers. A phone number is read as groups of digits joined by short separators; the
// digit count decides. National numbers start with 0 and have 8–10 digits with the 0 (from
// "(08) 123 456" to "070-123 45 67"); international ones start with + or 00 and have 8–15
// digits after it. Service numbers such as 112, 114 14 and 1177 do not start with 0 and pass.

// Characters that may join digit groups: blanks, dashes (an en dash is what autocorrect makes
// of " - ") and the parentheses of "(08) 123 456" or "+46 (0)70".
bool is_phone_separator(char32_t c) {
    return c == U' ' || c == 0xA0 || c == U'-' || c == 0x2013 || c == U'(' || c == U')';
}

// Byte length of the separator at `i`: at most three characters ("08 - 123", ") ", " (0"), so
// two numbers further apart are not read as one.
std::size_t separator_run(std::string_view text, std::size_t i) {
    std::size_t pos = i;
    for (int count = 0; count < 3 && pos < text.size(); ++count) {
        const CodePoint cp = decode_at(text, pos);
        if (!is_phone_separator(cp.value)) break;
        pos += cp.length;
    }
    return pos - i;
}

struct DigitGroup {
    std::size_t begin;
    std::size_t end;
    std::string_view separator_before;  // empty for the first group
};

// The digit groups from `first_digit` on, as far as separators join them.
std::vector<DigitGroup> read_digit_groups(std::string_view text, std::size_t first_digit) {
    std::vector<DigitGroup> groups;
    std::size_t pos = first_digit;
    std::string_view separator;
    while (digit_at(text, pos)) {
        const std::size_t end = pos + digit_run(text, pos);
        groups.push_back({pos, end, separator});
        const std::size_t gap = separator_run(text, end);
        separator = text.substr(end, gap);
        pos = end + gap;
    }
    return groups;
}

bool is_dash(std::string_view separator) { return separator == "-" || separator == "–"; }

std::size_t group_length(const DigitGroup& group) { return group.end - group.begin; }

// "010101-1234": the shape of a personnummer. When the check digit is wrong it is not a
// personnummer, and nobody writes a phone number in this shape, so it must not come back as one.
bool looks_like_identity_number(const std::vector<DigitGroup>& groups, std::size_t count) {
    return count == 2 && group_length(groups[0]) == 6 && group_length(groups[1]) == 4 &&
           groups[1].separator_before == "-";
}

// "05-11-2026": a date written day first.
bool looks_like_date(std::string_view text, const std::vector<DigitGroup>& groups, std::size_t count) {
    if (count != 3 || group_length(groups[0]) != 2 || group_length(groups[1]) != 2 || group_length(groups[2]) != 4) {
        return false;
    }
    if (!is_dash(groups[1].separator_before) || !is_dash(groups[2].separator_before)) return false;
    const int day = two_digits(text, groups[0].begin);
    const int month = two_digits(text, groups[1].begin);
    return day >= 1 && day <= 31 && month >= 1 && month <= 12;
}

bool is_time_of_day(std::string_view text, std::size_t at) {
    return two_digits(text, at) <= 24 && two_digits(text, at + 2) <= 59;
}

// "0800-1700": opening hours written without the dot.
bool looks_like_time_range(std::string_view text, const std::vector<DigitGroup>& groups, std::size_t count) {
    return count == 2 && group_length(groups[0]) == 4 && group_length(groups[1]) == 4 &&
           is_dash(groups[1].separator_before) && is_time_of_day(text, groups[0].begin) &&
           is_time_of_day(text, groups[1].begin);
}

bool is_other_number(std::string_view text, const std::vector<DigitGroup>& groups, std::size_t count) {
    return looks_like_identity_number(groups, count) || looks_like_date(text, groups, count) ||
           looks_like_time_range(text, groups, count);
}

// How a phone number at some position starts.
struct PhoneStart {
    std::size_t first_digit;
    std::size_t uncounted_digits;  // the "00" of "0046", which is not part of the number
    std::size_t min_digits;
    std::size_t max_digits;
};

// The start of a phone number at `i`: "+", "00" or "0", optionally inside "(".
std::optional<PhoneStart> read_phone_start(std::string_view text, std::size_t i) {
    std::size_t pos = i;
    if (text[pos] == '(') ++pos;
    const auto nonzero_digit_at = [&](std::size_t at) { return digit_at(text, at) && text[at] != '0'; };
    if (pos < text.size() && text[pos] == '+' && nonzero_digit_at(pos + 1)) return PhoneStart{pos + 1, 0, 8, 15};
    if (!digit_at(text, pos) || text[pos] != '0') return std::nullopt;
    if (digit_at(text, pos + 1) && text[pos + 1] == '0' && nonzero_digit_at(pos + 2)) return PhoneStart{pos, 2, 8, 15};
    if (nonzero_digit_at(pos + 1)) return PhoneStart{pos, 0, 8, 10};
    return std::nullopt;
}

// The end of the phone number that starts at `i`, or kNone. The number takes as many digit
// groups as keep the digit count in range, so a count written after it ("070-123 45 67 3
// gånger") is left out rather than making the whole run too long to be a phone number.
std::size_t phone_number_end(std::string_view text, std::size_t i) {
    const auto start = read_phone_start(text, i);
    if (!start) return kNone;
    const auto groups = read_digit_groups(text, start->first_digit);
    std::size_t digits = 0;
    std::size_t end = kNone;
    for (std::size_t count = 1; count <= groups.size(); ++count) {
        digits += group_length(groups[count - 1]);
        const std::size_t counted = digits - std::min(digits, start->uncounted_digits);
        if (counted > start->max_digits) break;
        if (counted >= start->min_digits && !is_other_number(text, groups, count)) end = groups[count - 1].end;
    }
    return end;
}

std::vector<PersonalDataFinding> find_phone_numbers(std::string_view text) {
    std::vector<PersonalDataFinding> findings;
    std::size_t i = 0;
    while (i < text.size()) {
        const bool may_start = text[i] == '+' || text[i] == '(' || text[i] == '0';
        // A 0 or + right after a digit is inside some other number, not the start of a phone number.
        const bool after_digit = i > 0 && is_digit(text[i - 1]);
        const std::size_t end = may_start && !after_digit ? phone_number_end(text, i) : kNone;
        if (end == kNone) {
            ++i;
            continue;
        }
        findings.push_back({PersonalDataKind::PhoneNumber, i, end - i});
        i = end;
    }
    return findings;
}

// ---------------------------------------------------------------------------------------------
// E-mail addresses: local@domain.tld, loosely. Not RFC 5322: the point is to catch addresses
// people type, not to validate them.

bool is_local_part_char(char32_t c) {
    return is_letter(c) || is_ascii_digit(c) || c == U'.' || c == U'_' || c == U'%' || c == U'+' || c == U'-';
}

bool is_domain_char(char32_t c) { return is_letter(c) || is_ascii_digit(c) || c == U'-'; }

// Start of the local part that ends at the '@' at `at`; `at` itself when there is none.
std::size_t local_part_start(std::string_view text, std::size_t at) {
    std::size_t start = at;
    while (start > 0) {
        const std::size_t previous = previous_code_point(text, start);
        const char32_t c = decode_at(text, previous).value;
        if (!is_local_part_char(c)) break;
        // Two dots in a row cannot be inside an address: they end the text before it ("…anna@").
        if (c == U'.' && text[start] == '.') break;
        start = previous;
    }
    // Nor can a dot start an address; it ends the sentence before it.
    while (start < at && text[start] == '.') ++start;
    return start;
}

// End of the label (a run of domain characters) at `i`.
std::size_t label_end(std::string_view text, std::size_t i) {
    std::size_t pos = i;
    while (pos < text.size()) {
        const CodePoint cp = decode_at(text, pos);
        if (!is_domain_char(cp.value)) break;
        pos += cp.length;
    }
    return pos;
}

bool is_top_level_domain(std::string_view label) {
    return label.size() >= 2 && std::all_of(label.begin(), label.end(),
                                            [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); });
}

// End of the domain that starts at `i`, or kNone unless it has at least two labels and ends in
// a top-level domain of letters. A dot that no label follows ends the sentence, not the domain.
std::size_t domain_end(std::string_view text, std::size_t i) {
    std::size_t labels = 0;
    std::size_t last_label = i;
    std::size_t pos = i;
    while (true) {
        const std::size_t end = label_end(text, pos);
        if (end == pos) break;
        ++labels;
        last_label = pos;
        pos = end;
        if (pos + 1 >= text.size() || text[pos] != '.' || label_end(text, pos + 1) == pos + 1) break;
        ++pos;
    }
    if (labels < 2 || !is_top_level_domain(text.substr(last_label, pos - last_label))) return kNone;
    return pos;
}

std::vector<PersonalDataFinding> find_emails(std::string_view text) {
    std::vector<PersonalDataFinding> findings;
    std::size_t from = 0;
    for (std::size_t at = text.find('@'); at != kNone; at = text.find('@', from)) {
        const std::size_t start = local_part_start(text, at);
        const std::size_t end = start < at ? domain_end(text, at + 1) : kNone;
        if (end == kNone) {
            from = at + 1;
            continue;
        }
        findings.push_back({PersonalDataKind::Email, start, end - start});
        from = end;
    }
    return findings;
}

// ---------------------------------------------------------------------------------------------
// Street addresses: a word ending in a Swedish street suffix, blanks, and a house number of
// 1–4 digits with an optional letter ("Drottninggatan 5B"). Without the number a street name
// does not point at a home ("ute på gatan", "Storgatan"), so it passes.

struct StreetSuffix {
    std::u32string_view text;  // lower case
    // Suffixes that also end everyday nouns (vårdplan, arbetsplatsen, ingången) only count in a
    // capitalised word, since street names are proper nouns and those nouns usually are not.
    bool needs_capital;
};

constexpr std::array<StreetSuffix, 16> kStreetSuffixes = {{
    {U"gatan", false},
    {U"gata", false},
    {U"vägen", false},
    {U"väg", false},
    {U"gränden", false},
    {U"gränd", false},
    {U"stigen", false},
    {U"allén", false},
    {U"torget", false},
    {U"backen", false},
    {U"leden", false},
    {U"promenaden", false},
    {U"esplanaden", false},
    {U"platsen", true},
    {U"plan", true},
    {U"gången", true},
}};

struct Word {
    std::size_t begin;
    std::size_t end;
    std::u32string folded;  // lower case, for comparing with the suffixes
    bool capitalised;
};

// The maximal run of letters at `i`, which is a letter.
Word read_word(std::string_view text, std::size_t i) {
    Word word{i, i, {}, is_upper(decode_at(text, i).value)};
    while (word.end < text.size()) {
        const CodePoint cp = decode_at(text, word.end);
        if (!is_letter(cp.value)) break;
        word.folded.push_back(to_lower(cp.value));
        word.end += cp.length;
    }
    return word;
}

const StreetSuffix* street_suffix_of(const Word& word) {
    for (const StreetSuffix& suffix : kStreetSuffixes) {
        if (word.folded.ends_with(suffix.text)) return &suffix;
    }
    return nullptr;
}

bool letter_at(std::string_view text, std::size_t i) { return i < text.size() && is_letter(decode_at(text, i).value); }

// End of the house number at `i`, or kNone: 1–4 digits not followed by another digit, and an
// optional house letter when it stands alone ("5B", not the start of a word as in "5tal").
std::size_t house_number_end(std::string_view text, std::size_t i) {
    const std::size_t digits = digit_run(text, i);
    if (digits < 1 || digits > 4) return kNone;
    const std::size_t end = i + digits;
    if (letter_at(text, end)) {
        const std::size_t after_letter = end + decode_at(text, end).length;
        if (!letter_at(text, after_letter)) return after_letter;
    }
    return end;
}

// Case-insensitive (ASCII) comparison of the bytes at `i` with `word`.
bool ascii_word_at(std::string_view text, std::size_t i, std::string_view word) {
    if (i + word.size() > text.size()) return false;
    for (std::size_t k = 0; k < word.size(); ++k) {
        char c = text[i + k];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != word[k]) return false;
    }
    return true;
}

// A flat number after the house number ("Kungsvägen 3 lgh 1102") belongs to the address and
// narrows it to one home, so the finding covers it. Returns the end of the flat number, or `i`.
std::size_t flat_number_end(std::string_view text, std::size_t i) {
    std::size_t pos = i;
    if (pos < text.size() && text[pos] == ',') ++pos;
    const std::size_t gap = blank_run(text, pos);
    if (gap == 0) return i;
    pos += gap;
    if (ascii_word_at(text, pos, "lgh")) {
        pos += 3;
        if (pos < text.size() && text[pos] == '.') ++pos;
    } else if (ascii_word_at(text, pos, "lägenhet")) {  // folds only the ASCII letters; fine here
        pos += std::string_view("lägenhet").size();
    } else {
        return i;
    }
    const std::size_t gap_before_number = blank_run(text, pos);
    if (gap_before_number == 0 || digit_run(text, pos + gap_before_number) != 4) return i;
    return pos + gap_before_number + 4;
}

// True when only blanks stand between the two words.
bool blank_between(std::string_view text, const Word& first, const Word& second) {
    const std::size_t gap = second.begin - first.end;
    return gap > 0 && blank_run(text, first.end) == gap;
}

// The street address that `word` names, if it is followed by a house number. `previous` is the
// word before it, for names in two words.
std::optional<PersonalDataFinding> street_address_at(std::string_view text, const Word& word,
                                                     const std::optional<Word>& previous) {
    const StreetSuffix* suffix = street_suffix_of(word);
    if (suffix == nullptr) return std::nullopt;
    const std::size_t gap = blank_run(text, word.end);
    if (gap == 0) return std::nullopt;
    std::size_t end = house_number_end(text, word.end + gap);
    if (end == kNone) return std::nullopt;
    end = flat_number_end(text, end);
    std::size_t begin = word.begin;
    if (word.folded.size() == suffix->text.size()) {
        // The suffix alone ("gången", "torget") is a common noun ("på gatan 3 gånger") unless a
        // capitalised word names it: "Långa gången 2", "Stora torget 3".
        if (!previous || !previous->capitalised || !blank_between(text, *previous, word)) return std::nullopt;
        begin = previous->begin;
    } else if (suffix->needs_capital && !word.capitalised) {
        return std::nullopt;
    }
    return PersonalDataFinding{PersonalDataKind::StreetAddress, begin, end - begin};
}

std::vector<PersonalDataFinding> find_street_addresses(std::string_view text) {
    std::vector<PersonalDataFinding> findings;
    std::optional<Word> previous;
    std::size_t i = 0;
    while (i < text.size()) {
        const CodePoint cp = decode_at(text, i);
        if (!is_letter(cp.value)) {
            i += cp.length;
            continue;
        }
        Word word = read_word(text, i);
        if (const auto finding = street_address_at(text, word, previous)) findings.push_back(*finding);
        i = word.end;
        previous = std::move(word);
    }
    return findings;
}

// ---------------------------------------------------------------------------------------------
// Combining the scanners.

// Lower wins when two findings overlap. An e-mail address is removed whole, so it beats an
// identity number inside it; an identity number beats a phone number because a 10-digit run with
// a valid date and check digit is far more likely to be one, and it is the more sensitive datum.
int priority(PersonalDataKind kind) {
    switch (kind) {
        case PersonalDataKind::Email:
            return 0;
        case PersonalDataKind::PersonalIdentityNumber:
        case PersonalDataKind::CoordinationNumber:
            return 1;
        case PersonalDataKind::PhoneNumber:
            return 2;
        case PersonalDataKind::StreetAddress:
            return 3;
    }
    return 4;
}

bool overlap(const PersonalDataFinding& a, const PersonalDataFinding& b) {
    return a.offset < b.offset + b.length && b.offset < a.offset + a.length;
}

bool by_offset(const PersonalDataFinding& a, const PersonalDataFinding& b) { return a.offset < b.offset; }

// Keeps one finding per stretch of text, so the user is told once what to remove there.
std::vector<PersonalDataFinding> without_overlaps(std::vector<PersonalDataFinding> candidates) {
    std::stable_sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) {
        return priority(a.kind) != priority(b.kind) ? priority(a.kind) < priority(b.kind) : by_offset(a, b);
    });
    std::vector<PersonalDataFinding> kept;
    for (const auto& candidate : candidates) {
        const bool taken = std::any_of(kept.begin(), kept.end(), [&](const auto& k) { return overlap(k, candidate); });
        if (!taken) kept.push_back(candidate);
    }
    std::sort(kept.begin(), kept.end(), by_offset);
    return kept;
}

// Number of code points in the first `bytes` bytes: what the user counts as characters.
std::size_t code_points_before(std::string_view text, std::size_t bytes) {
    const std::size_t end = std::min(bytes, text.size());
    return static_cast<std::size_t>(std::count_if(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(end),
                                                  [](char c) { return !is_continuation_byte(c); }));
}

// The noun for the finding, in the definite form the sentences need.
const char* noun(PersonalDataKind kind, bool english) {
    switch (kind) {
        case PersonalDataKind::PersonalIdentityNumber:
            return english ? "the personal identity number" : "personnumret";
        case PersonalDataKind::CoordinationNumber:
            return english ? "the coordination number" : "samordningsnumret";
        case PersonalDataKind::PhoneNumber:
            return english ? "the phone number" : "telefonnumret";
        case PersonalDataKind::Email:
            return english ? "the e-mail address" : "e-postadressen";
        case PersonalDataKind::StreetAddress:
            return english ? "the street address" : "gatuadressen";
    }
    return english ? "the personal data" : "personuppgiften";
}

// "tecken 12–24" / "characters 12–24", or the singular for a one-character span.
std::string position_phrase(std::size_t first, std::size_t last, bool english) {
    if (first == last) return (english ? "character " : "tecken ") + std::to_string(first);
    return (english ? "characters " : "tecken ") + std::to_string(first) + "–" + std::to_string(last);
}

// ---------------------------------------------------------------------------------------------
// Numbers split to hide them. A personnummer with a zero-width space, a soft hyphen or a line
// break inside ("19121212⁠-1212", "191212\n-1212") still reads as one number on a screen, but
// the scanners above would see two short digit runs. So the numbers are looked for a second
// time in a folded copy of the note: hidden characters removed, and a run of blanks that
// holds a line break or touches a dash or plus sign removed where it stands between digits,
// dashes and plus signs. Findings are mapped back to the note's own bytes.

// Blanks for folding: the ones a street address may hold, plus line breaks.
bool is_fold_blank(char32_t c) { return is_blank(c) || c == U'\n' || c == U'\r'; }

bool joins_number(char c) { return is_digit(c) || c == '-' || c == '+'; }

struct FoldedText {
    std::string text;
    std::vector<std::size_t> origin;  // origin[k]: the note's byte offset of folded byte k
};

FoldedText fold_for_numbers(std::string_view text) {
    FoldedText folded;
    folded.text.reserve(text.size());
    folded.origin.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const auto cp = decode_at(text, i);
        if (is_hidden_character(cp.value)) {
            i += cp.length;
            continue;
        }
        if (is_fold_blank(cp.value) && !folded.text.empty() && joins_number(folded.text.back())) {
            // Look past the whole run of blanks (and hidden characters) to what follows it.
            std::size_t end = i;
            bool line_break = false;
            while (end < text.size()) {
                const auto next = decode_at(text, end);
                if (!is_fold_blank(next.value) && !is_hidden_character(next.value)) break;
                line_break = line_break || next.value == U'\n' || next.value == U'\r';
                end += next.length;
            }
            const bool touches_sign = folded.text.back() == '-' || folded.text.back() == '+' ||
                                      (end < text.size() && (text[end] == '-' || text[end] == '+'));
            if (end < text.size() && joins_number(text[end]) && (line_break || touches_sign)) {
                i = end;
                continue;
            }
        }
        for (std::size_t k = 0; k < cp.length; ++k) {
            folded.text.push_back(text[i + k]);
            folded.origin.push_back(i + k);
        }
        i += cp.length;
    }
    return folded;
}

// The numbers found only in the folded copy, in the note's own offsets.
std::vector<PersonalDataFinding> find_split_numbers(std::string_view text) {
    const auto folded = fold_for_numbers(text);
    if (folded.text.size() == text.size()) return {};  // nothing was folded away
    std::vector<PersonalDataFinding> found = find_identity_numbers(folded.text);
    const auto phones = find_phone_numbers(folded.text);
    found.insert(found.end(), phones.begin(), phones.end());
    for (auto& finding : found) {
        const std::size_t begin = folded.origin[finding.offset];
        const std::size_t last = folded.origin[finding.offset + finding.length - 1];
        finding.offset = begin;
        finding.length = last + 1 - begin;
    }
    return found;
}

}  // namespace

std::optional<std::size_t> find_hidden_character(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const auto cp = decode_at(text, i);
        if (is_hidden_character(cp.value)) return i;
        i += cp.length;
    }
    return std::nullopt;
}

std::vector<PersonalDataFinding> find_personal_data(std::string_view text) {
    std::vector<PersonalDataFinding> candidates;
    const auto add = [&](const std::vector<PersonalDataFinding>& found) {
        candidates.insert(candidates.end(), found.begin(), found.end());
    };
    add(find_emails(text));
    add(find_identity_numbers(text));
    add(find_phone_numbers(text));
    add(find_street_addresses(text));
    add(find_split_numbers(text));
    return without_overlaps(std::move(candidates));
}

std::string describe_finding(const PersonalDataFinding& finding, std::string_view text, const std::string& language) {
    // Only the kind and the positions go into the sentence, never text from the note.
    const bool english = language == "en";
    const std::size_t first = code_points_before(text, finding.offset) + 1;
    const std::size_t last = std::max(first, code_points_before(text, finding.offset + finding.length));
    const std::string where = position_phrase(first, last, english);
    if (english) {
        return std::string("Remove ") + noun(finding.kind, true) + " (" + where +
               ") – the note must not contain personal data.";
    }
    return std::string("Ta bort ") + noun(finding.kind, false) + " (" + where +
           ") – anteckningen får inte innehålla personuppgifter.";
}

const char* kind_name(PersonalDataKind kind) {
    switch (kind) {
        case PersonalDataKind::PersonalIdentityNumber:
            return "personal_identity_number";
        case PersonalDataKind::CoordinationNumber:
            return "coordination_number";
        case PersonalDataKind::PhoneNumber:
            return "phone_number";
        case PersonalDataKind::Email:
            return "email";
        case PersonalDataKind::StreetAddress:
            return "street_address";
    }
    return "unknown";
}

}  // namespace faltstod::protocol
