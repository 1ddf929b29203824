// Validation and conversion of structured opening hours; see opening_hours_json.hpp.
#include "opening_hours_json.hpp"

#include "value_formats.hpp"

namespace faltstod::content {

namespace {

std::optional<MinuteOfDay> read_time(JsonFile& file, const nlohmann::json& object, const std::string& at,
                                     const char* key, bool allow_end_of_day) {
    const std::string text = file.required_string(object, at, key);
    if (text.empty()) return std::nullopt;
    auto minutes = parse_time_of_day(text, allow_end_of_day);
    if (!minutes) {
        file.error(JsonFile::child(at, key),
                   "'" + text + "' is not a time of day (HH:MM, 00:00–23:59" +
                       (allow_end_of_day ? std::string(", or 24:00 to close at midnight)") : std::string(")")));
    }
    return minutes;
}

}  // namespace

OpeningHours read_opening_hours(JsonFile& file, const nlohmann::json& value, const std::string& at) {
    OpeningHours hours;
    if (!file.expect_object(value, at)) return hours;
    file.allow_only(value, at, {"always_open", "weekly", "public_holidays", "exceptions", "note"});
    hours.always_open = file.optional_bool(value, at, "always_open", false);
    hours.note = file.localized(value, at, "note", false);

    if (auto rule = file.optional_string(value, at, "public_holidays")) {
        if (auto parsed = parse_holiday_rule(*rule)) hours.public_holidays = *parsed;
        else file.error(JsonFile::child(at, "public_holidays"), "'" + *rule + "' is not one of closed, as_sunday, normal");
    }

    if (const auto* weekly = file.array(value, at, "weekly", false)) {
        if (hours.always_open && !weekly->empty())
            file.error(JsonFile::child(at, "weekly"), "an always_open service has no weekly ranges");
        for (std::size_t i = 0; i < weekly->size(); ++i) {
            const std::string range_at = JsonFile::child(JsonFile::child(at, "weekly"), i);
            const auto& range = (*weekly)[i];
            if (!file.expect_object(range, range_at)) continue;
            file.allow_only(range, range_at, {"days", "open", "close"});
            const auto open = read_time(file, range, range_at, "open", false);
            const auto close = read_time(file, range, range_at, "close", true);
            const auto days = file.string_list(range, range_at, "days", true);
            if (days.empty() && range.contains("days")) file.error(JsonFile::child(range_at, "days"), "names no day");
            for (std::size_t d = 0; d < days.size(); ++d) {
                const auto weekday = parse_weekday(days[d]);
                if (!weekday) {
                    file.error(JsonFile::child(JsonFile::child(range_at, "days"), d),
                               "'" + days[d] + "' is not a day (mon tue wed thu fri sat sun)");
                    continue;
                }
                if (open && close) hours.weekly.push_back({*weekday, *open, *close});
            }
        }
    }

    if (const auto* exceptions = file.array(value, at, "exceptions", false)) {
        for (std::size_t i = 0; i < exceptions->size(); ++i) {
            const std::string ex_at = JsonFile::child(JsonFile::child(at, "exceptions"), i);
            const auto& item = (*exceptions)[i];
            if (!file.expect_object(item, ex_at)) continue;
            file.allow_only(item, ex_at, {"date", "closed", "open", "close", "note"});
            HoursException exception;
            exception.date = file.required_string(item, ex_at, "date");
            if (!exception.date.empty() && !is_valid_date(exception.date))
                file.error(JsonFile::child(ex_at, "date"), "'" + exception.date + "' is not a date (YYYY-MM-DD)");
            exception.closed = file.optional_bool(item, ex_at, "closed", false);
            exception.note = file.localized(item, ex_at, "note", false);
            const bool has_times = item.contains("open") || item.contains("close");
            if (exception.closed && has_times) {
                file.error(ex_at, "an exception is either closed or has open/close times, not both");
            } else if (!exception.closed) {
                if (!has_times) {
                    file.error(ex_at, "an exception needs \"closed\": true or an open/close pair");
                } else {
                    const auto open = read_time(file, item, ex_at, "open", false);
                    const auto close = read_time(file, item, ex_at, "close", true);
                    if (open) exception.open = *open;
                    if (close) exception.close = *close;
                }
            }
            hours.exceptions.push_back(exception);
        }
    }
    return hours;
}

}  // namespace faltstod::content
