// The replica's schema as a list of forward migrations; see replica_schema.hpp and
// docs/architecture.md ("The replica") for what each table holds.
#include "replica_schema.hpp"
#include "private_database_file.hpp"

#include <filesystem>

namespace faltstod::replica {

namespace {

// Version 1: the content tables, mirroring the bundle (docs/content-format.md).
constexpr const char* kContentTables = R"sql(
CREATE TABLE topics (
    id      TEXT PRIMARY KEY,
    name_sv TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT ''
);
CREATE TABLE counties (
    code TEXT PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);
-- `num` is an explicit rowid so the full-text index (external content) stays valid after VACUUM.
CREATE TABLE guidance (
    num           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL,
    language      TEXT NOT NULL CHECK (language IN ('sv', 'en')),
    title         TEXT NOT NULL,
    summary       TEXT NOT NULL DEFAULT '',
    topics        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(topics)),
    audience      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(audience)),
    updated       TEXT NOT NULL,
    body_markdown TEXT NOT NULL,
    body_text     TEXT NOT NULL,
    UNIQUE (id, language)
);
CREATE TABLE contacts (
    id             TEXT PRIMARY KEY,
    kind           TEXT NOT NULL,
    name           TEXT NOT NULL,
    county_code    TEXT NOT NULL,
    municipality   TEXT,
    phone          TEXT NOT NULL,
    url            TEXT,
    email          TEXT,
    description_sv TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT ''
);
CREATE INDEX contacts_by_place ON contacts (county_code, municipality, kind);
CREATE TABLE support_lines (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    number     TEXT NOT NULL,
    audience   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(audience)),
    who_sv     TEXT NOT NULL,
    who_en     TEXT NOT NULL DEFAULT '',
    free       INTEGER NOT NULL DEFAULT 0,
    anonymous  INTEGER NOT NULL DEFAULT 0,
    languages  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(languages)),
    url        TEXT,
    sort_order INTEGER NOT NULL DEFAULT 0
);
-- Opening hours of a contact or a support line (owner_id is that row's id).
CREATE TABLE opening_hours (
    owner_id        TEXT PRIMARY KEY,
    always_open     INTEGER NOT NULL DEFAULT 0,
    public_holidays TEXT NOT NULL DEFAULT 'normal' CHECK (public_holidays IN ('closed', 'as_sunday', 'normal')),
    note_sv         TEXT NOT NULL DEFAULT '',
    note_en         TEXT NOT NULL DEFAULT ''
);
-- Minutes since midnight; closes <= opens means the range runs past midnight.
CREATE TABLE opening_ranges (
    owner_id TEXT NOT NULL REFERENCES opening_hours (owner_id) ON DELETE CASCADE,
    weekday  INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    opens    INTEGER NOT NULL CHECK (opens BETWEEN 0 AND 1439),
    closes   INTEGER NOT NULL CHECK (closes BETWEEN 0 AND 1440)
);
CREATE INDEX opening_ranges_by_owner ON opening_ranges (owner_id);
CREATE TABLE opening_exceptions (
    owner_id TEXT NOT NULL REFERENCES opening_hours (owner_id) ON DELETE CASCADE,
    date     TEXT NOT NULL,
    closed   INTEGER NOT NULL DEFAULT 0,
    opens    INTEGER NOT NULL DEFAULT 0,
    closes   INTEGER NOT NULL DEFAULT 0,
    note_sv  TEXT NOT NULL DEFAULT '',
    note_en  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX opening_exceptions_by_owner ON opening_exceptions (owner_id, date);
CREATE TABLE checklists (
    id       TEXT PRIMARY KEY,
    title_sv TEXT NOT NULL,
    title_en TEXT NOT NULL DEFAULT '',
    intro_sv TEXT NOT NULL DEFAULT '',
    intro_en TEXT NOT NULL DEFAULT '',
    topics   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(topics))
);
CREATE TABLE checklist_items (
    checklist_id TEXT NOT NULL REFERENCES checklists (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    text_sv      TEXT NOT NULL,
    text_en      TEXT NOT NULL DEFAULT '',
    detail_sv    TEXT NOT NULL DEFAULT '',
    detail_en    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (checklist_id, position)
);
CREATE TABLE events (
    id             TEXT PRIMARY KEY,
    title_sv       TEXT NOT NULL,
    title_en       TEXT NOT NULL DEFAULT '',
    kind           TEXT NOT NULL,
    starts         TEXT NOT NULL,
    ends           TEXT NOT NULL,
    location       TEXT NOT NULL,
    county_code    TEXT,
    organiser      TEXT NOT NULL,
    url            TEXT,
    description_sv TEXT NOT NULL,
    description_en TEXT NOT NULL DEFAULT '',
    audience       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(audience))
);
CREATE INDEX events_by_start ON events (starts);
)sql";

// Version 2: full-text search over guidance. unicode61 with remove_diacritics 2 folds
// å/ä/ö/é to a/a/o/e on both sides, so "sakerhet" and "säkerhet" find each other — what a
// professional typing fast on a laptop without a Swedish keyboard needs.
constexpr const char* kGuidanceSearch = R"sql(
CREATE VIRTUAL TABLE guidance_fts USING fts5(
    title, summary, body_text,
    content = 'guidance', content_rowid = 'num',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER guidance_fts_insert AFTER INSERT ON guidance BEGIN
    INSERT INTO guidance_fts (rowid, title, summary, body_text) VALUES (new.num, new.title, new.summary, new.body_text);
END;
CREATE TRIGGER guidance_fts_delete AFTER DELETE ON guidance BEGIN
    INSERT INTO guidance_fts (guidance_fts, rowid, title, summary, body_text)
    VALUES ('delete', old.num, old.title, old.summary, old.body_text);
END;
CREATE TRIGGER guidance_fts_update AFTER UPDATE ON guidance BEGIN
    INSERT INTO guidance_fts (guidance_fts, rowid, title, summary, body_text)
    VALUES ('delete', old.num, old.title, old.summary, old.body_text);
    INSERT INTO guidance_fts (rowid, title, summary, body_text) VALUES (new.num, new.title, new.summary, new.body_text);
END;
-- Index the articles a version-1 replica already holds.
INSERT INTO guidance_fts (guidance_fts) VALUES ('rebuild');
)sql";

// Version 3: the device's own state — favourites, the sync cursor and the outbox of
// anonymous consultation logs waiting to reach the server.
constexpr const char* kLocalState = R"sql(
-- No foreign key: a favourite survives its article being re-published or reset from a snapshot.
CREATE TABLE favourites (
    guidance_id TEXT PRIMARY KEY,
    added_at    TEXT NOT NULL
);
CREATE TABLE sync_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE outbox (
    id                 TEXT PRIMARY KEY,  -- client-made UUID, the server's idempotency key
    kind               TEXT NOT NULL CHECK (kind IN ('consultation')),
    payload            TEXT NOT NULL CHECK (json_valid(payload)),
    created_at         TEXT NOT NULL,
    attempts           INTEGER NOT NULL DEFAULT 0,
    last_error         TEXT,
    quarantined_reason TEXT           -- set when the server rejected the record for good
);
CREATE INDEX outbox_pending ON outbox (quarantined_reason, created_at);
)sql";

// Version 4: a contact's visiting address (content-format.md).
constexpr const char* kContactAddress = R"sql(
ALTER TABLE contacts ADD COLUMN address TEXT;
)sql";

// Version 5: an update re-indexes an article only when a column the index holds changed. The
// index update tokenises the old and the new text (about 3 KB each), most of the cost of
// applying a changed article; a page that changes only topics, audience or the date, or sends
// an article again unchanged, no longer pays it.
constexpr const char* kGuidanceSearchOnlyOnTextChange = R"sql(
DROP TRIGGER guidance_fts_update;
CREATE TRIGGER guidance_fts_update AFTER UPDATE ON guidance
WHEN old.num IS NOT new.num OR old.title IS NOT new.title OR old.summary IS NOT new.summary OR old.body_text IS NOT new.body_text
BEGIN
    INSERT INTO guidance_fts (guidance_fts, rowid, title, summary, body_text)
    VALUES ('delete', old.num, old.title, old.summary, old.body_text);
    INSERT INTO guidance_fts (rowid, title, summary, body_text) VALUES (new.num, new.title, new.summary, new.body_text);
END;
)sql";

// Version 6: guidance by language. Search leaves out the articles not shown in the reader's
// language as a set found once per search through this index (replica_queries.cpp,
// kHiddenInLanguage), instead of joining every match to its row.
constexpr const char* kGuidanceByLanguage = R"sql(
CREATE INDEX guidance_by_language ON guidance (language);
)sql";

// Version 7: the device's own state leaves the content file for the local file (schema
// "local", created by kLocalFileV1), so content can be reset or replaced whole without touching
// it. The copy commits in the local file first (kMoveLocalStateCopy, idempotent); only then are
// the tables dropped here, with the version bump. secure_delete overwrites the dropped pages.
constexpr const char* kMoveLocalStateCopy = R"sql(
INSERT OR IGNORE INTO local.favourites (guidance_id, added_at) SELECT guidance_id, added_at FROM main.favourites;
INSERT OR IGNORE INTO local.outbox (id, kind, payload, created_at, attempts, last_error, quarantined_reason)
    SELECT id, kind, payload, created_at, attempts, last_error, quarantined_reason FROM main.outbox;
INSERT OR IGNORE INTO local.device_state (key, value) SELECT key, value FROM main.sync_state WHERE key <> 'cursor';
)sql";
constexpr const char* kMoveLocalStateDrop = R"sql(
DROP TABLE main.favourites;
DROP TABLE main.outbox;
DELETE FROM main.sync_state WHERE key <> 'cursor';
)sql";

// Version 8: the Contacts list in its own order. The screen reads the ids of every contact
// its filter selects before its first frame (app/contact_list.hpp); this index holds that
// order (replica_queries.cpp, kContactOrder) and the filter's columns, so the ids come from one
// walk of the index instead of reading and sorting every row: 20,000 ids in about 7 ms
// instead of 32 ms on the bench machine.
constexpr const char* kContactsInListOrder = R"sql(
CREATE INDEX contacts_in_list_order ON contacts (municipality IS NOT NULL, municipality, name, id, county_code, kind);
)sql";

// The local file, version 1: the tables version 3 put in the content file, and the device's
// sync state (keys other than the content's cursor; replica_sync.hpp).
constexpr const char* kLocalFileV1 = R"sql(
-- No foreign key: a favourite survives its article being re-published or reset from a snapshot.
CREATE TABLE local.favourites (
    guidance_id TEXT PRIMARY KEY,
    added_at    TEXT NOT NULL
);
CREATE TABLE local.device_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE local.outbox (
    id                 TEXT PRIMARY KEY,  -- client-made UUID, the server's idempotency key
    kind               TEXT NOT NULL CHECK (kind IN ('consultation')),
    payload            TEXT NOT NULL CHECK (json_valid(payload)),
    created_at         TEXT NOT NULL,
    attempts           INTEGER NOT NULL DEFAULT 0,
    last_error         TEXT,
    quarantined_reason TEXT           -- set when the server rejected the record for good
);
CREATE INDEX local.outbox_pending ON outbox (quarantined_reason, created_at);
)sql";

// Each file of the replica: private, write-ahead log, durable (see open_replica).
void make_private(const std::string& path) {
    if (path != ":memory:" && !path.empty()) sqlite::make_private_database_file(path);
}

}  // namespace

const std::vector<sqlite::Migration>& migrations() {
    static const std::vector<sqlite::Migration> all = {
        {1, "content tables", kContentTables},
        {2, "full-text search over guidance", kGuidanceSearch},
        {3, "favourites, sync state and outbox", kLocalState},
        {4, "contact addresses", kContactAddress},
        {5, "re-index an article only when its text changed", kGuidanceSearchOnlyOnTextChange},
        {6, "guidance by language, for search", kGuidanceByLanguage},
        {7, "local state moves to the local file", kMoveLocalStateDrop, kMoveLocalStateCopy},
        {8, "contacts in the list's order", kContactsInListOrder},
    };
    return all;
}

int latest_schema_version() { return migrations().back().version; }

const std::vector<sqlite::Migration>& local_migrations() {
    static const std::vector<sqlite::Migration> all = {
        {1, "favourites, device state and outbox", kLocalFileV1},
    };
    return all;
}

int latest_local_schema_version() { return local_migrations().back().version; }

std::string local_state_path(const std::string& content_path) {
    if (content_path.empty() || content_path == ":memory:") return ":memory:";
    const std::filesystem::path content(content_path);
    return (content.parent_path() / (content.stem().string() + "-local" + content.extension().string())).string();
}

void migrate(sqlite::Database& db, int target) { sqlite::apply_migrations(db, migrations(), target, "the replica"); }

sqlite::Database open_replica(const std::string& path) {
    const auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty() && !std::filesystem::exists(parent)) {
        std::filesystem::create_directories(parent);
        std::filesystem::permissions(parent, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace);
    }
    // The replica holds unsent consultation logs (the local file, and the content file of a
    // version before 7): readable by this user only, whatever the umask.
    const auto local_path = local_state_path(path);
    make_private(path);
    make_private(local_path);
    sqlite::Database db(path);
    // Bound parameter: the path is the user's (--db), never SQL.
    db.prepare("ATTACH DATABASE ? AS local").bind(1, local_path).run();
    db.exec("PRAGMA main.journal_mode = WAL");
    db.exec("PRAGMA local.journal_mode = WAL");
    // FULL: a consultation log saved on the laptop must survive a power cut before it has
    // reached the server. Writes are rare (a log, a synced page), so the cost is small. (Content
    // writes lower the content file's own setting while they run: ContentDurability.)
    db.exec("PRAGMA main.synchronous = FULL");
    db.exec("PRAGMA local.synchronous = FULL");
    // Deleted consultation logs (after delivery or a wipe order) are overwritten, not left in
    // free pages of either file.
    db.exec("PRAGMA main.secure_delete = ON");
    db.exec("PRAGMA local.secure_delete = ON");
    sqlite::apply_migrations(db, local_migrations(), latest_local_schema_version(), "the replica's local file", "local");
    migrate(db);
    return db;
}

}  // namespace faltstod::replica
