// Fuzz target: the personal-data guard (personal_data_guard.hpp) on any text, valid UTF-8 or
// not. Its contract: findings in order, never overlapping, inside the text; a sentence for each
// that never repeats the matched text (it may be logged or shown on a server).
#include "consultation_record.hpp"
#include "fuzz_check.hpp"
#include "personal_data_guard.hpp"

using faltstod::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace protocol = faltstod::protocol;
    const auto text = faltstod::fuzz::as_text(data, size);
    const auto findings = protocol::find_personal_data(text);
    std::size_t end_of_previous = 0;
    for (const auto& finding : findings) {
        check(finding.length > 0, "an empty finding");
        check(finding.offset <= text.size() && finding.length <= text.size() - finding.offset, "a finding beyond the text");
        check(finding.offset >= end_of_previous, "findings overlap or are out of order");
        end_of_previous = finding.offset + finding.length;
        const auto matched = text.substr(finding.offset, finding.length);
        for (const std::string language : {"sv", "en"}) {
            const auto sentence = protocol::describe_finding(finding, text, language);
            check(!sentence.empty(), "a finding without a sentence");
            check(matched.size() < 6 || sentence.find(matched) == std::string::npos, "the sentence repeats the personal data");
        }
        check(protocol::kind_name(finding.kind) != nullptr, "a kind without a name");
    }
    // A note with a finding can never be saved.
    if (!findings.empty())
        for (const std::string language : {"sv", "en"})
            check(!protocol::note_problem(text, language).empty(), "a note with personal data may be saved");
    return 0;
}
