// Fuzz target: a pushed consultation record's "data" object (protocol::parse_consultation), the
// check both the kiosk and the server run on every log, with fixed rules (today 2026-12-01, the
// default window, a device of county 05 and one of any county) so a replay always judges alike.
// It must never throw, must say why it refuses, must never repeat a refused note or a field
// name it does not know in its reason, and what it accepts must survive to_json and a second
// parse unchanged (the server hashes to_json to spot duplicates).
#include "consultation_record.hpp"
#include "fuzz_check.hpp"

#include <nlohmann/json.hpp>

using faltstod::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto input = nlohmann::json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
    if (input.is_discarded()) return 0;
    faltstod::protocol::ConsultationRules any_county{"2026-12-01", {}, std::nullopt, nullptr};
    faltstod::protocol::ConsultationRules county_05 = any_county;
    county_05.device_county = "05";
    for (const auto& rules : {any_county, county_05})
    for (const std::string language : {"sv", "en"}) {
        std::string reason;
        const auto record = faltstod::protocol::parse_consultation(input, rules, reason, language);
        if (!record) {
            check(!reason.empty(), "a refused record has no reason");
            if (input.is_object()) {
                for (const auto& [key, value] : input.items()) {
                    static const std::string kKnown = "date county profession topics age_band channel outcome note";
                    if (key.size() >= 6 && kKnown.find(key) == std::string::npos)
                        check(reason.find(key) == std::string::npos, "the reason repeats a field name the device sent");
                }
            }
            const auto note = input.is_object() ? input.find("note") : input.end();
            if (input.is_object() && note != input.end() && note->is_string()) {
                const auto& text = note->get_ref<const std::string&>();
                check(text.size() < 12 || reason.find(text) == std::string::npos, "the reason repeats the note");
            }
            continue;
        }
        check(record->note.size() <= 4 * faltstod::protocol::kMaxNoteCharacters, "an accepted note is too long");
        check(faltstod::protocol::note_problem(record->note, language).empty(), "an accepted note has a problem");
        check(!rules.device_county || record->county == *rules.device_county, "a record for another county was accepted");
        check(record->date >= "2025-11-01" && record->date <= "2026-12-02", "a date outside the window was accepted");
        const auto encoded = faltstod::protocol::to_json(*record);
        std::string again_reason;
        const auto again = faltstod::protocol::parse_consultation(encoded, rules, again_reason, language);
        check(again.has_value(), "to_json of an accepted record is refused");
        check(faltstod::protocol::to_json(*again) == encoded, "to_json does not survive a second parse");
    }
    return 0;
}
