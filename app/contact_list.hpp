// The Contacts screen's list, read as it is shown: the ids of every contact the filter selects
// first (20,000 ids: 7-14 ms through the index contacts_in_list_order), the contacts themselves
// a page at a time when a row of that page is first asked for. So the screen's first frame
// reads the ids and one page, not every contact with its description and opening hours (the
// frame that opened Contacts took 287-413 ms with 20,000 that way, 27-28 ms now: see
// docs/performance.md). No ImGui: the screen asks for the rows its clipper shows.
//
// Contract: the same rows in the same order as replica::find_contacts(db, filter), each the
// same value. The list reads through `db` (the UI's connection), which must outlive it; it is
// not thread-safe (the UI thread owns it). A contact a sync removed after the ids were read has
// no row (at() returns null); the kiosk drops the list when a sync changes content.
#pragma once

#include "content_model.hpp"
#include "replica_queries.hpp"
#include "sqlite_db.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace faltstod::app {

class ContactList {
public:
    static constexpr std::size_t kPageRows = 64;

    // Reads the ids only.
    ContactList(sqlite::Database& db, replica::ContactFilter filter);

    std::size_t size() const { return ids_.size(); }
    const std::string& id(std::size_t index) const { return ids_.at(index); }
    const replica::ContactFilter& filter() const { return filter_; }

    // The contact at `index` (< size()), reading its page the first time a row of it is asked
    // for; null when the contact is no longer in the replica.
    const content::Contact* at(std::size_t index);
    // The contact with this id when it is in the list, else null.
    const content::Contact* find(const std::string& id);
    // Pages read so far (tests: the list does not read what is not shown).
    std::size_t pages_read() const { return pages_.size(); }

private:
    sqlite::Database* db_;
    replica::ContactFilter filter_;
    std::vector<std::string> ids_;
    // Page number → its rows, by position in the page (nullopt: removed since).
    std::unordered_map<std::size_t, std::vector<std::optional<content::Contact>>> pages_;
    std::optional<std::pair<std::string, std::size_t>> last_found_;  // id → index, for find()
};

}  // namespace faltstod::app
