// Street addresses on the normalised text; see guard_scanners.hpp.
//
// A word ending in a Swedish street suffix (…gatan, …vägen, …gränd, …torget, …), then a house
// number of 1–4 digits with an optional letter ("Drottninggatan 5B"), and a flat number after
// it when there is one. Also: the number glued to the name ("Storgatan12B"), "nr" before the
// number ("Storgatan nr 12"), and the abbreviations people write ("Storg. 12", "Sveav. 44",
// "Storgat. 3"). A decomposed "ä" was composed by the normalisation. Without a number a street
// name does not point at a home ("ute på gatan", "Storgatan"), so it passes.
#include "guard_characters.hpp"
#include "guard_scanners.hpp"

#include <array>
#include <optional>

namespace faltstod::protocol::guard {

namespace {

constexpr std::size_t kNone = std::string_view::npos;

struct StreetSuffix {
    std::u32string_view text;  // lower case
    // Suffixes that also end everyday nouns (vårdplan, arbetsplatsen, ingången) only count in a
    // capitalised word, since street names are proper nouns and those nouns usually are not.
    bool needs_capital;
};

constexpr std::array<StreetSuffix, 16> kStreetSuffixes = {{
    {U"gatan", false},
    {U"gata", false},
    {U"vägen", false},
    {U"väg", false},
    {U"gränden", false},
    {U"gränd", false},
    {U"stigen", false},
    {U"allén", false},
    {U"torget", false},
    {U"backen", false},
    {U"leden", false},
    {U"promenaden", false},
    {U"esplanaden", false},
    {U"platsen", true},
    {U"plan", true},
    {U"gången", true},
}};

// The end of an abbreviated street name, before its dot: "Storg." and "Storgat." for …gatan,
// "Sveav." for …vägen.
constexpr std::array<std::u32string_view, 3> kAbbreviations = {U"g", U"gat", U"v"};
// Words that end like an abbreviation but are not streets ("Tisdag.", "Anmälning.", "Ung.").
constexpr std::array<std::u32string_view, 6> kNotAbbreviations = {U"dag", U"ing", U"ung", U"berg", U"borg", U"lag"};
constexpr std::size_t kShortestAbbreviatedName = 5;  // "Storg"; "Ang." (angående) and "Avg." are not streets

struct Word {
    std::size_t begin;
    std::size_t end;
    std::u32string folded;  // lower case, for comparing with the suffixes
    bool capitalised;
};

// The maximal run of letters at `i`, which is a letter.
Word read_word(std::string_view text, std::size_t i) {
    Word word{i, i, {}, is_upper(decode_at(text, i).value)};
    while (word.end < text.size()) {
        const CodePoint cp = decode_at(text, word.end);
        if (!is_letter(cp.value)) break;
        word.folded.push_back(to_lower(cp.value));
        word.end += cp.length;
    }
    return word;
}

const StreetSuffix* street_suffix_of(const Word& word) {
    for (const StreetSuffix& suffix : kStreetSuffixes) {
        if (word.folded.ends_with(suffix.text)) return &suffix;
    }
    return nullptr;
}

bool is_abbreviated_street(const Word& word) {
    if (!word.capitalised || word.folded.size() < kShortestAbbreviatedName) return false;
    for (auto ending : kNotAbbreviations)
        if (word.folded.ends_with(ending)) return false;
    for (auto ending : kAbbreviations)
        if (word.folded.ends_with(ending)) return true;
    return false;
}

std::size_t blank_run(std::string_view text, std::size_t i) {
    std::size_t pos = i;
    while (pos < text.size() && text[pos] == ' ') ++pos;
    return pos - i;
}

// End of the house number at `i`, or kNone: 1–4 digits not followed by another digit, and an
// optional house letter when it stands alone ("5B", not the start of a word as in "5tal").
std::size_t house_number_end(std::string_view text, std::size_t i) {
    const std::size_t digits = digit_run(text, i);
    if (digits < 1 || digits > 4) return kNone;
    const std::size_t end = i + digits;
    if (letter_at(text, end)) {
        const std::size_t after_letter = end + decode_at(text, end).length;
        if (!letter_at(text, after_letter)) return after_letter;
    }
    return end;
}

// Case-insensitive (ASCII) comparison of the bytes at `i` with `word`.
bool ascii_word_at(std::string_view text, std::size_t i, std::string_view word) {
    if (i + word.size() > text.size()) return false;
    for (std::size_t k = 0; k < word.size(); ++k) {
        char c = text[i + k];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != word[k]) return false;
    }
    return true;
}

// Past "nr", "nr.", "n:r", "no.", "nummer" and the blank after it, when one stands at `i`.
std::size_t after_number_word(std::string_view text, std::size_t i) {
    for (std::string_view word : {"nummer", "n:r", "nr", "no"}) {
        if (!ascii_word_at(text, i, word)) continue;
        std::size_t pos = i + word.size();
        if (letter_at(text, pos)) continue;
        if (pos < text.size() && text[pos] == '.') ++pos;
        if (word == "no" && text[pos - 1] != '.') continue;  // "no" alone is an English word
        return pos + blank_run(text, pos);
    }
    return i;
}

// A flat number after the house number ("Kungsvägen 3 lgh 1102") belongs to the address and
// narrows it to one home, so the finding covers it. Returns the end of the flat number, or `i`.
std::size_t flat_number_end(std::string_view text, std::size_t i) {
    std::size_t pos = i;
    if (pos < text.size() && text[pos] == ',') ++pos;
    const std::size_t gap = blank_run(text, pos);
    if (gap == 0) return i;
    pos += gap;
    if (ascii_word_at(text, pos, "lgh")) {
        pos += 3;
        if (pos < text.size() && text[pos] == '.') ++pos;
    } else if (ascii_word_at(text, pos, "lägenhet")) {  // folds only the ASCII letters; fine here
        pos += std::string_view("lägenhet").size();
    } else {
        return i;
    }
    const std::size_t gap_before_number = blank_run(text, pos);
    if (gap_before_number == 0 || digit_run(text, pos + gap_before_number) != 4) return i;
    return pos + gap_before_number + 4;
}

// True when only blanks stand between the two words.
bool blank_between(std::string_view text, const Word& first, const Word& second) {
    const std::size_t gap = second.begin - first.end;
    return gap > 0 && blank_run(text, first.end) == gap;
}

// Where the house number after a street word starts: after blanks and an optional "nr", or
// right after the word when it is glued on. kNone when no number follows.
std::size_t house_number_start(std::string_view text, std::size_t after_word, bool glued_allowed) {
    const std::size_t gap = blank_run(text, after_word);
    if (gap == 0) return glued_allowed && digit_at(text, after_word) ? after_word : kNone;
    const std::size_t pos = after_number_word(text, after_word + gap);
    return digit_at(text, pos) ? pos : kNone;
}

// The street address that `word` names, if it is followed by a house number. `previous` is the
// word before it, for names in two words.
std::optional<Candidate> street_address_at(std::string_view text, const Word& word, const std::optional<Word>& previous) {
    std::size_t begin = word.begin;
    std::size_t number = kNone;
    if (const StreetSuffix* suffix = street_suffix_of(word)) {
        const bool suffix_alone = word.folded.size() == suffix->text.size();
        if (suffix_alone) {
            // The suffix alone ("gången", "torget") is a common noun ("på gatan 3 gånger") unless a
            // capitalised word names it: "Långa gången 2", "Stora torget 3".
            if (!previous || !previous->capitalised || !blank_between(text, *previous, word)) return std::nullopt;
            begin = previous->begin;
        } else if (suffix->needs_capital && !word.capitalised) {
            return std::nullopt;
        }
        // "Storgatan12B": glued on only to a whole street name, never to the suffix alone.
        number = house_number_start(text, word.end, !suffix_alone);
    } else if (is_abbreviated_street(word) && word.end < text.size() && text[word.end] == '.') {
        number = house_number_start(text, word.end + 1, true);
    }
    if (number == kNone) return std::nullopt;
    std::size_t end = house_number_end(text, number);
    if (end == kNone) return std::nullopt;
    end = flat_number_end(text, end);
    return Candidate{PersonalDataKind::StreetAddress, begin, end - begin};
}

}  // namespace

std::vector<Candidate> find_street_addresses(std::string_view text) {
    std::vector<Candidate> findings;
    std::optional<Word> previous;
    std::size_t i = 0;
    while (i < text.size()) {
        const CodePoint cp = decode_at(text, i);
        if (!is_letter(cp.value)) {
            i += cp.length;
            continue;
        }
        Word word = read_word(text, i);
        if (const auto finding = street_address_at(text, word, previous)) findings.push_back(*finding);
        i = word.end;
        previous = std::move(word);
    }
    return findings;
}

}  // namespace faltstod::protocol::guard
