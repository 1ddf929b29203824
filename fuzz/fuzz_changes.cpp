// Fuzz target: a /v1/changes answer as the kiosk applies it (replica_sync.hpp) to a real replica
// schema in an in-memory SQLite database. The documented contract: the page is applied with its
// cursor, or std::invalid_argument is thrown and nothing at all changed. Any other exception, or
// a half-applied page, is a finding. Each input gets a fresh replica.
#include "content_store.hpp"
#include "fuzz_check.hpp"
#include "replica_schema.hpp"
#include "replica_sync.hpp"

#include <stdexcept>
#include <string>

namespace {

using faltstod::fuzz::check;

bool replica_is_empty(faltstod::sqlite::Database& db) {
    const auto counts = faltstod::replica::count_content(db);
    return counts.guidance == 0 && counts.contacts == 0 && counts.support_lines == 0 && counts.checklists == 0 &&
           counts.events == 0 && !faltstod::sync::stored_cursor(db);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto db = faltstod::replica::open_replica(":memory:");
    const std::string body(reinterpret_cast<const char*>(data), size);
    faltstod::sync::PageResult page;
    try {
        page = faltstod::sync::apply_change_page(db, body);
    } catch (const std::invalid_argument&) {
        check(replica_is_empty(db), "a refused page changed the replica");
        return 0;
    }
    check(faltstod::sync::stored_cursor(db) == page.cursor, "the page's cursor was not stored");
    check(page.rows >= 0, "a negative row count");
    // The same page again (a retry after a lost answer) must be accepted as well.
    try {
        const auto again = faltstod::sync::apply_change_page(db, body);
        check(again.cursor == page.cursor && again.rows == page.rows, "a repeated page was read differently");
    } catch (const std::invalid_argument&) {
        faltstod::fuzz::fail("a page accepted once was refused when repeated");
    }
    return 0;
}
