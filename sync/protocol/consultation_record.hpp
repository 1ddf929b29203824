// The anonymous consultation log as it travels from a device to the server. It is anonymous
// by construction: every field but one is a date, a code or a choice from a fixed list, so no
// name, personnummer, address, phone number or e-mail can be written into them. The one free
// text, an optional short note, passes the personal-data guard (personal_data_guard.hpp) on
// the device before it is saved and again on the server before it is stored. Both sides
// validate with the same function, each with its own rules (consultation_rules.hpp: the window
// of dates, the device's county, the contact details the published content lists).
#pragma once

#include "consultation_rules.hpp"

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

// Parses and checks a record's "data" object under `rules`. On failure returns nullopt and sets
// `reason` to a sentence in `language` ("sv" or "en") that says what is wrong. The sentence
// never repeats a value or a field name the device sent (either could be personal data typed
// into the wrong place): it names only the protocol's own fields and values. A note with
// personal data is refused with the guard's sentence, naming the kind and the positions.
std::optional<ConsultationRecord> parse_consultation(const nlohmann::json& data, const ConsultationRules& rules, std::string& reason,
                                                     const std::string& language = "en");

// Empty when `record` may be saved under `rules`; else the sentence that says why not.
std::string consultation_problem(const ConsultationRecord& record, const ConsultationRules& rules, const std::string& language);

// Empty when `note` may be saved; else the sentence that says what to remove (or that it is
// too long), in `language`. Numbers and addresses `published` lists may stay.
std::string note_problem(std::string_view note, const std::string& language, const PublishedContacts* published = nullptr);

nlohmann::json to_json(const ConsultationRecord& record);

}  // namespace faltstod::protocol
