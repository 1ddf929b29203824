// The server database schema; see server_schema.hpp and docs/protocol.md.
#include "server_schema.hpp"

#include "private_database_file.hpp"

namespace faltstod::server {

namespace {

constexpr const char* kInitial = R"sql(
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
-- The current state of every content row, tombstones included. `seq` is the global,
-- only-increasing change number of the row's last change: /v1/changes?since=N lists the rows
-- with seq > N, so every change is seen, and a row changed twice is sent once.
CREATE TABLE content_rows (
    tbl        TEXT NOT NULL,
    key        TEXT NOT NULL,
    seq        INTEGER NOT NULL UNIQUE,
    hash       TEXT NOT NULL,            -- SHA-256 of `data`; publish compares it
    data       TEXT CHECK (data IS NULL OR json_valid(data)),
    deleted    INTEGER NOT NULL DEFAULT 0,
    changed_at TEXT NOT NULL,
    PRIMARY KEY (tbl, key)
);
CREATE TABLE devices (
    id                TEXT PRIMARY KEY,
    name              TEXT NOT NULL,
    role              TEXT NOT NULL CHECK (role IN ('reader', 'editor', 'admin')),
    county            TEXT,
    token_hash        TEXT NOT NULL UNIQUE,
    created_at        TEXT NOT NULL,
    last_seen_at      TEXT,
    revoked_at        TEXT,
    wipe_requested_at TEXT
);
CREATE TABLE enrollment_codes (
    code_hash  TEXT PRIMARY KEY,
    role       TEXT NOT NULL CHECK (role IN ('reader', 'editor', 'admin')),
    county     TEXT,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT,
    device_id  TEXT REFERENCES devices (id)
);
-- Anonymous consultation logs (sync/protocol/consultation_record.hpp): no free text but the
-- guarded note added in version 2.
CREATE TABLE consultations (
    id          TEXT PRIMARY KEY,            -- the client's UUID: a repeat is a duplicate
    device_id   TEXT NOT NULL,
    received_at TEXT NOT NULL,
    hash        TEXT NOT NULL,
    date        TEXT NOT NULL,
    county      TEXT NOT NULL,
    profession  TEXT NOT NULL,
    topics      TEXT NOT NULL CHECK (json_valid(topics)),
    age_band    TEXT NOT NULL,
    channel     TEXT NOT NULL,
    outcome     TEXT NOT NULL
);
CREATE INDEX consultations_by_county_date ON consultations (county, date);
)sql";

// Version 2: the optional short note, checked by the personal-data guard before it is stored.
constexpr const char* kConsultationNote = R"sql(
ALTER TABLE consultations ADD COLUMN note TEXT;
)sql";

// Version 3: the key that signs content (protocol/content_signature.hpp), made at the first
// start, and when a device reported that it obeyed a wipe order.
constexpr const char* kSigningAndWipes = R"sql(
CREATE TABLE signing_key (
    id          INTEGER PRIMARY KEY CHECK (id = 1),  -- one key
    private_key TEXT NOT NULL,                       -- Ed25519, base64 of the raw 32 bytes
    public_key  TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
ALTER TABLE devices ADD COLUMN wiped_at TEXT;
)sql";

// Version 4: the audit trail, and device names the server generates. A device used to send
// its own name, free text nobody guarded ("Fatima 850101-1236" was stored and listed); names
// are now "Enhet 0001", "Enhet 0002" … in the order the devices were enrolled, and the names
// already stored are replaced the same way.
constexpr const char* kAuditAndDeviceNames = R"sql(
-- Who did what to devices, enrollment codes, content and the exact statistics: one row per
-- act, never changed or deleted by the server (sync/server/audit_trail.hpp). Holds ids, roles,
-- counties, counts and filters only; never a token, a code or a record's content.
CREATE TABLE audit_log (
    seq              INTEGER PRIMARY KEY,
    at               TEXT NOT NULL,                 -- UTC, ISO 8601
    actor_device_id  TEXT,                          -- NULL: the server's own command line
    actor            TEXT NOT NULL,                 -- "server CLI", or the device's (generated) name
    action           TEXT NOT NULL CHECK (action IN ('enrollment_code_created', 'device_revoked',
                                                      'device_wipe_ordered', 'content_published',
                                                      'exact_stats_viewed')),
    target_device_id TEXT,                          -- the device revoked or wiped
    details          TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details))
);
UPDATE devices SET name = (
    SELECT printf('Enhet %04d', numbered.n)
    FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS n FROM devices) AS numbered
    WHERE numbered.id = devices.id);
)sql";

}  // namespace

const std::vector<sqlite::Migration>& server_migrations() {
    static const std::vector<sqlite::Migration> all = {{1, "content rows, devices, enrollment codes, consultations", kInitial},
                                                       {2, "a short, guarded note on consultations", kConsultationNote},
                                                       {3, "the content signing key; wipes reported done", kSigningAndWipes},
                                                       {4, "the audit trail; generated device names", kAuditAndDeviceNames}};
    return all;
}

sqlite::Database open_server_db(const std::string& path) {
    if (path != ":memory:" && path.rfind("file:", 0) != 0) sqlite::make_private_database_file(path);
    sqlite::Database db(path);
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = FULL");
    sqlite::apply_migrations(db, server_migrations(), server_migrations().back().version, "the server database");
    return db;
}

std::int64_t read_meta_int(sqlite::Database& db, const std::string& key, std::int64_t fallback) {
    // Kept on the connection: every idle poll reads two values for its ETag.
    auto stmt = db.prepare_cached("SELECT value FROM meta WHERE key = ?");
    stmt->bind(1, key);
    if (!stmt->step()) return fallback;
    return std::stoll(stmt->column_text(0));
}

void write_meta_int(sqlite::Database& db, const std::string& key, std::int64_t value) {
    db.prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .bind(1, key)
        .bind(2, std::to_string(value))
        .run();
}

}  // namespace faltstod::server
