// The small value formats and vocabularies the bundle uses: dates, times of day, slugs,
// audiences and kinds. Shared by the loader and by anything that checks content later.
#pragma once

#include "content_model.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace faltstod::content {

// True for a real calendar date written YYYY-MM-DD (2026-02-30 is false).
bool is_valid_date(std::string_view text);

// "HH:MM" to minutes since midnight; 24:00 is accepted only when `allow_end_of_day`.
std::optional<MinuteOfDay> parse_time_of_day(std::string_view text, bool allow_end_of_day);
std::string format_time_of_day(MinuteOfDay minutes);

// 0 = mon … 6 = sun, or nullopt.
std::optional<int> parse_weekday(std::string_view name);
std::string_view weekday_name(int weekday);

// a-z, 0-9 and single hyphens, not starting or ending with a hyphen.
bool is_slug(std::string_view text);

bool is_known_audience(std::string_view value);
bool is_known_contact_kind(std::string_view value);
bool is_known_event_kind(std::string_view value);

std::optional<HolidayRule> parse_holiday_rule(std::string_view text);
std::string_view holiday_rule_name(HolidayRule rule);

}  // namespace faltstod::content
