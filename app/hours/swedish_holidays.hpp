// Swedish public holidays (lag 1989:253) and the eves that many services treat like them,
// computed for any year. No I/O, no time zones: dates are civil dates in Sweden.
#pragma once

#include <chrono>
#include <string_view>

namespace faltstod::hours {

enum class DayKind {
    Ordinary,
    PublicHoliday,  // röd dag: nyårsdagen, trettondedag jul, långfredagen, påskdagen, annandag påsk,
                    // första maj, Kristi himmelsfärdsdag, pingstdagen, nationaldagen, midsommardagen,
                    // alla helgons dag, juldagen, annandag jul
    HolidayEve,     // midsommarafton, julafton, nyårsafton: treated like holidays by many services
};

std::chrono::year_month_day easter_sunday(std::chrono::year year);

// The kind of day, and for holidays and eves their Swedish name (empty for ordinary days).
DayKind day_kind(std::chrono::year_month_day date, std::string_view* name = nullptr);

}  // namespace faltstod::hours
