// Fuzz target: the bundle's small value formats (value_formats.hpp): dates, times of day,
// weekdays, slugs, vocabularies and holiday rules. None may throw, and what is parsed must
// format back to something that parses to the same value.
#include "fuzz_check.hpp"
#include "value_formats.hpp"

using faltstod::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace content = faltstod::content;
    const auto text = faltstod::fuzz::as_text(data, size);

    if (content::is_valid_date(text)) check(text.size() == 10, "a date that is not YYYY-MM-DD");
    for (const bool end_of_day : {false, true}) {
        if (const auto minutes = content::parse_time_of_day(text, end_of_day)) {
            check(*minutes >= 0 && *minutes <= (end_of_day ? 1440 : 1439), "a time out of range");
            check(content::parse_time_of_day(content::format_time_of_day(*minutes), end_of_day) == minutes,
                  "a time does not survive formatting");
        }
    }
    if (const auto weekday = content::parse_weekday(text)) {
        check(*weekday >= 0 && *weekday <= 6, "a weekday out of range");
        check(content::parse_weekday(content::weekday_name(*weekday)) == weekday, "a weekday does not survive naming");
    }
    if (content::is_slug(text)) check(!text.empty() && text.front() != '-' && text.back() != '-', "a slug with an edge hyphen");
    (void)content::is_known_audience(text);
    (void)content::is_known_contact_kind(text);
    (void)content::is_known_event_kind(text);
    if (const auto rule = content::parse_holiday_rule(text))
        check(content::parse_holiday_rule(content::holiday_rule_name(*rule)) == rule, "a holiday rule does not survive naming");
    return 0;
}
