// One search for everything; see everything_search.hpp.
#include "everything_search.hpp"

#include <algorithm>

namespace faltstod::app {

namespace {

constexpr std::size_t kShortestWord = 3;  // bytes of the folded word

}  // namespace

EverythingSearch::EverythingSearch(sqlite::Database& db, const std::vector<content::SupportLine>& lines,
                                   const std::vector<content::Checklist>& checklists, const std::string& language)
    : tokenizer_(db), lines_(&lines), checklists_(&checklists) {
    const auto fold = [&](std::initializer_list<std::string_view> parts) { return replica::folded_words(tokenizer_, parts); };
    for (const auto& line : lines) folded_lines_.push_back({fold({line.name, line.who.in(language), line.number}), line.id, ""});
    for (const auto& list : checklists) folded_checklists_.push_back({fold({list.title.in(language), list.intro.in(language)}), list.id, ""});
    auto rows = db.prepare("SELECT id, name, municipality, kind, county_code FROM contacts "
                           "ORDER BY municipality IS NOT NULL, municipality, name, id");
    while (rows.step()) {
        const auto municipality = rows.column_optional_text(2);
        folded_contacts_.push_back({fold({rows.column_text(1), municipality.value_or(""), rows.column_text(3)}), rows.column_text(0),
                                    rows.column_text(4)});
    }
    folded_contacts_by_id_.reserve(folded_contacts_.size());
    for (const auto& contact : folded_contacts_) folded_contacts_by_id_.emplace(contact.id, contact.text);
}

std::vector<std::string> EverythingSearch::words(std::string_view text) const { return replica::typed_words(tokenizer_, text, kShortestWord); }

bool EverythingSearch::all_in(const std::vector<std::string>& words, const std::string& folded) { return replica::contains_all(words, folded); }

EverythingResults EverythingSearch::search(sqlite::Database& db, std::string_view text, const std::string& language,
                                           const std::optional<std::string>& county, std::size_t contact_limit) const {
    EverythingResults results;
    results.articles = replica::search_guidance(db, text, language);
    const auto typed = words(text);
    if (typed.empty()) return results;
    for (std::size_t i = 0; i < folded_lines_.size(); ++i)
        if (all_in(typed, folded_lines_[i].text)) results.lines.push_back(&(*lines_)[i]);
    for (std::size_t i = 0; i < folded_checklists_.size(); ++i)
        if (all_in(typed, folded_checklists_[i].text)) results.checklists.push_back(&(*checklists_)[i]);
    // Contacts: the device's county first ("socialjour" gives this county's socialjour first).
    std::vector<const Folded*> in_county, elsewhere;
    for (const auto& contact : folded_contacts_)
        if (all_in(typed, contact.text)) (county && contact.county == *county ? in_county : elsewhere).push_back(&contact);
    results.contacts_found = in_county.size() + elsewhere.size();
    std::vector<std::string> shown;
    for (const auto* list : {&in_county, &elsewhere})
        for (const auto* contact : *list)
            if (shown.size() < contact_limit) shown.push_back(contact->id);
    results.contacts = replica::contacts_with_ids(db, shown);
    return results;
}

}  // namespace faltstod::app
