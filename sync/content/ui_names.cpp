// Checks content's references to the kiosk's buttons and screens; see ui_names.hpp.
#include "ui_names.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <utility>

namespace faltstod::content {
namespace {

// Words after which a quoted name is a button, tab, screen or menu of the kiosk.
constexpr std::array<std::string_view, 8> kSvWords = {"knappen", "knapparna", "fliken", "skärmen", "sidan", "menyn", "vyn", "läget"};
constexpr std::array<std::string_view, 5> kEnWords = {"button", "tab", "screen", "menu", "view"};

// Opening and closing quotes editors use: ” ” (Swedish), “ ” (English), " ", « ».
struct Quote {
    std::string_view open, close;
};
constexpr std::array<Quote, 4> kQuotes = {{{"\u201d", "\u201d"}, {"\u201c", "\u201d"}, {"\"", "\""}, {"\u00ab", "\u00bb"}}};

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool known_name(std::string_view name, std::string_view language) {
    return std::any_of(kUiNames.begin(), kUiNames.end(), [&](const UiName& n) { return (language == "en" ? n.en : n.sv) == name; });
}

std::string names_in(std::string_view language) {
    std::string list;
    for (const auto& n : kUiNames) list += (list.empty() ? "" : ", ") + std::string(language == "en" ? n.en : n.sv);
    return list;
}

// A quoted name starting at `at` (just past optional spaces), or nothing.
std::optional<std::pair<std::size_t, std::string_view>> quoted_at(std::string_view text, std::size_t at) {
    for (const auto& q : kQuotes) {
        if (text.substr(at, q.open.size()) != q.open) continue;
        const std::size_t start = at + q.open.size();
        const std::size_t end = text.find(q.close, start);
        if (end == std::string_view::npos || end - start > 40) return std::nullopt;
        return std::pair{at, text.substr(start, end - start)};
    }
    return std::nullopt;
}

bool is_word_boundary(std::string_view text, std::size_t at) {
    if (at >= text.size()) return true;
    const unsigned char c = static_cast<unsigned char>(text[at]);
    return !(std::isalnum(c) || c >= 0x80);
}

}  // namespace

std::vector<UiNameProblem> ui_name_problems(std::string_view text, std::string_view language) {
    std::vector<UiNameProblem> problems;
    // Lower-cased ASCII letters only: å, ä, ö are compared as written, and the words are lower case.
    const std::string lower = lower_ascii(text);
    const auto report = [&](std::size_t offset, std::string_view name) {
        problems.push_back({offset, std::string(text.substr(offset, name.size() + 2)),
                            "names the kiosk's \"" + std::string(name) + "\", which it does not have (its buttons and screens: " +
                                names_in(language) + ")"});
    };
    const auto& words = language == "en" ? std::vector<std::string_view>(kEnWords.begin(), kEnWords.end())
                                         : std::vector<std::string_view>(kSvWords.begin(), kSvWords.end());
    for (const auto word : words) {
        for (std::size_t at = lower.find(word); at != std::string::npos; at = lower.find(word, at + 1)) {
            if (at > 0 && !is_word_boundary(lower, at - 1)) continue;
            const std::size_t after = at + word.size();
            if (!is_word_boundary(lower, after)) continue;
            // "knappen ”Snabbstäng”" / "the button “Quick exit”"
            std::size_t next = after;
            while (next < text.size() && text[next] == ' ') ++next;
            if (const auto quoted = quoted_at(text, next); quoted && !known_name(quoted->second, language)) report(quoted->first, quoted->second);
            // "the “Quick exit” button" / "”Snabbstäng”-knappen": the quote ends just before the word
            std::size_t before = at;
            if (before > 0 && (text[before - 1] == ' ' || text[before - 1] == '-')) --before;
            for (const auto& q : kQuotes) {
                if (before < q.close.size() || text.substr(before - q.close.size(), q.close.size()) != q.close) continue;
                const std::size_t end = before - q.close.size();
                const std::size_t open = text.rfind(q.open, end == 0 ? 0 : end - 1);
                if (open == std::string_view::npos || end - (open + q.open.size()) > 40) continue;
                const auto name = text.substr(open + q.open.size(), end - open - q.open.size());
                if (!known_name(name, language)) report(open, name);
                break;
            }
        }
    }
    if (language != "en") {
        // The quick exit has one name, its button's: "snabbutgången" sends a reader looking for a
        // button called so.
        constexpr std::string_view other = "snabbutg\xc3\xa5ng";  // snabbutgång, any ending
        for (std::size_t at = lower.find(other); at != std::string::npos; at = lower.find(other, at + 1)) {
            std::size_t end = at + other.size();
            while (end < text.size() && !is_word_boundary(text, end)) ++end;
            problems.push_back({at, std::string(text.substr(at, end - at)),
                                "calls the quick exit \"" + std::string(text.substr(at, end - at)) +
                                    "\": name it as its button does, \"Snabbstäng\""});
        }
    }
    std::sort(problems.begin(), problems.end(), [](const auto& a, const auto& b) { return a.offset < b.offset; });
    return problems;
}

}  // namespace faltstod::content
