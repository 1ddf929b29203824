// The two values of a change page's ETag, read by one statement (change_feed.hpp's
// feed_position), are the ones read_meta_int reads one by one: 0 before anything is published,
// and each value as written, whichever of them changed.
#include "change_feed.hpp"
#include "server_schema.hpp"
#include "support/temp_dir.hpp"

#include <doctest/doctest.h>

using namespace faltstod;

TEST_CASE("the feed position is the newest change number and the tombstone horizon, as written") {
    test::TempDir dir;
    auto db = server::open_server_db((dir.path() / "server.db").string());
    const auto check_matches = [&] {
        const auto position = server::feed_position(db);
        CHECK(position.last_seq == server::read_meta_int(db, "last_seq"));
        CHECK(position.tombstone_horizon == server::read_meta_int(db, "tombstone_horizon"));
        return position;
    };
    db.exec("DELETE FROM meta WHERE key IN ('last_seq', 'tombstone_horizon')");
    const auto empty = check_matches();
    CHECK(empty.last_seq == 0);
    CHECK(empty.tombstone_horizon == 0);
    server::write_meta_int(db, "last_seq", 4200000000123);
    CHECK(check_matches().last_seq == 4200000000123);
    CHECK(check_matches().tombstone_horizon == 0);
    server::write_meta_int(db, "tombstone_horizon", 77);
    const auto both = check_matches();
    CHECK(both.last_seq == 4200000000123);
    CHECK(both.tombstone_horizon == 77);
}
