// The server's list of published contact details; see published_contacts_cache.hpp.
#include "published_contacts_cache.hpp"

#include "change_feed.hpp"

#include <nlohmann/json.hpp>

namespace faltstod::server {

protocol::PublishedContacts read_published_contacts(sqlite::Database& db) {
    protocol::PublishedContacts list;
    auto rows = db.prepare("SELECT tbl, data FROM content_rows WHERE deleted = 0 AND tbl IN ('contacts', 'support_lines')");
    while (rows.step()) {
        const auto data = nlohmann::json::parse(rows.column_text(1), nullptr, false);
        protocol::add_published_contacts(list, rows.column_text(0), data);
    }
    return list;
}

std::shared_ptr<const protocol::PublishedContacts> PublishedContactsCache::get(sqlite::Database& db) {
    const std::int64_t seq = current_seq(db);
    std::lock_guard lock(mutex_);
    if (!list_ || seq != seq_) {
        // Read under the lock: two threads never both parse the rows for the same change.
        list_ = std::make_shared<const protocol::PublishedContacts>(read_published_contacts(db));
        seq_ = seq;
    }
    return list_;
}

}  // namespace faltstod::server
