// One search for everything on Home: guidance articles (the full-text index, ranked), support
// lines, contacts and checklists, grouped. No ImGui. The lines, contacts and checklists are
// folded once per content change (lower case, no diacritics, as the search index folds), so a
// keystroke costs a scan of short strings, not a tokenizer run per row: 20,000 contacts are
// ~1 ms. A typed word of three letters or more must occur somewhere in an item's name, kind,
// municipality or text (shorter words find nothing there: "i" would match everything).
#pragma once

#include "content_model.hpp"
#include "replica_queries.hpp"
#include "search_snippet.hpp"
#include "sqlite_db.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace faltstod::app {

struct EverythingResults {
    std::vector<const content::SupportLine*> lines;    // editors' order
    std::vector<content::Contact> contacts;            // the device's county first; at most the limit asked for
    std::size_t contacts_found = 0;                    // all that matched
    std::vector<const content::Checklist*> checklists;
    std::vector<replica::SearchHit> articles;          // ranked; in English, Swedish-only ones too (language "sv")
    std::size_t total() const { return lines.size() + contacts_found + checklists.size() + articles.size(); }
};

class EverythingSearch {
public:
    // `lines` and `checklists` must outlive this (the kiosk's cached copies); contacts are read
    // from `db` (names, kinds and places only; the shown ones in full when found).
    EverythingSearch(sqlite::Database& db, const std::vector<content::SupportLine>& lines,
                     const std::vector<content::Checklist>& checklists, const std::string& language);

    EverythingResults search(sqlite::Database& db, std::string_view text, const std::string& language,
                             const std::optional<std::string>& county, std::size_t contact_limit) const;
    // The contacts as folded here, for Contacts' own text filter (ContactFilter::folded).
    const replica::FoldedContacts& folded_contacts() const { return folded_contacts_by_id_; }

private:
    struct Folded {
        std::string text;    // folded words, space separated
        std::string id;      // contacts
        std::string county;  // contacts
    };
    std::vector<std::string> words(std::string_view text) const;
    static bool all_in(const std::vector<std::string>& words, const std::string& folded);

    replica::SearchTokenizer tokenizer_;
    const std::vector<content::SupportLine>* lines_;
    const std::vector<content::Checklist>* checklists_;
    std::vector<Folded> folded_lines_, folded_contacts_, folded_checklists_;
    replica::FoldedContacts folded_contacts_by_id_;
};

}  // namespace faltstod::app
