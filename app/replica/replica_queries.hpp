// Read queries over the replica that the kiosk's screens use. No ImGui, no network: every
// function runs one or a few indexed queries on the caller's connection and returns plain
// values. Language arguments are "sv" or "en"; English falls back to Swedish per row.
#pragma once

#include "content_model.hpp"
#include "sqlite_db.hpp"

#include <optional>
#include <string>
#include <unordered_map>
#include <string_view>
#include <vector>

namespace faltstod::replica {

struct SnippetPart {
    std::string text;
    bool highlighted = false;  // a part that matched the query
};

struct SearchHit {
    std::string id;
    std::string language;
    std::string title;
    std::string summary;
    std::vector<SnippetPart> snippet;
    double rank = 0;  // lower is better (faltstod_rank, search_ranking.hpp, negated)
};

// A word of this many letters or more also finds longer words that start with it ("säk" finds
// "säkerhet"). Shorter words find only themselves ("i", "id", "14"): a prefix of one or two
// letters matches nearly every article, which tells the reader nothing and cost up to 160 ms per
// keystroke to rank. So while someone types a word's first two letters, the list waits.
inline constexpr std::size_t kPrefixSearchLetters = 3;

// The words in what a person typed: runs of letters and digits of any script (ASCII
// alphanumerics and every UTF-8 multi-byte sequence: å ä ö é …); everything else separates.
std::vector<std::string> search_words(std::string_view text);

// True when the word has kPrefixSearchLetters letters or more (counted in characters, not bytes).
bool searched_as_prefix(std::string_view word);

// True when there is something typed but every word is too short to search as a prefix: what
// the search screen says instead of "nothing found" when there are no hits.
bool only_short_words(std::string_view text);

// Turns what a person typed into an FTS5 query: each word becomes a quoted term, a prefix term
// when it is long enough ("säk" → "säk"*, "i" → "i"), all words must match, and FTS5 syntax
// characters lose their meaning so no input can make the query fail. Returns an empty string
// when nothing searchable is left.
std::string fts_query_from_user_text(std::string_view text);

// Ranked guidance search: title matches weigh most, then summary, then body (faltstod_rank,
// search_ranking.hpp; ties by the order the articles were stored). In English, an article
// without an English version is found in Swedish.
std::vector<SearchHit> search_guidance(sqlite::Database& db, std::string_view text, const std::string& language,
                                       int limit = 20);

// The article in `language`, or its Swedish original when there is no translation.
std::optional<content::GuidanceArticle> find_guidance(sqlite::Database& db, const std::string& id,
                                                      const std::string& language);

// Articles tagged with a topic, newest first (all topics when `topic` is empty).
std::vector<content::GuidanceArticle> guidance_by_topic(sqlite::Database& db, const std::string& topic,
                                                        const std::string& language);

std::vector<content::Topic> all_topics(sqlite::Database& db);
std::vector<content::County> all_counties(sqlite::Database& db);
// The content's own date: the newest 'updated' of its guidance (YYYY-MM-DD); none when empty.
std::optional<std::string> content_date(sqlite::Database& db);
std::vector<std::string> municipalities_in(sqlite::Database& db, const std::string& county_code);

// Each contact's name, municipality and kind folded for `ContactFilter::text`, by id
// (folded_words in search_snippet.hpp).
using FoldedContacts = std::unordered_map<std::string, std::string>;

struct ContactFilter {
    std::optional<std::string> county_code;
    std::optional<std::string> municipality;
    std::optional<std::string> kind;
    // Words that must each occur in the name, municipality or kind (case, å/ä/ö and other
    // diacritics ignored; "linkop socialj" finds Socialjouren, Linköpings kommun).
    std::optional<std::string> text;
    // The folded contacts when the caller keeps them (the kiosk, once per content change), so a
    // keystroke does not fold every row again: 20,000 contacts took tens of milliseconds a key.
    // A contact missing from it is folded as without it.
    const FoldedContacts* folded = nullptr;
};
// Contacts matching every set field, county-wide ones before municipal ones, by municipality,
// by name (and by id between contacts of the same name), each with its opening hours.
std::vector<content::Contact> find_contacts(sqlite::Database& db, const ContactFilter& filter);

// The ids of the contacts find_contacts returns for `filter`, in the same order, and nothing
// else: what a long list needs before its first frame (the rows themselves, descriptions and
// hours, are read as they come into view, with contacts_with_ids).
std::vector<std::string> contact_ids(sqlite::Database& db, const ContactFilter& filter);

// The contacts with these ids, each exactly as find_contacts gives it (hours included), in the
// order of `ids`. An id that is not in the replica (a sync removed it) is left out; an id given
// twice comes back once.
std::vector<content::Contact> contacts_with_ids(sqlite::Database& db, const std::vector<std::string>& ids);

// Support lines in the editors' order; only those for `audience` when given.
std::vector<content::SupportLine> support_lines(sqlite::Database& db, const std::optional<std::string>& audience = std::nullopt);

// Every checklist with its items, by title.
std::vector<content::Checklist> all_checklists(sqlite::Database& db);

// Events that end on or after `from_date` (YYYY-MM-DD), soonest first; `past` selects those
// that ended before it instead, latest first.
std::vector<content::Event> events_from(sqlite::Database& db, const std::string& from_date, bool past = false);

std::optional<content::OpeningHours> opening_hours(sqlite::Database& db, const std::string& owner_id);

// The phone numbers and e-mail addresses the content lists publicly (every contact's phone and
// e-mail, every support line's number), as written: a note may name them
// (protocol/published_contacts.hpp; the server reads the same fields from its content rows).
struct PublicContactDetails {
    std::vector<std::string> phones;
    std::vector<std::string> emails;
};
PublicContactDetails public_contact_details(sqlite::Database& db);

}  // namespace faltstod::replica
