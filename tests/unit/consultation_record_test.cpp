// The anonymous consultation record: fixed choices, and the one free-text field guarded.
#include "consultation_record.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <memory>

using namespace faltstod::protocol;

namespace {

// A fixed "today", so the window of dates is the same on every run.
const ConsultationRules kRules{"2026-11-30", {}, std::nullopt, nullptr};

nlohmann::json valid_record() {
    return {{"date", "2026-11-20"}, {"county", "05"},      {"profession", "skola"},       {"topics", {"barnaktenskap", "hrv"}},
            {"age_band", "youth"},  {"channel", "phone"}, {"outcome", "joint_planning"}};
}

std::optional<ConsultationRecord> parse_consultation(const nlohmann::json& data, std::string& reason, const std::string& language = "en") {
    return faltstod::protocol::parse_consultation(data, kRules, reason, language);
}

}  // namespace

TEST_CASE("a record of fixed choices passes and keeps no note when none was written") {
    std::string reason;
    const auto record = parse_consultation(valid_record(), reason);
    REQUIRE(record);
    CHECK(reason.empty());
    CHECK(record->outcome == "joint_planning");
    CHECK(record->note.empty());
    CHECK_FALSE(to_json(*record).contains("note"));  // same hash as before notes existed
}

TEST_CASE("every topic the form offers is accepted, and nothing else") {
    for (const auto topic : consultation_topics()) {
        auto data = valid_record();
        data["topics"] = {std::string(topic)};
        std::string reason;
        CHECK_MESSAGE(parse_consultation(data, reason), topic);
    }
    // A topic is a choice, not a place to type: a name written as a slug is refused, unrepeated.
    auto data = valid_record();
    data["topics"] = {"anna-svensson"};
    std::string reason;
    CHECK_FALSE(parse_consultation(data, reason));
    CHECK(reason.find("every topic must be one of") != std::string::npos);
    CHECK(reason.find("svensson") == std::string::npos);
}

TEST_CASE("a short note without personal data is kept and sent") {
    auto data = valid_record();
    data["note"] = "Frågade om utreseförbud enligt 31 d § LVU inför sommarlovet.";
    std::string reason;
    const auto record = parse_consultation(data, reason);
    REQUIRE(record);
    CHECK(record->note == data["note"]);
    CHECK(to_json(*record)["note"] == data["note"]);
}

TEST_CASE("a note with personal data is refused, naming the kind and where, never the value") {
    struct Case {
        const char* note;
        const char* sv_kind;
        const char* en_kind;
    };
    const Case cases[] = {
        {"Flickan har pnr 121212-1212 enligt skolan", "personnumret", "personal identity number"},
        {"Ring mamman på 070-123 45 67 i morgon", "telefonnumret", "phone number"},
        {"Svar till kurator.nilsson@skola.se", "e-postadressen", "e-mail address"},
        {"Familjen bor på Storgatan 12B", "gatuadressen", "street address"},
    };
    for (const auto& c : cases) {
        auto data = valid_record();
        data["note"] = c.note;
        std::string sv, en;
        CHECK_FALSE(parse_consultation(data, sv, "sv"));
        CHECK_FALSE(parse_consultation(data, en, "en"));
        CHECK_MESSAGE(sv.find(c.sv_kind) != std::string::npos, sv);
        CHECK_MESSAGE(en.find(c.en_kind) != std::string::npos, en);
        CHECK(sv.find("tecken") != std::string::npos);
        for (const char* secret : {"1212-1212", "123 45 67", "nilsson", "Storgatan"}) {
            CHECK(sv.find(secret) == std::string::npos);
            CHECK(en.find(secret) == std::string::npos);
        }
    }
}

TEST_CASE("note_problem counts characters, not bytes, and says how many places to fix") {
    CHECK(note_problem(std::string(kMaxNoteCharacters, 'a'), "sv").empty());
    CHECK(note_problem(std::string(kMaxNoteCharacters + 1, 'a'), "sv").find("högst 200 tecken") != std::string::npos);
    std::string swedish;
    for (std::size_t i = 0; i < kMaxNoteCharacters; ++i) swedish += "ö";  // two bytes each
    CHECK(note_problem(swedish, "en").empty());
    const auto two = note_problem("Ring 070-123 45 67 eller 08-123 456 78", "en");
    CHECK(two.find("2 places in all") != std::string::npos);
}

TEST_CASE("a note of the wrong type is refused") {
    auto data = valid_record();
    data["note"] = 42;
    std::string reason;
    CHECK_FALSE(parse_consultation(data, reason));
    CHECK(reason == "field 'note' must be a string");
}

TEST_CASE("a note with an invisible or control character is refused on both sides, with its position") {
    // The same function runs in the kiosk's form and in the server's push intake.
    const auto sv = note_problem("Samtal\u200b om resa", "sv");
    CHECK(sv.find("osynligt tecken") != std::string::npos);
    CHECK(sv.find("tecken 7") != std::string::npos);
    const auto en = note_problem("Åter\aigen", "en");
    CHECK(en.find("invisible or control character (character 5)") != std::string::npos);
    CHECK(note_problem("Samtal om resa.\nUppföljning nästa vecka.", "sv").empty());
}

// ---------------------------------------------------------------------------------------------
// Issue 18: the window of dates, the device's county, and reasons that repeat nothing sent.

TEST_CASE("the window of dates: 13 months back to tomorrow by default, clamped at the end of a month") {
    CHECK(allowed_dates("2026-11-30", {}).first == "2025-10-30");
    CHECK(allowed_dates("2026-11-30", {}).last == "2026-12-01");
    CHECK(allowed_dates("2026-03-31", {}).first == "2025-02-28");  // no 31 February
    CHECK(allowed_dates("2024-03-30", {1, 1}).first == "2024-02-29");
    CHECK(allowed_dates("2026-01-15", {13, 0}).last == "2026-01-15");
    CHECK(allowed_dates("2026-01-15", {120, 7}).first == "2016-01-15");
    CHECK(allowed_dates("2026-12-31", {}).last == "2027-01-01");
    // Out-of-range settings are clamped, never a window of nothing or of everything.
    CHECK(allowed_dates("2026-06-15", {0, -3}).first == "2026-05-15");
    CHECK(allowed_dates("2026-06-15", {0, -3}).last == "2026-06-15");
    CHECK(allowed_dates("2026-06-15", {100000, 99}).first == "2016-06-15");
}

TEST_CASE("a date outside the window is refused, generated around both edges and far away") {
    // Today 2026-11-30: the window is 2025-10-30 … 2026-12-01.
    struct Case {
        const char* date;
        bool accepted;
    };
    const Case cases[] = {
        {"2025-10-29", false}, {"2025-10-30", true}, {"2026-11-30", true}, {"2026-12-01", true}, {"2026-12-02", false},
        {"2099-12-31", false}, {"0001-01-01", false}, {"1985-01-01", false}, {"1900-01-15", false}, {"9999-12-31", false},
        {"2026-06-15", true},
    };
    for (const auto& c : cases) {
        auto data = valid_record();
        data["date"] = c.date;
        for (const char* language : {"sv", "en"}) {
            std::string reason;
            INFO(c.date << " " << language);
            CHECK(parse_consultation(data, reason, language).has_value() == c.accepted);
            if (!c.accepted) {
                CHECK(reason.find(std::string(language) == "en" ? "within the last 13 months" : "inom de senaste 13 månaderna") !=
                      std::string::npos);
                CHECK(reason.find("2025-10-30") != std::string::npos);  // says which dates would do
                CHECK(reason.find(c.date) == std::string::npos);       // never repeats the one sent
            }
        }
    }
    // Every day of the two years around today: accepted exactly inside the window.
    const auto range = allowed_dates("2026-11-30", {});
    for (int year : {2025, 2026, 2027}) {
        for (int month = 1; month <= 12; ++month) {
            for (int day = 1; day <= 28; day += 3) {
                char date[16];
                std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, day);
                auto data = valid_record();
                data["date"] = date;
                std::string reason;
                CHECK(parse_consultation(data, reason).has_value() == (date >= range.first && date <= range.last));
            }
        }
    }
}

TEST_CASE("a device enrolled for one county logs only for that county, on both sides alike") {
    ConsultationRules county_05 = kRules;
    county_05.device_county = "05";
    for (const auto code : county_codes()) {
        auto data = valid_record();
        data["county"] = std::string(code);
        std::string sv, en;
        const bool own = code == "05";
        CHECK(faltstod::protocol::parse_consultation(data, county_05, en, "en").has_value() == own);
        CHECK(faltstod::protocol::parse_consultation(data, county_05, sv, "sv").has_value() == own);
        if (!own) {
            CHECK(en.find("enrolled for county 05") != std::string::npos);
            CHECK(sv.find("registrerad för län 05") != std::string::npos);
        }
        // Without a county of its own, any county will do.
        std::string reason;
        CHECK(parse_consultation(data, reason).has_value());
    }
}

TEST_CASE("a reason never repeats a field name or a value the device sent") {
    const std::vector<std::string> personal = {"Fatima 850101-1236", "Storgatan 12", "anna@exempel.se", "070-123 45 67"};
    for (const auto& secret : personal) {
        for (const char* language : {"sv", "en"}) {
            // As an unknown field's name, as an unknown field's value, and as the value of every field.
            std::vector<nlohmann::json> sent;
            auto named = valid_record();
            named[secret] = "x";
            sent.push_back(named);
            auto valued = valid_record();
            valued["name"] = secret;
            sent.push_back(valued);
            for (const char* field : {"date", "county", "profession", "age_band", "channel", "outcome"}) {
                auto data = valid_record();
                data[field] = secret;
                sent.push_back(data);
            }
            auto topic = valid_record();
            topic["topics"] = {secret};
            sent.push_back(topic);
            auto note = valid_record();
            note["note"] = "Gäller " + secret;
            sent.push_back(note);
            for (const auto& data : sent) {
                std::string reason;
                INFO(data.dump());
                CHECK_FALSE(parse_consultation(data, reason, language));
                CHECK_FALSE(reason.empty());
                CHECK(reason.find(secret) == std::string::npos);
                CHECK(reason.find("850101") == std::string::npos);
                CHECK(reason.find("Storgatan") == std::string::npos);
                CHECK(reason.find("exempel") == std::string::npos);
                CHECK(reason.find("123 45") == std::string::npos);
            }
        }
    }
}

TEST_CASE("every reason comes in the language asked for") {
    auto future = valid_record();
    future["date"] = "2099-12-31";
    auto unknown = valid_record();
    unknown["x"] = 1;
    auto topics = valid_record();
    topics["topics"] = nlohmann::json::array();
    for (const auto& data : {future, unknown, topics}) {
        std::string sv, en;
        CHECK_FALSE(parse_consultation(data, sv, "sv"));
        CHECK_FALSE(parse_consultation(data, en, "en"));
        CHECK(sv != en);
    }
}

TEST_CASE("a number or address the published content lists may stand in a note, on both sides alike") {
    auto published = std::make_shared<PublishedContacts>();
    published->add_phone("020-50 50 50");      // Kvinnofridslinjen, as the content writes it
    published->add_phone("+46 8 123 456 78");  // a switchboard, international form
    published->add_email("Kontakt@Kvinnojouren.se");
    ConsultationRules rules = kRules;
    rules.published = published;
    for (const std::string note : {"Ring Kvinnofridslinjen 020-50 50 50", "Ring Kvinnofridslinjen 020 50 50 50 3 gånger",
                                   "Tipsade om 020-505050 och 08-123 456 78", "Mejla kontakt@kvinnojouren.se",
                                   "Ring ٠٢٠-٥٠ ٥٠ ٥٠", "växeln +46 (0)8-123 456 78"}) {
        auto data = valid_record();
        data["note"] = note;
        std::string reason;
        INFO(note << ": " << reason);
        CHECK(faltstod::protocol::parse_consultation(data, rules, reason, "sv").has_value());
        // Without the list, the same note is refused.
        CHECK_FALSE(parse_consultation(data, reason, "sv"));
    }
    // Anything else in the note is still refused, the listed number beside it or not.
    for (const std::string note : {"Ring Kvinnofridslinjen 020-50 50 50 eller mamma 070-123 45 67", "Mejla anna@kvinnojouren.se",
                                   "Ring 020-50 50 51"}) {
        auto data = valid_record();
        data["note"] = note;
        std::string reason;
        INFO(note);
        CHECK_FALSE(faltstod::protocol::parse_consultation(data, rules, reason, "sv"));
    }
}

TEST_CASE("consultation_problem says the same as parse_consultation, in the person's language") {
    ConsultationRecord record;
    record.date = "2099-12-31";
    record.county = "05";
    record.profession = "skola";
    record.topics = {"hrv"};
    record.age_band = "youth";
    record.channel = "phone";
    record.outcome = "other";
    CHECK(consultation_problem(record, kRules, "sv").find("datumet ska ligga inom") != std::string::npos);
    CHECK(consultation_problem(record, kRules, "en").find("the date must lie within") != std::string::npos);
    record.date = "2026-11-29";
    CHECK(consultation_problem(record, kRules, "sv").empty());
    record.note = "Ring 070-123 45 67";
    CHECK(consultation_problem(record, kRules, "sv").find("Ta bort telefonnumret") != std::string::npos);
}
