// Loading or making the content signing key; see signing_key.hpp.
#include "signing_key.hpp"

#include "utc_clock.hpp"

namespace faltstod::server {

protocol::SigningKey load_or_create_signing_key(sqlite::Database& db) {
    sqlite::Transaction tx(db);  // BEGIN IMMEDIATE
    auto stored = db.prepare("SELECT private_key FROM signing_key WHERE id = 1");
    if (stored.step()) return protocol::SigningKey::from_private_base64(stored.column_text(0));
    const auto key = protocol::SigningKey::generate();
    db.prepare("INSERT INTO signing_key (id, private_key, public_key, created_at) VALUES (1, ?, ?, ?)")
        .bind(1, key.private_base64())
        .bind(2, key.public_base64())
        .bind(3, now_utc_iso())
        .run();
    tx.commit();
    return key;
}

}  // namespace faltstod::server
