// The personal-data guard; see personal_data_guard.hpp. The text is normalised once
// (guard_normaliser.cpp); each kind has its own hand-written scanner over the normalised text
// (*_scanner.cpp: faster and easier to reason about than std::regex, and the rules need checks a
// regex cannot do: the Luhn digit, the calendar). The scanners may claim overlapping text;
// find_personal_data maps their findings back to the bytes the person wrote and keeps one
// finding per stretch of text.
#include "personal_data_guard.hpp"

#include "guard_characters.hpp"
#include "guard_normaliser.hpp"
#include "guard_scanners.hpp"

#include <algorithm>

namespace faltstod::protocol {

namespace {

using guard::Candidate;
using guard::code_points_before;

// Lower wins when two findings overlap. An e-mail address is removed whole, so it beats an
// identity number inside it; an identity number beats a phone number because a 10-digit run with
// a valid date and check digit is far more likely to be one, and it is the more sensitive datum.
int priority(PersonalDataKind kind) {
    switch (kind) {
        case PersonalDataKind::Email:
            return 0;
        case PersonalDataKind::PersonalIdentityNumber:
        case PersonalDataKind::CoordinationNumber:
            return 1;
        case PersonalDataKind::PhoneNumber:
            return 2;
        case PersonalDataKind::StreetAddress:
            return 3;
    }
    return 4;
}

bool overlap(const PersonalDataFinding& a, const PersonalDataFinding& b) {
    return a.offset < b.offset + b.length && b.offset < a.offset + a.length;
}

bool inside(const Candidate& inner, const Candidate& outer) {
    return inner.offset >= outer.offset && inner.offset + inner.length <= outer.offset + outer.length;
}

bool by_offset(const PersonalDataFinding& a, const PersonalDataFinding& b) { return a.offset < b.offset; }

// Keeps one finding per stretch of text, so the user is told once what to remove there.
std::vector<PersonalDataFinding> without_overlaps(std::vector<PersonalDataFinding> candidates) {
    std::stable_sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) {
        return priority(a.kind) != priority(b.kind) ? priority(a.kind) < priority(b.kind) : by_offset(a, b);
    });
    std::vector<PersonalDataFinding> kept;
    for (const auto& candidate : candidates) {
        const bool taken = std::any_of(kept.begin(), kept.end(), [&](const auto& k) { return overlap(k, candidate); });
        if (!taken) kept.push_back(candidate);
    }
    std::sort(kept.begin(), kept.end(), by_offset);
    return kept;
}

// The noun for the finding, in the definite form the sentences need.
const char* noun(PersonalDataKind kind, bool english) {
    switch (kind) {
        case PersonalDataKind::PersonalIdentityNumber:
            return english ? "the personal identity number" : "personnumret";
        case PersonalDataKind::CoordinationNumber:
            return english ? "the coordination number" : "samordningsnumret";
        case PersonalDataKind::PhoneNumber:
            return english ? "the phone number" : "telefonnumret";
        case PersonalDataKind::Email:
            return english ? "the e-mail address" : "e-postadressen";
        case PersonalDataKind::StreetAddress:
            return english ? "the street address" : "gatuadressen";
    }
    return english ? "the personal data" : "personuppgiften";
}

// "tecken 12–24" / "characters 12–24", or the singular for a one-character span.
std::string position_phrase(std::size_t first, std::size_t last, bool english) {
    if (first == last) return (english ? "character " : "tecken ") + std::to_string(first);
    return (english ? "characters " : "tecken ") + std::to_string(first) + "–" + std::to_string(last);
}

// Control characters other than tab and line breaks, and characters that show nothing: the
// soft hyphen, zero-width spaces and joiners, direction marks, the word joiner and the
// byte-order mark. Nobody types them into a note on purpose; they arrive by copy and paste, or
// to hide a number from this guard.
bool is_hidden_character(char32_t c) {
    if (c == U'\t' || c == U'\n' || c == U'\r') return false;
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xAD || c == 0x34F || c == 0x61C || c == 0x180E ||
           (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x206F) || c == 0xFEFF ||
           (c >= 0xFE00 && c <= 0xFE0F) || c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0 ||
           (c >= 0xE0000 && c <= 0xE0FFF);
}

}  // namespace

std::optional<std::size_t> find_hidden_character(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const auto cp = guard::decode_at(text, i);
        if (is_hidden_character(cp.value)) return i;
        i += cp.length;
    }
    return std::nullopt;
}

std::vector<PersonalDataFinding> find_personal_data(std::string_view text, const PublishedContacts* published) {
    const NormalisedText normalised = normalise_for_guard(text);
    std::vector<Candidate> candidates;
    const auto add = [&](const std::vector<Candidate>& found) { candidates.insert(candidates.end(), found.begin(), found.end()); };
    add(guard::find_emails(normalised.text, published));
    add(guard::find_identity_numbers(normalised.text));
    add(guard::find_phone_numbers(normalised.text, published));
    add(guard::find_street_addresses(normalised.text));

    std::vector<Candidate> listed;
    std::copy_if(candidates.begin(), candidates.end(), std::back_inserter(listed), [](const Candidate& c) { return c.published; });
    std::vector<PersonalDataFinding> findings;
    for (const Candidate& candidate : candidates) {
        if (candidate.published || candidate.length == 0) continue;
        // The digits of a listed number are that number, whatever else could read them.
        if (std::any_of(listed.begin(), listed.end(), [&](const Candidate& l) { return inside(candidate, l); })) continue;
        const auto span = normalised.original_span(candidate.offset, candidate.length);
        findings.push_back({candidate.kind, span.offset, span.length});
    }
    return without_overlaps(std::move(findings));
}

std::string describe_finding(const PersonalDataFinding& finding, std::string_view text, const std::string& language) {
    // Only the kind and the positions go into the sentence, never text from the note.
    const bool english = language == "en";
    const std::size_t first = code_points_before(text, finding.offset) + 1;
    const std::size_t last = std::max(first, code_points_before(text, finding.offset + finding.length));
    const std::string where = position_phrase(first, last, english);
    if (english) {
        return std::string("Remove ") + noun(finding.kind, true) + " (" + where + ") – the note must not contain personal data.";
    }
    return std::string("Ta bort ") + noun(finding.kind, false) + " (" + where + ") – anteckningen får inte innehålla personuppgifter.";
}

const char* kind_name(PersonalDataKind kind) {
    switch (kind) {
        case PersonalDataKind::PersonalIdentityNumber:
            return "personal_identity_number";
        case PersonalDataKind::CoordinationNumber:
            return "coordination_number";
        case PersonalDataKind::PhoneNumber:
            return "phone_number";
        case PersonalDataKind::Email:
            return "email";
        case PersonalDataKind::StreetAddress:
            return "street_address";
    }
    return "unknown";
}

}  // namespace faltstod::protocol
