// Forward-only migrations; see schema_migrations.hpp.
#include "schema_migrations.hpp"

namespace faltstod::sqlite {

void apply_migrations(Database& db, const std::vector<Migration>& migrations, int target, const std::string& what) {
    const int latest = migrations.empty() ? 0 : migrations.back().version;
    const int current = db.user_version();
    if (current > latest) {
        throw SchemaTooNew(what + " has schema version " + std::to_string(current) + ", newer than this Fältstöd understands (" +
                           std::to_string(latest) + "); update Fältstöd instead of using this file with an older version");
    }
    for (const auto& migration : migrations) {
        if (migration.version <= current || migration.version > target) continue;
        Transaction tx(db);
        db.exec(migration.sql);
        db.set_user_version(migration.version);
        tx.commit();
    }
}

}  // namespace faltstod::sqlite
