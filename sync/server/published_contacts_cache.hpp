// The contact details the server's published content lists (support lines' numbers, contacts'
// phones and e-mail addresses), for the personal-data guard on pushed notes: a note may name a
// public number ("Ring Kvinnofridslinjen 020-50 50 50"). Read from the content rows the server
// publishes, so the server allows exactly what the kiosks that synced that content allow.
#pragma once

#include "published_contacts.hpp"
#include "sqlite_db.hpp"

#include <cstdint>
#include <memory>
#include <mutex>

namespace faltstod::server {

// Every contact detail of the live (not deleted) content rows.
protocol::PublishedContacts read_published_contacts(sqlite::Database& db);

// The list, read again only when the content has changed since (the change number moved), so
// a push does not parse every contact row. Thread safety: get() may be called from any number
// of request threads at once; the list it returns is immutable and stays valid while held.
class PublishedContactsCache {
public:
    std::shared_ptr<const protocol::PublishedContacts> get(sqlite::Database& db);

private:
    std::mutex mutex_;
    std::int64_t seq_ = -1;
    std::shared_ptr<const protocol::PublishedContacts> list_;
};

}  // namespace faltstod::server
