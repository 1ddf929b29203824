// Reading the change log: one page of changes after a cursor, or the whole current content as
// a snapshot, each from one read transaction (a consistent view under WAL).
#pragma once

#include "content_signature.hpp"
#include "sqlite_db.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace faltstod::server {

struct ChangePage {
    std::int64_t since = 0;
    std::int64_t cursor = 0;    // pass as `since` for the next page
    std::int64_t last_seq = 0;  // the newest change number at the time of reading
    bool more = false;
    std::string json;  // the response body
};

// nullopt when the cursor cannot be served incrementally (below the tombstone horizon, or
// ahead of this server): the client must reset from a snapshot.
std::optional<ChangePage> read_change_page(sqlite::Database& db, std::int64_t since, int limit);

// The newest change number.
std::int64_t current_seq(sqlite::Database& db);

// What a change page's ETag is made of: the newest change number and the tombstone horizon,
// read by one statement, so in one read transaction. An idle poll did two reads, each its own
// transaction; starting and ending SQLite's read transactions (WAL locks taken with fcntl) was
// about a quarter of the server's time per idle poll (perf, docs/performance.md).
struct FeedPosition {
    std::int64_t last_seq = 0;
    std::int64_t tombstone_horizon = 0;
};
FeedPosition feed_position(sqlite::Database& db);

// Streams the snapshot body in pieces of about `chunk_bytes`, so the server holds one piece,
// never the whole content. Owns a read transaction on `db` for its lifetime. With a key, the
// body ends with the signature of all that came before it (protocol/content_signature.hpp).
class SnapshotStream {
public:
    explicit SnapshotStream(sqlite::Database& db, const protocol::SigningKey* key = nullptr);
    ~SnapshotStream();
    SnapshotStream(const SnapshotStream&) = delete;
    SnapshotStream& operator=(const SnapshotStream&) = delete;

    // Appends the next piece to `out`; returns false once the body is complete.
    bool next(std::string& out, std::size_t chunk_bytes);
    std::int64_t cursor() const { return cursor_; }

private:
    bool fill(std::string& out, std::size_t chunk_bytes);  // false after the last row and the count
    sqlite::Database& db_;
    const protocol::SigningKey* key_;
    protocol::Sha256 hash_;
    std::int64_t cursor_ = 0;
    std::size_t table_index_ = 0;
    std::optional<sqlite::Statement> rows_;
    std::int64_t count_ = 0;
    bool started_ = false;
    bool finished_ = false;
};

}  // namespace faltstod::server
