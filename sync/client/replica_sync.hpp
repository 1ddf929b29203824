// Writing what the server sends into the kiosk's replica. A change page is applied together
// with its cursor in one transaction, so a crash or a repeated page changes nothing; a
// snapshot replaces all content and the cursor in one transaction, read from a file one row at
// a time so memory stays bounded whatever the content's size. Local state (favourites, the
// outbox, the device's sync state: the replica's local file) is never touched here.
#pragma once

#include "sqlite_db.hpp"
#include "sync_error.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

namespace faltstod::sync {

// Sync state keys. The cursor belongs to the content and lives in the content file
// (main.sync_state), so a page and its cursor commit together and a content file replaced whole
// brings its own; every other key is the device's own and lives in the local file
// (local.device_state), which a content reset never touches. sync_state() and
// set_sync_state() choose the table by key, so no caller can put one in the wrong file.
inline constexpr const char* kCursorKey = "cursor";
inline constexpr const char* kLastSuccessKey = "last_success_epoch";  // seconds since 1970, UTC

std::optional<std::int64_t> stored_cursor(sqlite::Database& db);
std::optional<std::string> sync_state(sqlite::Database& db, const std::string& key);
void set_sync_state(sqlite::Database& db, const std::string& key, const std::string& value);

// Applies one content row (upsert) or tombstone (deleted = true); the caller owns the transaction.
// Throws std::invalid_argument for a row it cannot read.
void apply_content_row(sqlite::Database& db, const std::string& table, const std::string& key, bool deleted,
                       const nlohmann::json& data);

// What the server sent cannot be applied; nothing was changed. `problem` says why, for the
// person (AnswerUnreadable, CursorInvalid, SnapshotIncomplete, SnapshotWouldEmpty); what() is a
// technical note for logs.
class ContentRefused : public std::invalid_argument {
public:
    ContentRefused(SyncProblem problem, const std::string& detail) : std::invalid_argument(detail), problem_(problem) {}
    SyncProblem problem() const { return problem_; }

private:
    SyncProblem problem_;
};

struct PageResult {
    int rows = 0;
    std::int64_t cursor = 0;
    bool more = false;
};

// While alive, the connection commits without waiting for the disk (synchronous = NORMAL: no
// fsync at commit in WAL mode, 10–20 ms of a 100-row sync); FULL again afterwards. For what can
// be had again: content from the server, whose cursor is stored in the same transaction, so a
// page lost in a power cut is simply asked for again, and the time of the last successful
// sync. WAL keeps the files consistent either way. It applies to both files of the replica (a
// connection from open_replica). Consultation logs exist nowhere else and are
// never written under it (the kiosk's log writer has a connection of its own, always FULL); a
// later FULL commit makes what came before it durable too (one fsync covers the whole WAL).
class ContentDurability {
public:
    explicit ContentDurability(sqlite::Database& db);
    ~ContentDurability();
    ContentDurability(const ContentDurability&) = delete;
    ContentDurability& operator=(const ContentDurability&) = delete;

private:
    sqlite::Database& db_;
};

// Applies a /v1/changes body and stores its cursor, in one transaction. Every field is checked
// before anything is written: the cursor is an integer >= 0 and, when `asked_since` is given,
// not below it (a cursor never moves backwards but through a snapshot); every change names a
// content table, a key and, unless deleted, a row. Throws ContentRefused (nothing applied)
// otherwise. Committed under ContentDurability, as apply_snapshot_file is.
PageResult apply_change_page(sqlite::Database& db, const std::string& body,
                             std::optional<std::int64_t> asked_since = std::nullopt);

// The sanity rule for snapshots: a server that is wrong or hostile must not be able to empty
// the replica. A snapshot with no content rows where the replica has some is refused, and so is
// one that would leave fewer than `min_kept_share` of the rows synced from the server before
// (once there are at least `min_rows`); the old content is kept (SyncProblem::SnapshotWouldEmpty).
// Content that really shrinks that much reaches a device through change pages, which are
// applied as they come. The content a kiosk is installed with is replaced by its first snapshot,
// whatever its size, unless that is empty.
struct SnapshotRules {
    double min_kept_share = 0.5;
    int min_rows = 20;
};

// Replaces all content with the snapshot in `file` and stores its cursor, in one transaction.
// `progress` gets the number of rows applied so far. Throws ContentRefused (nothing changed)
// when the file is not a complete snapshot, its cursor is negative, or `rules` refuse it.
std::int64_t apply_snapshot_file(sqlite::Database& db, const std::filesystem::path& file,
                                 const std::function<void(std::int64_t)>& progress = {}, const SnapshotRules& rules = {});

}  // namespace faltstod::sync
