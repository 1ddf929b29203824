// The consultation log form: labels for every allowed value, what is missing, the record made.
#include "consultation_form.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace faltstod;
using namespace std::chrono;

namespace {

const sys_days kToday = sys_days(year_month_day(year(2026), month(11), day(24)));

// Every value the protocol accepts has exactly one label, and no label offers a value it refuses.
void check_covers(const std::vector<app::FormChoice>& choices, const std::vector<std::string_view>& allowed) {
    CHECK(choices.size() == allowed.size());
    for (const auto value : allowed) {
        CHECK_MESSAGE(std::count_if(choices.begin(), choices.end(), [&](const auto& c) { return c.value == value; }) == 1, value);
    }
}

app::ConsultationForm filled() {
    auto form = app::new_form(kToday, std::nullopt);
    form.county = "05";
    form.profession = "skola";
    form.topics = {"konsstympning", "hrv"};
    form.age_band = "child";
    form.channel = "phone";
    form.outcome = "joint_planning";
    return form;
}

}  // namespace

TEST_CASE("the form offers every choice the protocol allows, and only those") {
    check_covers(app::topic_choices(), protocol::consultation_topics());
    check_covers(app::profession_choices(), protocol::professions());
    check_covers(app::age_band_choices(), protocol::age_bands());
    check_covers(app::channel_choices(), protocol::channels());
    check_covers(app::outcome_choices(), protocol::outcomes());
}

TEST_CASE("a new form is dated today and takes the device's county") {
    const auto form = app::new_form(kToday, std::string("12"));
    CHECK(form.date == "2026-11-24");
    CHECK(form.county == "12");
    CHECK(app::new_form(kToday, std::nullopt).county.empty());
}

TEST_CASE("missing choices are listed in the form's order") {
    const auto missing = app::missing_fields(app::new_form(kToday, std::nullopt), kToday);
    REQUIRE(missing.size() == 6);
    CHECK(std::string(missing.front().message) == "Välj län.");
    CHECK(missing.front().field == app::FormField::County);
    CHECK(std::string(missing.back().message) == "Välj utfall.");
    CHECK(missing.back().field == app::FormField::Outcome);
    CHECK(app::missing_fields(filled(), kToday).empty());
}

TEST_CASE("a date must be a real day, and not after today") {
    auto form = filled();
    form.date = "2026-02-30";
    CHECK(std::string(app::missing_fields(form, kToday).at(0).message) == "Skriv datumet som ÅÅÅÅ-MM-DD.");
    form.date = "2026-11-25";
    CHECK(std::string(app::missing_fields(form, kToday).at(0).message) == "Datumet kan inte ligga i framtiden.");
    CHECK(app::missing_fields(form, kToday).at(0).field == app::FormField::Date);
    form.date = "2026-11-23";
    CHECK(app::missing_fields(form, kToday).empty());
}

TEST_CASE("the note counter counts characters, not bytes") {
    CHECK(app::note_characters("") == 0);
    CHECK(app::note_characters("abc") == 3);
    CHECK(app::note_characters("åäö") == 3);  // six bytes
    CHECK(app::note_characters(std::string(200, 'x')) == protocol::kMaxNoteCharacters);
}

TEST_CASE("the record is valid for the protocol, topics in the form's order") {
    auto form = filled();
    form.note = "Frågade om stöd inför ett samtal med skolsköterskan.";
    const auto record = app::to_record(form);
    CHECK(record.topics == std::vector<std::string>{"hrv", "konsstympning"});
    std::string reason;
    const protocol::ConsultationRules rules{app::format_day(kToday), {}, std::nullopt, nullptr};
    const auto parsed = protocol::parse_consultation(protocol::to_json(record), rules, reason);
    INFO(reason);
    REQUIRE(parsed);
    CHECK(parsed->note == form.note);
}
