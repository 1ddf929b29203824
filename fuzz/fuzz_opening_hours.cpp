// Fuzz target: an opening-hours object as the bundle writes it for contacts and support lines
// (opening_hours_json.cpp). Bad hours never throw; hours read without errors hold only real
// weekdays, times within the day and real dates.
#include "fuzz_check.hpp"
#include "json_file.hpp"
#include "opening_hours_json.hpp"
#include "value_formats.hpp"

using faltstod::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace content = faltstod::content;
    std::vector<content::ValidationError> errors;
    content::JsonFile file("hours.json", errors);
    if (!file.parse(faltstod::fuzz::as_text(data, size))) {
        check(!errors.empty(), "a syntax error was not reported");
        return 0;
    }
    const auto hours = content::read_opening_hours(file, file.root(), "");
    for (const auto& error : errors) check(error.file == "hours.json" && error.line >= 0, "a misplaced error");
    if (!errors.empty()) return 0;
    for (const auto& range : hours.weekly) {
        check(range.weekday >= 0 && range.weekday <= 6, "a weekday out of range");
        check(range.open >= 0 && range.open < 1440, "an opening time out of range");
        check(range.close >= 0 && range.close <= 1440, "a closing time out of range");
    }
    for (const auto& exception : hours.exceptions) {
        check(content::is_valid_date(exception.date), "an exception on a date that does not exist");
        if (!exception.closed)
            check(exception.open >= 0 && exception.open <= 1440 && exception.close >= 0 && exception.close <= 1440,
                  "an exception's time out of range");
    }
    return 0;
}
