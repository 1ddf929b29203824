// Parsing and checking of the bundle's small value formats; see value_formats.hpp.
#include "value_formats.hpp"

#include <algorithm>
#include <array>
#include <chrono>

namespace faltstod::content {

namespace {

bool all_digits(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int to_int(std::string_view digits) {
    int value = 0;
    for (char c : digits) value = value * 10 + (c - '0');
    return value;
}

constexpr std::array<std::string_view, 7> kWeekdays = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

constexpr std::array<std::string_view, 16> kAudiences = {
    "socialtjanst", "skola", "halso-och-sjukvard", "polis", "resurscentrum", "alla-yrkesverksamma",
    "utsatta", "barn", "unga", "anhoriga", "man", "transpersoner", "kvinnor", "alla", "akut", "utomlands"};

constexpr std::array<std::string_view, 9> kContactKinds = {
    "resurscentrum", "polis", "aklagare", "region", "socialtjanst", "socialjour",
    "skyddat-boende", "ideell", "lansstyrelse"};

constexpr std::array<std::string_view, 4> kEventKinds = {"konferens", "utbildning", "webbinarium",
                                                         "natverk"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& values, std::string_view value) {
    return std::find(values.begin(), values.end(), value) != values.end();
}

}  // namespace

bool is_valid_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    const auto y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
    if (!all_digits(y) || !all_digits(m) || !all_digits(d)) return false;
    const std::chrono::year_month_day date{std::chrono::year{to_int(y)},
                                           std::chrono::month{static_cast<unsigned>(to_int(m))},
                                           std::chrono::day{static_cast<unsigned>(to_int(d))}};
    return date.ok();
}

std::optional<MinuteOfDay> parse_time_of_day(std::string_view text, bool allow_end_of_day) {
    if (text.size() != 5 || text[2] != ':') return std::nullopt;
    const auto h = text.substr(0, 2), m = text.substr(3, 2);
    if (!all_digits(h) || !all_digits(m)) return std::nullopt;
    const int hours = to_int(h), minutes = to_int(m);
    if (hours == 24 && minutes == 0 && allow_end_of_day) return 24 * 60;
    if (hours > 23 || minutes > 59) return std::nullopt;
    return hours * 60 + minutes;
}

std::string format_time_of_day(MinuteOfDay minutes) {
    const int h = minutes / 60, m = minutes % 60;
    std::string out;
    out += static_cast<char>('0' + h / 10);
    out += static_cast<char>('0' + h % 10);
    out += ':';
    out += static_cast<char>('0' + m / 10);
    out += static_cast<char>('0' + m % 10);
    return out;
}

std::optional<int> parse_weekday(std::string_view name) {
    for (std::size_t i = 0; i < kWeekdays.size(); ++i)
        if (kWeekdays[i] == name) return static_cast<int>(i);
    return std::nullopt;
}

std::string_view weekday_name(int weekday) { return kWeekdays.at(static_cast<std::size_t>(weekday)); }

bool is_slug(std::string_view text) {
    if (text.empty() || text.front() == '-' || text.back() == '-') return false;
    char previous = 0;
    for (char c : text) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        if (!ok || (c == '-' && previous == '-')) return false;
        previous = c;
    }
    return true;
}

bool is_known_audience(std::string_view value) { return contains(kAudiences, value); }
bool is_known_contact_kind(std::string_view value) { return contains(kContactKinds, value); }
bool is_known_event_kind(std::string_view value) { return contains(kEventKinds, value); }

std::optional<HolidayRule> parse_holiday_rule(std::string_view text) {
    if (text == "closed") return HolidayRule::Closed;
    if (text == "as_sunday") return HolidayRule::AsSunday;
    if (text == "normal") return HolidayRule::Normal;
    return std::nullopt;
}

std::string_view holiday_rule_name(HolidayRule rule) {
    switch (rule) {
        case HolidayRule::Closed: return "closed";
        case HolidayRule::AsSunday: return "as_sunday";
        case HolidayRule::Normal: return "normal";
    }
    return "normal";
}

}  // namespace faltstod::content
