// The background writer runs jobs in order on its own connection and reports failures.
#include "favourites.hpp"
#include "local_writer.hpp"
#include "replica_schema.hpp"
#include "support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <thread>

using namespace faltstod;

TEST_CASE("jobs run in order off the caller's thread and are visible after flush") {
    test::TempDir dir;
    const auto path = (dir.path() / "replica.db").string();
    auto reader = replica::open_replica(path);
    std::thread::id job_thread;
    {
        app::LocalWriter writer(path);
        writer.post([&](sqlite::Database& db) {
            job_thread = std::this_thread::get_id();
            replica::set_favourite(db, "guidance/a", true);
        });
        writer.post([](sqlite::Database& db) { replica::set_favourite(db, "guidance/b", true); });
        writer.post([](sqlite::Database& db) { replica::set_favourite(db, "guidance/a", false); });
        writer.flush();
        CHECK(job_thread != std::this_thread::get_id());
        CHECK(replica::favourite_ids(reader) == std::set<std::string>{"guidance/b"});
        CHECK(writer.last_error().empty());
    }
}

TEST_CASE("a failing job is reported and later jobs still run") {
    test::TempDir dir;
    const auto path = (dir.path() / "replica.db").string();
    app::LocalWriter writer(path);
    writer.post([](sqlite::Database& db) { db.exec("INSERT INTO no_such_table VALUES (1)"); });
    writer.post([](sqlite::Database& db) { replica::set_favourite(db, "guidance/c", true); });
    writer.flush();
    CHECK(writer.last_error().find("no_such_table") != std::string::npos);
    auto reader = replica::open_replica(path);
    CHECK(replica::favourite_ids(reader).contains("guidance/c"));
}

TEST_CASE("the destructor finishes the queue") {
    test::TempDir dir;
    const auto path = (dir.path() / "replica.db").string();
    {
        app::LocalWriter writer(path);
        for (int i = 0; i < 50; ++i)
            writer.post([i](sqlite::Database& db) { replica::set_favourite(db, "guidance/" + std::to_string(i), true); });
    }
    auto reader = replica::open_replica(path);
    CHECK(replica::favourite_ids(reader).size() == 50);
}
