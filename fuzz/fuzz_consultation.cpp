// Fuzz target: a pushed consultation record's "data" object (protocol::parse_consultation), the
// check both the kiosk and the server run on every log. It must never throw, must say why it
// refuses, must never repeat a refused note in its reason, and what it accepts must survive
// to_json and a second parse unchanged (the server hashes to_json to spot duplicates).
#include "consultation_record.hpp"
#include "fuzz_check.hpp"

#include <nlohmann/json.hpp>

using faltstod::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto input = nlohmann::json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
    if (input.is_discarded()) return 0;
    for (const std::string language : {"sv", "en"}) {
        std::string reason;
        const auto record = faltstod::protocol::parse_consultation(input, reason, language);
        if (!record) {
            check(!reason.empty(), "a refused record has no reason");
            const auto note = input.is_object() ? input.find("note") : input.end();
            if (input.is_object() && note != input.end() && note->is_string()) {
                const auto& text = note->get_ref<const std::string&>();
                check(text.size() < 12 || reason.find(text) == std::string::npos, "the reason repeats the note");
            }
            continue;
        }
        check(record->note.size() <= 4 * faltstod::protocol::kMaxNoteCharacters, "an accepted note is too long");
        check(faltstod::protocol::note_problem(record->note, language).empty(), "an accepted note has a problem");
        const auto encoded = faltstod::protocol::to_json(*record);
        std::string again_reason;
        const auto again = faltstod::protocol::parse_consultation(encoded, again_reason, language);
        check(again.has_value(), "to_json of an accepted record is refused");
        check(faltstod::protocol::to_json(*again) == encoded, "to_json does not survive a second parse");
    }
    return 0;
}
