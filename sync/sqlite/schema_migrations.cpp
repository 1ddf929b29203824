// Forward-only migrations; see schema_migrations.hpp.
#include "schema_migrations.hpp"

namespace faltstod::sqlite {

void apply_migrations(Database& db, const std::vector<Migration>& migrations, int target, const std::string& what,
                      const std::string& schema) {
    const int latest = migrations.empty() ? 0 : migrations.back().version;
    const int current = db.user_version(schema);
    if (current > latest) {
        throw SchemaTooNew(what + " has schema version " + std::to_string(current) + ", newer than this Fältstöd understands (" +
                           std::to_string(latest) + "); update Fältstöd instead of using this file with an older version");
    }
    for (const auto& migration : migrations) {
        if (migration.version <= current || migration.version > target) continue;
        // Each step checks the version again under its write lock: another connection opening
        // the same file at the same moment may have run this migration meanwhile.
        if (migration.before_sql) {
            Transaction copy(db);
            if (db.user_version(schema) >= migration.version) continue;
            db.exec(migration.before_sql);
            copy.commit();
        }
        Transaction tx(db);
        if (db.user_version(schema) >= migration.version) continue;
        db.exec(migration.sql);
        db.set_user_version(migration.version, schema);
        tx.commit();
    }
}

}  // namespace faltstod::sqlite
