// Home's "who do I call, now?" rows (app/call_now.hpp).
#include "call_now.hpp"
#include "i18n.hpp"

#include <doctest/doctest.h>

#include <date/tz.h>

using namespace faltstod;

namespace {

std::chrono::sys_seconds stockholm(int y, unsigned m, unsigned d, int hour, int minute) {
    const auto local = date::local_days{date::year{y} / date::month{m} / date::day{d}} + std::chrono::hours(hour) + std::chrono::minutes(minute);
    return std::chrono::floor<std::chrono::seconds>(date::make_zoned("Europe/Stockholm", local).get_sys_time());
}

content::OpeningHours office_hours() {  // Monday–Friday 08:00–16:00
    content::OpeningHours hours;
    for (int day = 0; day < 5; ++day) hours.weekly.push_back({day, 8 * 60, 16 * 60});
    return hours;
}

content::OpeningHours always() {
    content::OpeningHours hours;
    hours.always_open = true;
    return hours;
}

content::SupportLine line(const std::string& id, const std::string& number, content::OpeningHours hours) {
    content::SupportLine l;
    l.id = id;
    l.name = id;
    l.number = number;
    l.hours = std::move(hours);
    return l;
}

content::Contact contact(const std::string& id, const std::string& kind, std::optional<content::OpeningHours> hours) {
    content::Contact c;
    c.id = id;
    c.kind = kind;
    c.name = id;
    c.phone = "010-000 00 00";
    c.county_code = "12";
    c.hours = std::move(hours);
    return c;
}

std::vector<std::string> ids(const std::vector<app::CallNowRow>& rows) {
    std::vector<std::string> out;
    for (const auto& row : rows) out.push_back(row.id);
    return out;
}

const auto kMondayMorning = stockholm(2026, 11, 23, 10, 0);
const auto kSaturdayNight = stockholm(2026, 11, 28, 23, 0);

}  // namespace

TEST_CASE("112 comes first, also with no content and no county") {
    const auto rows = app::call_now({}, {}, kMondayMorning);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].kind == app::CallNowRow::Kind::Emergency);
    CHECK(rows[0].number == "112");
    CHECK(rows[0].state.open);
}

TEST_CASE("the county's resource centre, then its socialjour open ones first, then the professionals' line while open") {
    const std::vector<content::SupportLine> lines = {line("line/bris", "116 111", always()), line("line/112", "112", always()),
                                                     line(app::kProfessionalsLineId, "010-223 57 60", office_hours())};
    const std::vector<content::Contact> county = {
        contact("polisen", "polis", always()),
        contact("jour/dagtid", "socialjour", office_hours()),
        contact("jour/dygnet-runt", "socialjour", always()),
        contact("jour/tredje", "socialjour", always()),
        contact("resurscentrum", "resurscentrum", office_hours()),
    };
    auto rows = app::call_now(lines, county, kMondayMorning);
    CHECK(ids(rows) == std::vector<std::string>{"line/112", "resurscentrum", "jour/dagtid", "jour/dygnet-runt", app::kProfessionalsLineId});
    CHECK(rows[1].state.open);

    // Saturday night: the office-hours ones are closed; the socialjour open around the clock
    // comes first, and the professionals' line is left out until it opens.
    rows = app::call_now(lines, county, kSaturdayNight);
    CHECK(ids(rows) == std::vector<std::string>{"line/112", "resurscentrum", "jour/dygnet-runt", "jour/tredje"});
    CHECK_FALSE(rows[1].state.open);
    CHECK(rows[1].state.known);
    CHECK(rows[1].state.text.find("mån 08:00") != std::string::npos);  // when it opens next
    CHECK(rows.size() == 2 + app::kMostOnCallRows);
}

TEST_CASE("a contact with no hours is not said to be closed") {
    const auto rows = app::call_now({}, {contact("jour", "socialjour", std::nullopt)}, kMondayMorning);
    REQUIRE(rows.size() == 2);
    CHECK_FALSE(rows[1].state.known);
    CHECK(rows[1].state.text == "Öppettider okända");
}
