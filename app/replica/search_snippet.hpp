// The short excerpt under each search hit, with the words that matched marked. Built here for
// the few rows the list shows, instead of by FTS5's snippet() inside the ranking query: SQLite
// computes a query's result columns before it sorts, so snippet() ran for every match — all
// 9,000 articles a three-letter prefix finds — to show 20 of them.
//
// Words are found with FTS5's own tokenizer, configured as guidance_fts is (unicode61,
// remove_diacritics 2), so "sakerhet" marks "säkerheten" exactly when the index found it.
#pragma once

#include "sqlite_db.hpp"

#include <sqlite3.h>

#include <memory>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace faltstod::replica {

// One word a person typed, as the index sees it: its tokens folded (lower case, without
// diacritics), and whether the last of them is matched as a prefix ("säk" → "sak"…).
struct QueryWord {
    std::vector<std::string> tokens;
    bool prefix = true;
};

// Frees a tokenizer FTS5 created (its xDelete, kept beside the pointer).
struct Fts5TokenizerDeleter {
    void (*destroy)(Fts5Tokenizer*) = nullptr;
    void operator()(Fts5Tokenizer* t) const noexcept {
        if (destroy && t) destroy(t);
    }
};

// FTS5's unicode61 tokenizer with guidance_fts's options, on one connection.
class SearchTokenizer {
public:
    struct Token {
        std::string folded;
        int start = 0;  // byte offsets into the text
        int end = 0;
    };

    explicit SearchTokenizer(sqlite::Database& db);
    std::vector<Token> tokens(std::string_view text) const;

private:
    fts5_tokenizer calls_{};
    std::unique_ptr<Fts5Tokenizer, Fts5TokenizerDeleter> tokenizer_;
};

// Matching without the full-text index (Home's search over lines, contacts and checklists, and
// Contacts' text filter), folded as the index folds (case and diacritics gone: "linkoping"
// finds Linköping). `parts` folded into one string of words separated by spaces:
std::string folded_words(const SearchTokenizer& tokenizer, std::initializer_list<std::string_view> parts);
// the folded words of what was typed, those shorter than `shortest` bytes left out:
std::vector<std::string> typed_words(const SearchTokenizer& tokenizer, std::string_view text, std::size_t shortest = 1);
// and whether every typed word occurs in a folded string (anywhere: "socialj" in "socialjour").
bool contains_all(const std::vector<std::string>& words, std::string_view folded);

// The best excerpt of about `window` words for these query words: from the body when a typed
// word occurs there, else from the summary, else the title; the window holding the most
// different typed words (then the most matches), starting up to two words before the first of
// them but not before the start of its sentence or line. "…" marks text left out at either end;
// line breaks become spaces. Matched words are enclosed in \x02 … \x03.
std::string marked_snippet(const SearchTokenizer& tokenizer, const std::vector<QueryWord>& words, std::string_view title,
                           std::string_view summary, std::string_view body, int window = 14);

}  // namespace faltstod::replica
