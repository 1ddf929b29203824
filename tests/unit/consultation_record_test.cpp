// The anonymous consultation record: fixed choices, and the one free-text field guarded.
#include "consultation_record.hpp"

#include <doctest/doctest.h>

using namespace faltstod::protocol;

namespace {

nlohmann::json valid_record() {
    return {{"date", "2026-11-20"}, {"county", "05"},      {"profession", "skola"},       {"topics", {"barnaktenskap", "hrv"}},
            {"age_band", "youth"},  {"channel", "phone"}, {"outcome", "joint_planning"}};
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
