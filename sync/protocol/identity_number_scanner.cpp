// Personnummer and samordningsnummer on the normalised digit stream; see guard_scanners.hpp.
//
// The text is read as chains of digit groups joined by short separators. A stretch of whole
// groups is an identity number when its digits are a real date (YYMMDD, or YYYYMMDD with a
// century from 18 to 20; the day plus 60 for a samordningsnummer) and a valid Luhn check digit,
// AND it is written the way people write one: the four last digits as their own group (or the
// number as one run), the date part as one run, as YY MM DD / YYYY MM DD, or every digit on its
// own. The shape rule is what keeps dates, times and case numbers that happen to pass the check
// digit ("2026-11-22 14.30", one in ten by chance) from being refused.
#include "guard_characters.hpp"
#include "guard_scanners.hpp"

#include <array>
#include <optional>

namespace faltstod::protocol::guard {

namespace {

// ---------------------------------------------------------------------------------------------
// Digit groups.

bool is_joiner_mark(char c) { return c == '-' || c == '+' || c == '.' || c == '/' || c == '_'; }
bool is_blank(char c) { return c == ' ' || c == '\n'; }

struct Group {
    std::size_t begin;     // byte of the first digit
    std::size_t end;       // byte after the last digit
    std::string digits;    // a group wrapped over a line break holds the digits of both lines
    char mark = 0;         // the separator mark before this group ('-', '.', …), 0 for blanks only
    bool joined = false;   // joined to the group before it
    bool uniform = true;   // for a wrapped group: false (it is a run, not a shape)
};

// What stands between two digit runs: up to three characters of blanks and at most one mark.
struct Joiner {
    bool ok = false;
    char mark = 0;
    bool line_break_only = false;
};

Joiner read_joiner(std::string_view text, std::size_t from, std::size_t to) {
    Joiner joiner;
    if (to <= from || to - from > 3) return joiner;
    bool line_break = false;
    for (std::size_t k = from; k < to; ++k) {
        const char c = text[k];
        if (is_blank(c)) {
            line_break = line_break || c == '\n';
        } else if (is_joiner_mark(c) && joiner.mark == 0) {
            joiner.mark = c;
        } else {
            return joiner;
        }
    }
    joiner.ok = true;
    joiner.line_break_only = line_break && joiner.mark == 0;
    return joiner;
}

// Every digit group of the text, in order. A run wrapped over a line break (and nothing else)
// is one group: "191212121" at the end of a line and "212" on the next are one number.
std::vector<Group> read_groups(std::string_view text) {
    std::vector<Group> groups;
    std::size_t i = 0;
    while (i < text.size()) {
        if (!is_digit(text[i])) {
            ++i;
            continue;
        }
        const std::size_t end = i + digit_run(text, i);
        Group group{i, end, std::string(text.substr(i, end - i))};
        if (!groups.empty()) {
            const Joiner joiner = read_joiner(text, groups.back().end, i);
            if (joiner.ok && joiner.line_break_only) {
                groups.back().end = end;
                groups.back().digits += group.digits;
                groups.back().uniform = false;
                i = end;
                continue;
            }
            group.joined = joiner.ok;
            group.mark = joiner.mark;
        }
        groups.push_back(std::move(group));
        i = end;
    }
    return groups;
}

// ---------------------------------------------------------------------------------------------
// The shape of a written identity number.

std::size_t digits_in(const std::vector<Group>& groups, std::size_t first, std::size_t last) {
    std::size_t total = 0;
    for (std::size_t k = first; k <= last; ++k) total += groups[k].digits.size();
    return total;
}

bool all_single_digits(const std::vector<Group>& groups, std::size_t first, std::size_t last) {
    for (std::size_t k = first; k <= last; ++k)
        if (groups[k].digits.size() != 1) return false;
    return true;
}

bool lengths_are(const std::vector<Group>& groups, std::size_t first, std::size_t last, std::initializer_list<std::size_t> lengths) {
    if (last + 1 - first != lengths.size()) return false;
    std::size_t k = first;
    for (std::size_t length : lengths)
        if (groups[k++].digits.size() != length) return false;
    return true;
}

// No mark between the groups first..last other than blanks.
bool joined_by_blanks(const std::vector<Group>& groups, std::size_t first, std::size_t last) {
    for (std::size_t k = first + 1; k <= last; ++k)
        if (groups[k].mark != 0) return false;
    return true;
}

// True when the groups first..last, all joined, are written like an identity number.
bool has_identity_shape(const std::vector<Group>& groups, std::size_t first, std::size_t last) {
    if (first == last) return true;  // one run of 10 or 12 digits
    // The serial part (the last four digits) starts at a group of its own.
    std::size_t serial = last + 1;
    for (std::size_t k = last; k > first; --k) {
        if (digits_in(groups, k, last) == 4) serial = k;
        if (digits_in(groups, k, last) >= 4) break;
    }
    if (serial > last) return false;
    const bool serial_spaced = all_single_digits(groups, serial, last);
    if (serial != last && !serial_spaced) return false;
    const std::size_t date_last = serial - 1;
    const std::size_t date_digits = digits_in(groups, first, date_last);
    if (date_digits != 6 && date_digits != 8) return false;
    const bool date_spaced = all_single_digits(groups, first, date_last);
    const bool date_run = first == date_last;
    const bool date_grouped = lengths_are(groups, first, date_last, {2, 2, 2}) || lengths_are(groups, first, date_last, {4, 2, 2});
    if (!date_run && !date_spaced && !date_grouped) return false;
    if (date_grouped && !joined_by_blanks(groups, first, date_last)) {
        // "2026-11-22 1430" is a date and a time; "85-01-01-1236" is an identity number.
        const char mark = groups[serial].mark;
        if (mark != '-' && mark != '+') return false;
    }
    // A number ends where it ends: "2026-11-22–2026-12-01" is two dates, not a date and "2026".
    if (last + 1 < groups.size() && groups[last + 1].joined && groups[last + 1].mark != 0) return false;
    if (date_spaced || serial_spaced) {
        // Every digit on its own: the whole run of single digits, not a window inside it.
        if (first > 0 && groups[first].joined && groups[first - 1].digits.size() == 1) return false;
        if (last + 1 < groups.size() && groups[last + 1].joined && groups[last + 1].digits.size() == 1) return false;
    }
    for (std::size_t k = first; k <= last; ++k)
        if (!groups[k].uniform && first != last) return false;
    return true;
}

// ---------------------------------------------------------------------------------------------
// The date and the check digit.

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

// Personnummer or samordningsnummer, or nothing when the 10 or 12 digits are not a real date
// with a valid check digit.
std::optional<PersonalDataKind> identity_kind(std::string_view digits) {
    const int century = digits.size() == 12 ? two_digits(digits, 0) : -1;
    // Only 18xx–20xx are birth years in the population register; the limit keeps other 12-digit
    // numbers (accounts, payment references) from passing as identity numbers by chance.
    if (century != -1 && (century < 18 || century > 20)) return std::nullopt;
    const std::string_view ten = digits.substr(digits.size() - 10);
    const int year = two_digits(ten, 0);
    const int month = two_digits(ten, 2);
    const int day = two_digits(ten, 4);
    if (month < 1 || month > 12) return std::nullopt;
    // With a two-digit year the century is unknown; 29 February is accepted whenever some
    // century makes it real (00 is 2000), because the guard would rather refuse than leak.
    const bool leap = century == -1 ? year % 4 == 0 : is_leap_year(century * 100 + year);
    const int last_day = days_in_month(month, leap);
    std::optional<PersonalDataKind> kind;
    if (day >= 1 && day <= last_day) kind = PersonalDataKind::PersonalIdentityNumber;
    if (day >= 61 && day <= 60 + last_day) kind = PersonalDataKind::CoordinationNumber;
    if (!kind || !luhn_valid(ten)) return std::nullopt;
    return kind;
}

}  // namespace

std::vector<Candidate> find_identity_numbers(std::string_view text) {
    const auto groups = read_groups(text);
    std::vector<Candidate> found;
    std::size_t first = 0;
    while (first < groups.size()) {
        bool matched = false;
        std::string digits;
        for (std::size_t last = first; last < groups.size(); ++last) {
            if (last > first && !groups[last].joined) break;
            digits += groups[last].digits;
            if (digits.size() > 12) break;
            if (digits.size() != 10 && digits.size() != 12) continue;
            if (!has_identity_shape(groups, first, last)) continue;
            if (const auto kind = identity_kind(digits)) {
                found.push_back({*kind, groups[first].begin, groups[last].end - groups[first].begin});
                first = last + 1;
                matched = true;
                break;
            }
        }
        if (!matched) ++first;
    }
    return found;
}

}  // namespace faltstod::protocol::guard
