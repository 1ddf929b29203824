// Favourites; see favourites.hpp.
#include "favourites.hpp"

namespace faltstod::replica {

std::set<std::string> favourite_ids(sqlite::Database& db) {
    std::set<std::string> ids;
    auto statement = db.prepare("SELECT guidance_id FROM local.favourites");
    while (statement.step()) ids.insert(statement.column_text(0));
    return ids;
}

void set_favourite(sqlite::Database& db, const std::string& guidance_id, bool favourite) {
    if (favourite) {
        auto statement = db.prepare("INSERT OR IGNORE INTO local.favourites (guidance_id, added_at) VALUES (?, datetime('now'))");
        statement.bind(1, guidance_id);
        statement.step();
    } else {
        auto statement = db.prepare("DELETE FROM local.favourites WHERE guidance_id = ?");
        statement.bind(1, guidance_id);
        statement.step();
    }
}

}  // namespace faltstod::replica
