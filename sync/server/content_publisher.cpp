// Content publishing and tombstone purging; see content_publisher.hpp.
#include "content_publisher.hpp"

#include "server_schema.hpp"
#include "token_crypto.hpp"
#include "utc_clock.hpp"

#include <map>
#include <set>

namespace faltstod::server {

namespace {
struct Existing {
    std::string hash;
    bool deleted = false;
};
}  // namespace

PublishResult publish_rows(sqlite::Database& db, const std::vector<protocol::ContentRow>& rows, const AuditActor& actor) {
    PublishResult result;
    sqlite::Transaction tx(db);
    std::int64_t seq = read_meta_int(db, "last_seq");
    const std::string now = now_utc_iso();

    std::map<std::pair<std::string, std::string>, Existing> existing;
    {
        auto stmt = db.prepare("SELECT tbl, key, hash, deleted FROM content_rows");
        while (stmt.step()) existing[{stmt.column_text(0), stmt.column_text(1)}] = {stmt.column_text(2), stmt.column_int(3) != 0};
    }

    auto upsert = db.prepare(
        "INSERT INTO content_rows (tbl, key, seq, hash, data, deleted, changed_at) VALUES (?, ?, ?, ?, ?, 0, ?) "
        "ON CONFLICT (tbl, key) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, data = excluded.data, deleted = 0, "
        "changed_at = excluded.changed_at");
    std::set<std::pair<std::string, std::string>> published;
    for (const auto& row : rows) {
        const std::string data = row.data.dump();  // keys are sorted: the same row gives the same text
        const std::string hash = sha256_hex(data);
        const auto id = std::make_pair(row.table, row.key);
        published.insert(id);
        const auto it = existing.find(id);
        if (it != existing.end() && !it->second.deleted && it->second.hash == hash) {
            ++result.unchanged;
            continue;
        }
        (it == existing.end() || it->second.deleted ? result.inserted : result.updated) += 1;
        upsert.reset();
        upsert.bind(1, row.table).bind(2, row.key).bind(3, ++seq).bind(4, hash).bind(5, data).bind(6, now).run();
    }

    auto tombstone = db.prepare("UPDATE content_rows SET seq = ?, hash = '', data = NULL, deleted = 1, changed_at = ? "
                                "WHERE tbl = ? AND key = ?");
    for (const auto& [id, state] : existing) {
        if (state.deleted || published.count(id)) continue;
        tombstone.reset();
        tombstone.bind(1, ++seq).bind(2, now).bind(3, id.first).bind(4, id.second).run();
        ++result.deleted;
    }
    write_meta_int(db, "last_seq", seq);
    result.last_seq = seq;
    record_audit(db, actor, AuditAction::ContentPublished, std::nullopt,
                 {{"inserted", result.inserted}, {"updated", result.updated}, {"deleted", result.deleted},
                  {"unchanged", result.unchanged}, {"last_seq", seq}});
    tx.commit();
    return result;
}

int purge_tombstones(sqlite::Database& db, const std::string& cutoff_iso) {
    sqlite::Transaction tx(db);
    auto highest = db.prepare("SELECT max(seq), count(*) FROM content_rows WHERE deleted = 1 AND changed_at < ?");
    highest.bind(1, cutoff_iso);
    highest.step();
    const int count = static_cast<int>(highest.column_int(1));
    if (count > 0) {
        const std::int64_t horizon = highest.column_int(0);
        db.prepare("DELETE FROM content_rows WHERE deleted = 1 AND changed_at < ?").bind(1, cutoff_iso).run();
        if (horizon > read_meta_int(db, "tombstone_horizon")) write_meta_int(db, "tombstone_horizon", horizon);
    }
    tx.commit();
    return count;
}

}  // namespace faltstod::server
