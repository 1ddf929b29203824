// Writing what the server sends into the kiosk's replica. A change page is applied together
// with its cursor in one transaction, so a crash or a repeated page changes nothing; a
// snapshot replaces all content and the cursor in one transaction, read from a file one row at
// a time so memory stays bounded whatever the content's size. Local state (favourites, the
// outbox) is never touched here.
#pragma once

#include "sqlite_db.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace faltstod::sync {

// sync_state keys.
inline constexpr const char* kCursorKey = "cursor";
inline constexpr const char* kLastSuccessKey = "last_success_epoch";  // seconds since 1970, UTC

std::optional<std::int64_t> stored_cursor(sqlite::Database& db);
std::optional<std::string> sync_state(sqlite::Database& db, const std::string& key);
void set_sync_state(sqlite::Database& db, const std::string& key, const std::string& value);

// Applies one content row (upsert) or tombstone (deleted = true); the caller owns the transaction.
// Throws std::invalid_argument for a row it cannot read.
void apply_content_row(sqlite::Database& db, const std::string& table, const std::string& key, bool deleted,
                       const nlohmann::json& data);

struct PageResult {
    int rows = 0;
    std::int64_t cursor = 0;
    bool more = false;
};

// While alive, the connection commits without waiting for the disk (synchronous = NORMAL: no
// fsync at commit in WAL mode, 10–20 ms of a 100-row sync); FULL again afterwards. For what can
// be had again: content from the server, whose cursor is stored in the same transaction, so a
// page lost in a power cut is simply asked for again, and the time of the last successful
// sync. WAL keeps the file consistent either way. Consultation logs exist nowhere else and are
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

// Applies a /v1/changes body and stores its cursor, in one transaction. Throws
// std::invalid_argument (nothing applied) when the body is not a valid page. Committed under
// ContentDurability, as apply_snapshot_file is.
PageResult apply_change_page(sqlite::Database& db, const std::string& body);

// Replaces all content with the snapshot in `file` and stores its cursor, in one transaction.
// `progress` gets the number of rows applied so far. Throws std::invalid_argument (nothing
// changed) when the file is not a complete snapshot.
std::int64_t apply_snapshot_file(sqlite::Database& db, const std::filesystem::path& file,
                                 const std::function<void(std::int64_t)>& progress = {});

}  // namespace faltstod::sync
