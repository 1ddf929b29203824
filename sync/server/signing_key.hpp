// The server's content signing key (protocol/content_signature.hpp): an Ed25519 key made at the
// first start and kept in the server database, so a backup, a restore or a second server on
// the same database signs with the same key and enrolled devices keep trusting it.
#pragma once

#include "content_signature.hpp"
#include "sqlite_db.hpp"

namespace faltstod::server {

// Reads the key, making and storing one first when there is none (in one transaction, so two
// servers starting at once end up with the same key).
protocol::SigningKey load_or_create_signing_key(sqlite::Database& db);

}  // namespace faltstod::server
