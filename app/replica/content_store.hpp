// Writing content rows into the replica. The sync engine applies changes row by row with the
// upsert/remove functions; replace_all_content() loads a whole bundle (first start without a
// server, tests, benchmarks) in one transaction.
//
// Contract: callers own the transaction for upserts and removals; replace_all_content() opens
// its own. Local state (favourites, the outbox, the device's sync state) lives in
// another file (replica_schema.hpp) and is never touched here.
#pragma once

#include "content_model.hpp"
#include "sqlite_db.hpp"

#include <string>

namespace faltstod::replica {

void upsert_topic(sqlite::Database& db, const content::Topic& topic);
void upsert_county(sqlite::Database& db, const content::County& county);
void upsert_guidance(sqlite::Database& db, const content::GuidanceArticle& article);
void upsert_contact(sqlite::Database& db, const content::Contact& contact);
void upsert_support_line(sqlite::Database& db, const content::SupportLine& line);
void upsert_checklist(sqlite::Database& db, const content::Checklist& checklist);
void upsert_event(sqlite::Database& db, const content::Event& event);

// Removes a content row by table name ("guidance", "contacts", …) and id; for guidance the id
// is "<id>" for all languages. Hours and checklist items go with their owner.
void remove_content(sqlite::Database& db, const std::string& table, const std::string& id);

// Removes one language version of an article.
void remove_guidance(sqlite::Database& db, const std::string& id, const std::string& language);

// Deletes every content row (not local state); the caller owns the transaction.
void clear_all_content(sqlite::Database& db);

struct ContentCounts {
    int guidance = 0, contacts = 0, support_lines = 0, checklists = 0, events = 0;
};

// Replaces all content with the bundle's, in one transaction.
ContentCounts replace_all_content(sqlite::Database& db, const content::Bundle& bundle);
ContentCounts count_content(sqlite::Database& db);

}  // namespace faltstod::replica
