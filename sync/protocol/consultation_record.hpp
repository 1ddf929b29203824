// The anonymous consultation log as it travels from a device to the server. It is anonymous
// by construction: every field but one is a date, a code or a choice from a fixed list, so no
// name, personnummer, address, phone number or e-mail can be written into them. The one free
// text, an optional short note, passes the personal-data guard (personal_data_guard.hpp) on
// the device before it is saved and again on the server before it is stored. Both sides
// validate with the same function.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace faltstod::protocol {

struct ConsultationRecord {
    std::string date;        // YYYY-MM-DD, the day of the consultation
    std::string county;      // SCB county code, "01" … "25"
    std::string profession;  // of the professional who asked
    std::vector<std::string> topics;
    std::string age_band;  // of the person the case is about
    std::string channel;
    std::string outcome;
    std::string note;  // optional, at most kMaxNoteCharacters, free of personal data
};

// A note is a reminder for the centre's follow-up ("ville veta mer om utreseförbud"), not a
// case file: short enough to read at a glance and to check by eye.
constexpr std::size_t kMaxNoteCharacters = 200;

// The allowed values, for forms and docs.
const std::vector<std::string_view>& professions();
// What the consultation was about: HRV in general, child marriage, forced marriage, FGM,
// abduction, protected identity, other. A fixed list, so a topic cannot carry a name either.
const std::vector<std::string_view>& consultation_topics();
const std::vector<std::string_view>& age_bands();
const std::vector<std::string_view>& channels();
const std::vector<std::string_view>& outcomes();
const std::vector<std::string_view>& county_codes();

// Parses and checks a record's "data" object. On failure returns nullopt and sets `reason`
// to a sentence that says what is wrong (it never repeats the offending value, which could
// be personal data typed into the wrong place). A note with personal data is refused with the
// guard's sentence, in `language` ("sv" or "en"), naming the kind and the character positions.
std::optional<ConsultationRecord> parse_consultation(const nlohmann::json& data, std::string& reason,
                                                     const std::string& language = "en");

// Empty when `note` may be saved; else the sentence that says what to remove (or that it is
// too long), in `language`.
std::string note_problem(std::string_view note, const std::string& language);

nlohmann::json to_json(const ConsultationRecord& record);

}  // namespace faltstod::protocol
