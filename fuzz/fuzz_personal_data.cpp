// Fuzz target: the personal-data guard (personal_data_guard.hpp) and its normalisation step
// (guard_normaliser.hpp) on any text, valid UTF-8 or not. The contract: findings in order,
// never overlapping, inside the text; a sentence for each that never repeats the matched text
// (it may be logged or shown on a server); a normalised text whose every byte maps back into
// the original, in order. And the invariant of the normalisation: variants of the text that
// normalise alike — its ASCII digits written in another script, its blanks as other spaces, its
// dashes as other dashes, invisible characters between two ASCII characters — get the same
// findings, of the same kinds, as the text itself.
#include "consultation_record.hpp"
#include "fuzz_check.hpp"
#include "guard_normaliser.hpp"
#include "personal_data_guard.hpp"

#include <array>
#include <string>
#include <vector>

using faltstod::fuzz::check;

namespace {

namespace protocol = faltstod::protocol;

// Zero (as UTF-8) of decimal digit scripts whose digits follow 0 in code point order.
constexpr std::array<char32_t, 7> kZeros = {U'0', 0x0660 /* Arabic-Indic */, 0x06F0 /* Eastern Arabic-Indic */,
                                            0x0966 /* Devanagari */,         0xFF10 /* full-width */,
                                            0x1D7CE /* mathematical bold */, 0x09E6 /* Bengali */};
constexpr std::array<char32_t, 4> kSpaces = {U' ', 0x00A0, 0x2007, 0x3000};
constexpr std::array<char32_t, 5> kDashes = {U'-', 0x2010, 0x2013, 0x2212, 0xFF0D};
constexpr std::array<char32_t, 3> kInvisible = {0x200B, 0x00AD, 0x2060};

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

bool is_ascii(char c) { return static_cast<unsigned char>(c) < 0x80; }

// A variant chosen by `seed`: every ASCII digit, space and '-' rewritten, and an invisible
// character between some pairs of ASCII characters (never next to a non-ASCII byte, where it
// could come between a letter and its combining mark).
std::string variant(std::string_view text, unsigned seed) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        seed = seed * 1103515245u + 12345u;
        const unsigned pick = seed >> 16;
        const char c = text[i];
        if (c >= '0' && c <= '9') append_utf8(out, kZeros[pick % kZeros.size()] + static_cast<char32_t>(c - '0'));
        else if (c == ' ') append_utf8(out, kSpaces[pick % kSpaces.size()]);
        else if (c == '-') append_utf8(out, kDashes[pick % kDashes.size()]);
        else out += c;
        if (is_ascii(c) && i + 1 < text.size() && is_ascii(text[i + 1]) && c != '\n' && text[i + 1] != '\n' && pick % 7 == 0)
            append_utf8(out, kInvisible[pick % kInvisible.size()]);
    }
    return out;
}

std::vector<protocol::PersonalDataKind> kinds(const std::vector<protocol::PersonalDataFinding>& findings) {
    std::vector<protocol::PersonalDataKind> out;
    for (const auto& f : findings) out.push_back(f.kind);
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto text = faltstod::fuzz::as_text(data, size);

    const auto normalised = protocol::normalise_for_guard(text);
    check(normalised.origin_begin.size() == normalised.text.size() && normalised.origin_end.size() == normalised.text.size(),
          "a normalised byte without an origin");
    for (std::size_t k = 0; k < normalised.text.size(); ++k) {
        check(normalised.origin_begin[k] < normalised.origin_end[k] && normalised.origin_end[k] <= text.size(),
              "a normalised byte maps outside the text");
        check(k == 0 || normalised.origin_begin[k] >= normalised.origin_begin[k - 1], "the map goes backwards");
    }

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

    // Variants that normalise alike are judged alike (bounded, so long inputs stay fast).
    if (size <= 512) {
        for (unsigned seed : {1u, 2u, 3u}) {
            const std::string other = variant(text, seed + static_cast<unsigned>(size));
            check(protocol::normalise_for_guard(other).text == normalised.text, "a variant normalises differently");
            check(kinds(protocol::find_personal_data(other)) == kinds(findings), "a variant gets other findings");
        }
    }
    return 0;
}
