// The fault VFS itself (tests/support/fault_vfs.*): it fails exactly the armed write or sync,
// reports a full disk only for growth beyond the budget, and a disarmed shim changes nothing.
#include "support/fault_vfs.hpp"
#include "support/temp_dir.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <cstddef>
#include <memory>
#include <vector>

using faltstod::test::FaultVfs;

namespace {

// One file opened directly through the shim, as SQLite would open a main database.
struct RawFile {
    sqlite3_vfs* vfs = sqlite3_vfs_find(FaultVfs::kName);
    std::vector<std::max_align_t> storage;
    sqlite3_file* file = nullptr;

    explicit RawFile(const std::string& path) {
        REQUIRE(vfs != nullptr);
        storage.resize(static_cast<std::size_t>(vfs->szOsFile) / sizeof(std::max_align_t) + 1);
        file = reinterpret_cast<sqlite3_file*>(storage.data());
        int out = 0;
        REQUIRE(vfs->xOpen(vfs, path.c_str(), file, SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &out) == SQLITE_OK);
    }
    ~RawFile() {
        if (file->pMethods) file->pMethods->xClose(file);
    }
    int write(sqlite3_int64 offset, int size = 512) {
        const std::vector<char> data(static_cast<std::size_t>(size), 'x');
        return file->pMethods->xWrite(file, data.data(), size, offset);
    }
    int sync() { return file->pMethods->xSync(file, SQLITE_SYNC_NORMAL); }
};

}  // namespace

TEST_CASE("the fault VFS fails exactly the nth write, and only it unless sticky") {
    faltstod::test::TempDir dir;
    FaultVfs::Registration vfs(false);
    RawFile f((dir.path() / "a.db").string());
    for (int nth = 1; nth <= 5; ++nth) {
        CAPTURE(nth);
        FaultVfs::arm_write_failure(nth);
        for (int i = 1; i <= 6; ++i) CHECK(f.write(512 * i) == (i == nth ? SQLITE_IOERR_WRITE : SQLITE_OK));
        CHECK(FaultVfs::writes() == 6);
        CHECK(FaultVfs::faults() == 1);
    }
    FaultVfs::arm_write_failure(2, true);
    CHECK(f.write(0) == SQLITE_OK);
    CHECK(f.write(0) == SQLITE_IOERR_WRITE);
    CHECK(f.write(0) == SQLITE_IOERR_WRITE);
    FaultVfs::disarm();
    CHECK(f.write(0) == SQLITE_OK);
    CHECK(FaultVfs::faults() == 0);
}

TEST_CASE("the fault VFS fails exactly the nth sync") {
    faltstod::test::TempDir dir;
    FaultVfs::Registration vfs(false);
    RawFile f((dir.path() / "a.db").string());
    FaultVfs::arm_sync_failure(3);
    CHECK(f.sync() == SQLITE_OK);
    CHECK(f.sync() == SQLITE_OK);
    CHECK(f.sync() == SQLITE_IOERR_FSYNC);
    CHECK(f.sync() == SQLITE_OK);
    CHECK(f.write(0) == SQLITE_OK);  // writes are not counted as syncs
    CHECK(FaultVfs::syncs() == 4);
    CHECK(FaultVfs::faults() == 1);
}

TEST_CASE("the fault VFS reports a full disk only for growth beyond the budget") {
    faltstod::test::TempDir dir;
    FaultVfs::Registration vfs(false);
    RawFile f((dir.path() / "a.db").string());
    FaultVfs::arm_disk_full(1024);
    CHECK(f.write(0) == SQLITE_OK);        // grows 512
    CHECK(f.write(512) == SQLITE_OK);      // grows 512: the budget is used up
    CHECK(f.write(1024) == SQLITE_FULL);   // would grow
    CHECK(f.write(0) == SQLITE_OK);        // overwriting needs no space
    CHECK(FaultVfs::faults() == 1);
    FaultVfs::disarm();                    // space is back
    CHECK(f.write(1024) == SQLITE_OK);
}

TEST_CASE("as the default VFS it reaches ordinary connections, and a failed commit leaves the old state") {
    faltstod::test::TempDir dir;
    FaultVfs::Registration vfs(true);
    CHECK(std::string(sqlite3_vfs_find(nullptr)->zName) == FaultVfs::kName);
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open((dir.path() / "b.db").c_str(), &raw) == SQLITE_OK);
    std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db(raw, &sqlite3_close);
    sqlite3_extended_result_codes(raw, 1);
    REQUIRE(sqlite3_exec(raw, "CREATE TABLE t (x); INSERT INTO t VALUES (1)", nullptr, nullptr, nullptr) == SQLITE_OK);
    FaultVfs::arm_write_failure(1);
    CHECK(sqlite3_exec(raw, "INSERT INTO t VALUES (2)", nullptr, nullptr, nullptr) == SQLITE_IOERR_WRITE);
    FaultVfs::disarm();
    sqlite3_stmt* raw_stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(raw, "SELECT group_concat(x) FROM t", -1, &raw_stmt, nullptr) == SQLITE_OK);
    std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> stmt(raw_stmt, &sqlite3_finalize);
    REQUIRE(sqlite3_step(raw_stmt) == SQLITE_ROW);
    CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(raw_stmt, 0))) == "1");
}
