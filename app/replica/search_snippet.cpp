// Excerpts under search hits; see search_snippet.hpp.
#include "search_snippet.hpp"

#include "search_ranking.hpp"

#include <algorithm>
#include <set>
#include <string>

namespace faltstod::replica {

namespace {

constexpr char kMatchStart = '\x02';
constexpr char kMatchEnd = '\x03';
constexpr int kWordsBeforeFirstMatch = 2;

// FTS5 calls this for each token it finds.
int collect_token(void* context, int /*flags*/, const char* token, int size, int start, int end) {
    auto* out = static_cast<std::vector<SearchTokenizer::Token>*>(context);
    out->push_back({std::string(token, static_cast<std::size_t>(size)), start, end});
    return SQLITE_OK;
}

// The typed word a token belongs to, or -1.
int matching_word(const std::string& token, const std::vector<QueryWord>& words) {
    for (std::size_t w = 0; w < words.size(); ++w) {
        const auto& parts = words[w].tokens;
        for (std::size_t p = 0; p < parts.size(); ++p) {
            const bool as_prefix = words[w].prefix && p + 1 == parts.size();
            if (as_prefix ? token.compare(0, parts[p].size(), parts[p]) == 0 : token == parts[p]) return static_cast<int>(w);
        }
    }
    return -1;
}

struct Window {
    std::size_t first = 0;
    std::size_t last = 0;  // one past the last token
    std::size_t distinct = 0;
    std::size_t matches = 0;
    bool better_than(const Window& other) const {
        return distinct != other.distinct ? distinct > other.distinct : matches > other.matches;
    }
};

// True when a sentence or line ends between two tokens.
bool sentence_break_between(std::string_view text, const SearchTokenizer::Token& before, const SearchTokenizer::Token& after) {
    const auto gap = text.substr(static_cast<std::size_t>(before.end), static_cast<std::size_t>(after.start - before.end));
    return gap.find_first_of(".!?:\n") != std::string_view::npos;
}

Window best_window(std::string_view text, const std::vector<SearchTokenizer::Token>& tokens, const std::vector<int>& word_of_token,
                   std::size_t window) {
    Window best;
    const std::size_t n = word_of_token.size();
    for (std::size_t m = 0; m < n; ++m) {
        if (word_of_token[m] < 0) continue;
        // A little before the match, but not back into the previous sentence.
        std::size_t first = m > kWordsBeforeFirstMatch ? m - kWordsBeforeFirstMatch : 0;
        for (std::size_t k = m; k > first; --k)
            if (sentence_break_between(text, tokens[k - 1], tokens[k])) {
                first = k;
                break;
            }
        if (n > window) first = std::min(first, n - window);
        Window candidate{first, std::min(n, first + window), 0, 0};
        std::set<int> seen;
        for (std::size_t i = candidate.first; i < candidate.last; ++i)
            if (word_of_token[i] >= 0) {
                ++candidate.matches;
                seen.insert(word_of_token[i]);
            }
        candidate.distinct = seen.size();
        if (candidate.better_than(best)) best = candidate;
    }
    return best;
}

}  // namespace

SearchTokenizer::SearchTokenizer(sqlite::Database& db) {
    fts5_api* api = fts5_interface(db);
    void* user_data = nullptr;
    if (!api || api->xFindTokenizer(api, "unicode61", &user_data, &calls_) != SQLITE_OK)
        throw sqlite::SqliteError(SQLITE_ERROR, "FTS5's unicode61 tokenizer is missing");
    const char* options[] = {"remove_diacritics", "2"};
    Fts5Tokenizer* raw = nullptr;
    const int rc = calls_.xCreate(user_data, options, 2, &raw);
    tokenizer_ = std::unique_ptr<Fts5Tokenizer, Fts5TokenizerDeleter>(raw, Fts5TokenizerDeleter{calls_.xDelete});
    if (rc != SQLITE_OK) throw sqlite::SqliteError(rc, "cannot create the search tokenizer");
}

std::vector<SearchTokenizer::Token> SearchTokenizer::tokens(std::string_view text) const {
    std::vector<Token> out;
    calls_.xTokenize(tokenizer_.get(), &out, FTS5_TOKENIZE_DOCUMENT, text.data(), static_cast<int>(text.size()), &collect_token);
    return out;
}

std::string marked_snippet(const SearchTokenizer& tokenizer, const std::vector<QueryWord>& words, std::string_view title,
                           std::string_view summary, std::string_view body, int window) {
    const std::size_t size = static_cast<std::size_t>(std::max(window, 1));
    struct Column {
        std::string_view text;
        std::vector<SearchTokenizer::Token> tokens;
        std::vector<int> word_of_token;
        Window best;
    };
    Column chosen;
    for (const std::string_view text : {body, summary, title}) {
        Column column{text, tokenizer.tokens(text), {}, {}};
        for (const auto& token : column.tokens) column.word_of_token.push_back(matching_word(token.folded, words));
        column.best = best_window(column.text, column.tokens, column.word_of_token, size);
        if (column.best.better_than(chosen.best)) chosen = std::move(column);
    }
    if (chosen.best.distinct == 0) {  // nothing found to mark (cannot happen for a hit): the body's start
        chosen = Column{body, tokenizer.tokens(body), {}, {}};
        chosen.word_of_token.assign(chosen.tokens.size(), -1);
        chosen.best = Window{0, std::min(size, chosen.tokens.size()), 0, 0};
    }
    if (chosen.tokens.empty()) {  // no words at all: the text as it is, on one line
        std::string whole(chosen.text);
        std::replace(whole.begin(), whole.end(), '\n', ' ');
        return whole;
    }

    const auto& tokens = chosen.tokens;
    const std::size_t first = chosen.best.first;
    const std::size_t last = chosen.best.last;
    const std::size_t from = first == 0 ? 0 : static_cast<std::size_t>(tokens[first].start);
    const std::size_t to = last == tokens.size() ? chosen.text.size() : static_cast<std::size_t>(tokens[last - 1].end);
    std::string out = first == 0 ? "" : "…";
    std::size_t at = from;
    for (std::size_t i = first; i < last; ++i) {
        if (chosen.word_of_token[i] < 0) continue;
        const auto start = static_cast<std::size_t>(tokens[i].start);
        const auto end = static_cast<std::size_t>(tokens[i].end);
        out.append(chosen.text.substr(at, start - at));
        out += kMatchStart;
        out.append(chosen.text.substr(start, end - start));
        out += kMatchEnd;
        at = end;
    }
    out.append(chosen.text.substr(at, to - at));
    if (last < tokens.size()) out += "…";
    // One line under the hit: the body's line breaks (between list items, after headings)
    // become spaces.
    std::replace(out.begin(), out.end(), '\n', ' ');
    return out;
}

std::string folded_words(const SearchTokenizer& tokenizer, std::initializer_list<std::string_view> parts) {
    std::string out;
    for (const auto part : parts)
        for (const auto& token : tokenizer.tokens(part)) out += token.folded + " ";
    return out;
}

std::vector<std::string> typed_words(const SearchTokenizer& tokenizer, std::string_view text, std::size_t shortest) {
    std::vector<std::string> out;
    for (auto& token : tokenizer.tokens(text))
        if (token.folded.size() >= shortest) out.push_back(std::move(token.folded));
    return out;
}

bool contains_all(const std::vector<std::string>& words, std::string_view folded) {
    return std::all_of(words.begin(), words.end(), [&](const auto& word) { return folded.find(word) != std::string_view::npos; });
}

}  // namespace faltstod::replica
