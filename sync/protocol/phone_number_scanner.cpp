// Phone numbers on the normalised text; see guard_scanners.hpp.
//
// A phone number is read as groups of digits joined by short separators; the digit count
// decides. National numbers start with 0 and have 8–10 digits with the 0 (from "(08) 123 456"
// to "070-123 45 67"); international ones start with + or 00 and have 8–15 digits after it.
// Service numbers such as 112, 114 14 and 1177 do not start with 0 and pass. Dots and slashes
// join groups too ("070.123.45.67", "08/123 456"), so dates and times written with them are
// recognised and let through ("05.11.2026", "kl. 08.00-17.00"). Spelled-out digits ("noll sju
// noll …") reach this scanner as single digits joined by blanks.
#include "guard_characters.hpp"
#include "guard_scanners.hpp"

#include <algorithm>
#include <optional>

namespace faltstod::protocol::guard {

namespace {

constexpr std::size_t kNone = std::string_view::npos;

// Characters that may join digit groups: blanks, dashes, dots, slashes, and the parentheses of
// "(08) 123 456" or "+46 (0)70".
bool is_phone_separator(char c) { return c == ' ' || c == '\n' || c == '-' || c == '(' || c == ')' || c == '.' || c == '/'; }

// Length of the separator at `i`: at most three characters ("08 - 123", ") ", " (0"), so two
// numbers further apart are not read as one.
std::size_t separator_run(std::string_view text, std::size_t i) {
    std::size_t pos = i;
    while (pos < text.size() && pos - i < 3 && is_phone_separator(text[pos])) ++pos;
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

std::size_t group_length(const DigitGroup& group) { return group.end - group.begin; }

// The one mark in a separator ('-', '.', '/'), or ' ' for blanks only.
char mark_of(std::string_view separator) {
    for (char c : separator)
        if (c == '-' || c == '.' || c == '/') return c;
    return ' ';
}

// "010101-1234": the shape of a personnummer. When the check digit is wrong it is not a
// personnummer, and nobody writes a phone number in this shape, so it must not come back as one.
bool looks_like_identity_number(const std::vector<DigitGroup>& groups, std::size_t count) {
    return count == 2 && group_length(groups[0]) == 6 && group_length(groups[1]) == 4 && groups[1].separator_before == "-";
}

// "05-11-2026", "05.11.2026", "05/11 2026": a date written day first.
bool looks_like_date(std::string_view text, const std::vector<DigitGroup>& groups, std::size_t count) {
    if (count != 3 || group_length(groups[0]) != 2 || group_length(groups[1]) != 2 || group_length(groups[2]) != 4) return false;
    const char first = mark_of(groups[1].separator_before);
    if (first == ' ') return false;
    const int day = two_digits(text, groups[0].begin);
    const int month = two_digits(text, groups[1].begin);
    return day >= 1 && day <= 31 && month >= 1 && month <= 12;
}

bool is_time_of_day(std::string_view text, std::size_t at) { return two_digits(text, at) <= 24 && two_digits(text, at + 2) <= 59; }

// "0800-1700": opening hours written without the dot.
bool looks_like_time_range(std::string_view text, const std::vector<DigitGroup>& groups, std::size_t count) {
    return count == 2 && group_length(groups[0]) == 4 && group_length(groups[1]) == 4 && groups[1].separator_before == "-" &&
           is_time_of_day(text, groups[0].begin) && is_time_of_day(text, groups[1].begin);
}

// "08.00-17.00", "08.00 09.30": times written with a dot, one or more of them.
bool looks_like_times(std::string_view text, const std::vector<DigitGroup>& groups, std::size_t count) {
    if (count < 2 || count % 2 != 0) return false;
    for (std::size_t k = 0; k < count; k += 2) {
        if (group_length(groups[k]) != 2 || group_length(groups[k + 1]) != 2 || groups[k + 1].separator_before != ".") return false;
        if (two_digits(text, groups[k].begin) > 24 || two_digits(text, groups[k + 1].begin) > 59) return false;
    }
    return true;
}

bool is_other_number(std::string_view text, const std::vector<DigitGroup>& groups, std::size_t count) {
    return looks_like_identity_number(groups, count) || looks_like_date(text, groups, count) ||
           looks_like_time_range(text, groups, count) || looks_like_times(text, groups, count);
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
    // "0 7 0 …": spelled out or spaced, the second digit comes after a blank.
    const std::size_t next = pos + 1 < text.size() && text[pos + 1] == ' ' ? pos + 2 : pos + 1;
    if (nonzero_digit_at(next) || nonzero_digit_at(pos + 1)) return PhoneStart{pos, 0, 8, 10};
    return std::nullopt;
}

// Every place where the phone number that starts at `i` may end, shortest first. The number
// takes as many digit groups as keep the digit count in range, so a count written after it
// ("070-123 45 67 3 gånger") can be left out.
std::vector<std::size_t> phone_number_ends(std::string_view text, std::size_t i) {
    const auto start = read_phone_start(text, i);
    if (!start) return {};
    const auto groups = read_digit_groups(text, start->first_digit);
    std::vector<std::size_t> ends;
    std::size_t digits = 0;
    for (std::size_t count = 1; count <= groups.size(); ++count) {
        digits += group_length(groups[count - 1]);
        const std::size_t counted = digits - std::min(digits, start->uncounted_digits);
        if (counted > start->max_digits) break;
        if (counted >= start->min_digits && !is_other_number(text, groups, count)) ends.push_back(groups[count - 1].end);
    }
    return ends;
}

}  // namespace

std::vector<Candidate> find_phone_numbers(std::string_view text, const PublishedContacts* published) {
    std::vector<Candidate> findings;
    std::size_t i = 0;
    while (i < text.size()) {
        const bool may_start = text[i] == '+' || text[i] == '(' || text[i] == '0';
        // A 0 or + right after a digit is inside some other number, not the start of a phone
        // number; so is a 0 right after a digit and a dash or dot: the month or day of a date
        // ("2026-01-01 14.30", "22.01.2026").
        const bool after_digit = (i > 0 && is_digit(text[i - 1])) ||
                                 (i > 1 && (text[i - 1] == '-' || text[i - 1] == '.') && is_digit(text[i - 2]));
        const auto ends = may_start && !after_digit ? phone_number_ends(text, i) : std::vector<std::size_t>{};
        if (ends.empty()) {
            ++i;
            continue;
        }
        // A number the content lists may be followed by more digits ("020-50 50 50 3 gånger"):
        // the longest reading that is a listed number wins; otherwise the longest reading.
        std::size_t end = ends.back();
        bool listed = false;
        if (published != nullptr) {
            for (auto it = ends.rbegin(); it != ends.rend() && !listed; ++it) {
                if (published->lists_phone(canonical_phone_digits(text.substr(i, *it - i)))) {
                    end = *it;
                    listed = true;
                }
            }
        }
        findings.push_back({PersonalDataKind::PhoneNumber, i, end - i, listed});
        i = end;
    }
    return findings;
}

}  // namespace faltstod::protocol::guard
