// Applying change pages to the replica without a server: a repeated page changes nothing, and a
// page with a bad row changes nothing at all (not its earlier rows, not the cursor).
#include "bundle_loader.hpp"
#include "content_rows.hpp"
#include "content_store.hpp"
#include "replica_schema.hpp"
#include "replica_sync.hpp"
#include "support/sample_bundle.hpp"
#include "support/temp_dir.hpp"

#include <doctest/doctest.h>

using namespace faltstod;
using nlohmann::json;

namespace {

// Every row of the sample bundle as one change page.
json sample_page(std::int64_t cursor) {
    test::TempDir dir;
    test::write_sample_bundle(dir);
    const auto loaded = content::load_bundle(dir.path());
    REQUIRE(loaded.ok());
    json changes = json::array();
    for (const auto& row : protocol::rows_from_bundle(loaded.bundle))
        changes.push_back({{"table", row.table}, {"key", row.key}, {"deleted", false}, {"data", row.data}});
    return {{"changes", changes}, {"cursor", cursor}, {"more", false}};
}

// The whole content of the replica as text, to compare before and after.
std::string dump(sqlite::Database& db) {
    std::string out;
    for (const char* table : {"guidance", "contacts", "support_lines", "opening_ranges", "opening_exceptions", "checklists",
                              "checklist_items", "events", "topics", "counties", "sync_state"}) {
        auto stmt = db.prepare(std::string("SELECT * FROM ") + table + " ORDER BY 1, 2");
        while (stmt.step()) {
            out += table;
            for (int i = 0; i < stmt.column_count(); ++i) out += "|" + stmt.column_text(i);
            out += "\n";
        }
    }
    return out;
}

}  // namespace

TEST_CASE("the same change page applied twice leaves the replica as after the first time") {
    test::TempDir dir;
    auto db = replica::open_replica((dir.path() / "replica.db").string());
    const auto page = sample_page(41).dump();
    const auto first = sync::apply_change_page(db, page);
    CHECK(first.cursor == 41);
    CHECK(first.rows > 10);
    const auto after_first = dump(db);
    CHECK(replica::count_content(db).guidance == 3);
    sync::apply_change_page(db, page);  // a retry after a lost answer, or a crash before the next request
    CHECK(dump(db) == after_first);
    CHECK(sync::stored_cursor(db) == 41);
}

TEST_CASE("a page with an unreadable row changes nothing, not even its earlier rows or the cursor") {
    test::TempDir dir;
    auto db = replica::open_replica((dir.path() / "replica.db").string());
    sync::apply_change_page(db, sample_page(10).dump());
    const auto before = dump(db);

    auto page = sample_page(20);
    auto& changes = page["changes"];
    // Change the first row (it would be applied first), then break the last one.
    changes[0]["data"]["name"] = {{"sv", "Ändrat namn"}};
    changes[changes.size() - 1].erase("data");
    CHECK_THROWS_AS(sync::apply_change_page(db, page.dump()), std::invalid_argument);
    CHECK(dump(db) == before);
    CHECK(sync::stored_cursor(db) == 10);

    CHECK_THROWS_AS(sync::apply_change_page(db, "{not json"), std::invalid_argument);
    CHECK_THROWS_AS(sync::apply_change_page(db, R"({"changes": []})"), std::invalid_argument);
    CHECK(dump(db) == before);
}

TEST_CASE("every field of a page is checked before anything is written") {
    // Each change below breaks one field a hostile server could send; each page is refused
    // whole, with the problem named, and the replica stays as it was.
    test::TempDir dir;
    auto db = replica::open_replica((dir.path() / "replica.db").string());
    sync::apply_change_page(db, sample_page(10).dump());
    const auto before = dump(db);
    const auto one_change = [](json change) { return json{{"changes", {change}}, {"cursor", 12}, {"more", false}}; };
    const json good = sample_page(11)["changes"][0];
    const auto changed = [&](const std::string& field, const json& value) {
        json c = good;
        c[field] = value;
        return c;
    };
    const auto without = [&](const std::string& field) {
        json c = good;
        c.erase(field);
        return c;
    };
    struct Case {
        const char* name;
        json page;
        sync::SyncProblem problem;
    };
    const std::vector<Case> cases = {
        {"negative cursor", json{{"changes", json::array()}, {"cursor", -5}}, sync::SyncProblem::CursorInvalid},
        {"cursor backwards", json{{"changes", json::array()}, {"cursor", 3}}, sync::SyncProblem::CursorInvalid},
        {"cursor as text", json{{"changes", json::array()}, {"cursor", "12"}}, sync::SyncProblem::AnswerUnreadable},
        {"more as text", json{{"changes", json::array()}, {"cursor", 12}, {"more", "yes"}}, sync::SyncProblem::AnswerUnreadable},
        {"unknown table", one_change(changed("table", "devices")), sync::SyncProblem::AnswerUnreadable},
        {"empty key", one_change(changed("key", "")), sync::SyncProblem::AnswerUnreadable},
        {"key not text", one_change(changed("key", 7)), sync::SyncProblem::AnswerUnreadable},
        {"deleted missing", one_change(without("deleted")), sync::SyncProblem::AnswerUnreadable},
        {"data not an object", one_change(changed("data", "x")), sync::SyncProblem::AnswerUnreadable},
        {"change not an object", one_change(json(42)), sync::SyncProblem::AnswerUnreadable},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        try {
            sync::apply_change_page(db, c.page.dump(), 10);
            FAIL("the page was applied");
        } catch (const sync::ContentRefused& e) {
            CHECK(e.problem() == c.problem);
        }
        CHECK(dump(db) == before);
        CHECK(sync::stored_cursor(db) == 10);
    }
}
