// The Contacts list read a page at a time; see contact_list.hpp.
#include "contact_list.hpp"

#include <algorithm>

namespace faltstod::app {

ContactList::ContactList(sqlite::Database& db, replica::ContactFilter filter)
    : db_(&db), filter_(std::move(filter)), ids_(replica::contact_ids(db, filter_)) {
    filter_.folded = nullptr;  // used for the ids only; the caller's copies may go before this list
}

const content::Contact* ContactList::at(std::size_t index) {
    if (index >= ids_.size()) return nullptr;
    const std::size_t page_number = index / kPageRows;
    auto page = pages_.find(page_number);
    if (page == pages_.end()) {
        const std::size_t first = page_number * kPageRows;
        const std::size_t end = std::min(ids_.size(), first + kPageRows);
        const std::vector<std::string> wanted(ids_.begin() + static_cast<std::ptrdiff_t>(first), ids_.begin() + static_cast<std::ptrdiff_t>(end));
        auto found = replica::contacts_with_ids(*db_, wanted);
        // contacts_with_ids keeps the order asked for and leaves out what is gone: match by id.
        std::vector<std::optional<content::Contact>> rows(end - first);
        std::size_t next = 0;
        for (std::size_t i = 0; i < rows.size() && next < found.size(); ++i)
            if (found[next].id == wanted[i]) rows[i] = std::move(found[next++]);
        page = pages_.emplace(page_number, std::move(rows)).first;
    }
    const auto& row = page->second.at(index % kPageRows);
    return row ? &*row : nullptr;
}

const content::Contact* ContactList::find(const std::string& id) {
    if (!last_found_ || last_found_->first != id) {
        const auto it = std::find(ids_.begin(), ids_.end(), id);
        if (it == ids_.end()) return nullptr;
        last_found_.emplace(id, static_cast<std::size_t>(it - ids_.begin()));
    }
    return at(last_found_->second);
}

}  // namespace faltstod::app
