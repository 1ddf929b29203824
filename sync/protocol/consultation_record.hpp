// The anonymous consultation log as it travels from a device to the server. It is anonymous
// by construction: every field is a date, a code or a choice from a fixed list, and there is
// no free text anywhere, so no name, personnummer, address, phone number or e-mail can be
// written into it. Both sides validate with the same function.
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
};

// The allowed values, for forms and docs.
const std::vector<std::string_view>& professions();
const std::vector<std::string_view>& age_bands();
const std::vector<std::string_view>& channels();
const std::vector<std::string_view>& outcomes();
const std::vector<std::string_view>& county_codes();

// Parses and checks a record's "data" object. On failure returns nullopt and sets `reason`
// to a sentence that says what is wrong (it never repeats the offending value, which could
// be personal data typed into the wrong place).
std::optional<ConsultationRecord> parse_consultation(const nlohmann::json& data, std::string& reason);

nlohmann::json to_json(const ConsultationRecord& record);

}  // namespace faltstod::protocol
