// E-mail addresses on the normalised text; see guard_scanners.hpp. Not RFC 5322: the point is
// to catch addresses as people type them, including the ways of writing one so that software
// does not see it: "namn(at)exempel.se", "namn [at] exempel punkt se", "namn @ exempel.se",
// "namn snabel-a exempel.se".
#include "guard_characters.hpp"
#include "guard_scanners.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace faltstod::protocol::guard {

namespace {

constexpr std::size_t kNone = std::string_view::npos;

bool is_local_part_char(char32_t c) {
    return is_letter(c) || (c >= U'0' && c <= U'9') || c == U'.' || c == U'_' || c == U'%' || c == U'+' || c == U'-';
}

bool is_domain_char(char32_t c) { return is_letter(c) || (c >= U'0' && c <= U'9') || c == U'-'; }

// Case-insensitive (ASCII) comparison of the bytes at `i` with `word` (lower case).
bool ascii_word_at(std::string_view text, std::size_t i, std::string_view word) {
    if (i + word.size() > text.size()) return false;
    for (std::size_t k = 0; k < word.size(); ++k) {
        char c = text[i + k];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != word[k]) return false;
    }
    return true;
}

// A word of `text` at `i` that is exactly `word`: no letter right before or after it.
bool whole_word_at(std::string_view text, std::size_t i, std::string_view word) {
    if (!ascii_word_at(text, i, word)) return false;
    if (i > 0 && letter_at(text, previous_code_point(text, i))) return false;
    return !letter_at(text, i + word.size());
}

struct Marker {
    std::size_t begin;
    std::size_t end;
};

// "(at)", "[at]", "{at}", "<at>", and the same around "dot" or "punkt".
std::optional<Marker> bracketed_word_at(std::string_view text, std::size_t i, std::initializer_list<std::string_view> words) {
    static constexpr std::array<std::pair<char, char>, 4> kBrackets = {{{'(', ')'}, {'[', ']'}, {'{', '}'}, {'<', '>'}}};
    for (const auto& [open, close] : kBrackets) {
        if (text[i] != open) continue;
        std::size_t pos = i + 1;
        if (pos < text.size() && text[pos] == ' ') ++pos;
        for (std::string_view word : words) {
            if (!ascii_word_at(text, pos, word)) continue;
            std::size_t end = pos + word.size();
            if (end < text.size() && text[end] == ' ') ++end;
            if (end < text.size() && text[end] == close) return Marker{i, end + 1};
        }
    }
    return std::nullopt;
}

// The at-sign, written or spelled, at `i`.
std::optional<Marker> at_marker_at(std::string_view text, std::size_t i) {
    if (text[i] == '@') return Marker{i, i + 1};
    if (const auto bracketed = bracketed_word_at(text, i, {"at", "snabel-a", "snabela"})) return bracketed;
    for (std::string_view word : {"snabel-a", "snabela"})
        if (whole_word_at(text, i, word)) return Marker{i, i + word.size()};
    return std::nullopt;
}

// The dot between two labels of the domain at `i`, written or spelled: ".", " . ", "(punkt)",
// "[dot]", " punkt ", " dot ". Returns where the next label starts, or kNone.
std::size_t after_dot_marker(std::string_view text, std::size_t i) {
    if (i >= text.size()) return kNone;
    if (text[i] == '.') return i + 1;
    std::size_t pos = i;
    const bool blank_before = text[pos] == ' ';
    if (blank_before) ++pos;
    if (pos >= text.size()) return kNone;
    if (blank_before && text[pos] == '.' && pos + 1 < text.size() && text[pos + 1] == ' ') return pos + 2;
    if (const auto bracketed = bracketed_word_at(text, pos, {"punkt", "dot"})) {
        const std::size_t end = bracketed->end;
        return end < text.size() && text[end] == ' ' ? end + 1 : end;
    }
    if (blank_before) {
        for (std::string_view word : {"punkt", "dot"}) {
            if (whole_word_at(text, pos, word) && pos + word.size() < text.size() && text[pos + word.size()] == ' ')
                return pos + word.size() + 1;
        }
    }
    return kNone;
}

// Start of the local part that ends at `end` (the at-marker, or a blank before it); `end`
// itself when there is none.
std::size_t local_part_start(std::string_view text, std::size_t end) {
    std::size_t start = end;
    while (start > 0) {
        const std::size_t previous = previous_code_point(text, start);
        const char32_t c = decode_at(text, previous).value;
        if (!is_local_part_char(c)) break;
        // Two dots in a row cannot be inside an address: they end the text before it ("…anna@").
        if (c == U'.' && start < text.size() && text[start] == '.') break;
        start = previous;
    }
    // Nor can a dot start an address; it ends the sentence before it.
    while (start < end && text[start] == '.') ++start;
    return start;
}

// End of the label (a run of domain characters) at `i`.
std::size_t label_end(std::string_view text, std::size_t i) {
    std::size_t pos = i;
    while (pos < text.size()) {
        const CodePoint cp = decode_at(text, pos);
        if (!is_domain_char(cp.value)) break;
        pos += cp.length;
    }
    return pos;
}

bool is_top_level_domain(std::string_view label) {
    return label.size() >= 2 &&
           std::all_of(label.begin(), label.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); });
}

struct Domain {
    std::size_t end;
    std::vector<std::string_view> labels;
};

// The domain that starts at `i`: at least two labels, the last a top-level domain of letters.
// A dot that no label follows ends the sentence, not the domain.
std::optional<Domain> read_domain(std::string_view text, std::size_t i) {
    Domain domain{i, {}};
    std::size_t pos = i;
    while (true) {
        const std::size_t end = label_end(text, pos);
        if (end == pos) break;
        domain.labels.push_back(text.substr(pos, end - pos));
        domain.end = end;
        const std::size_t next = after_dot_marker(text, end);
        if (next == kNone || label_end(text, next) == next) break;
        pos = next;
    }
    if (domain.labels.size() < 2 || !is_top_level_domain(domain.labels.back())) return std::nullopt;
    return domain;
}

std::string lower_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

}  // namespace

std::vector<Candidate> find_emails(std::string_view text, const PublishedContacts* published) {
    std::vector<Candidate> findings;
    std::size_t i = 0;
    while (i < text.size()) {
        const auto marker = at_marker_at(text, i);
        if (!marker) {
            ++i;
            continue;
        }
        // One blank may stand between the local part and the marker, and between it and the domain.
        const std::size_t local_end = marker->begin > 0 && text[marker->begin - 1] == ' ' ? marker->begin - 1 : marker->begin;
        const std::size_t start = local_part_start(text, local_end);
        const std::size_t domain_start = marker->end < text.size() && text[marker->end] == ' ' ? marker->end + 1 : marker->end;
        const auto domain = start < local_end ? read_domain(text, domain_start) : std::nullopt;
        if (!domain) {
            i = marker->end;
            continue;
        }
        std::string canonical = lower_ascii(text.substr(start, local_end - start)) + "@";
        for (std::size_t k = 0; k < domain->labels.size(); ++k) canonical += (k ? "." : "") + lower_ascii(domain->labels[k]);
        const bool listed = published != nullptr && published->lists_email(canonical);
        findings.push_back({PersonalDataKind::Email, start, domain->end - start, listed});
        i = domain->end;
    }
    return findings;
}

}  // namespace faltstod::protocol::guard
