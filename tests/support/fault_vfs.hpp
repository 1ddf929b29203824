// A SQLite VFS shim for fault-injection tests: it wraps the platform's default VFS and, when
// armed, makes the Nth write or sync fail (SQLITE_IOERR_WRITE / SQLITE_IOERR_FSYNC), or answers
// SQLITE_FULL once the database, journal and WAL files have grown by more than a byte budget.
// Disarming is "the disk works again": every later call goes straight to the real VFS.
//
// Only the main database, its rollback journal and its WAL are counted (the files whose loss
// would lose data); temporary files and the WAL index (shared memory) are never faulted.
//
// Thread safety: the control functions and the VFS callbacks may run on any thread at once
// (the server's HTTP workers, the sync engine's thread); one mutex guards the counters.
// The shim is process-wide, like SQLite's VFS list.
#pragma once

#include <cstdint>

namespace faltstod::test {

class FaultVfs {
public:
    static constexpr const char* kName = "faltstod-fault";

    // Registers the shim (as SQLite's default VFS when make_default, so every connection opened
    // with sqlite3_open_v2(..., nullptr) goes through it) and unregisters it on destruction,
    // restoring the previous default. Connections opened through it must be closed first.
    class Registration {
    public:
        explicit Registration(bool make_default = true);
        ~Registration();
        Registration(const Registration&) = delete;
        Registration& operator=(const Registration&) = delete;
    };

    // Each arm_* call resets the counters and replaces the previous arming.
    // Fails the nth counted xWrite from now (1 = the next one). With sticky, every later write
    // fails too until disarm() (a disk that stays broken); otherwise only that one.
    static void arm_write_failure(int nth, bool sticky = false);
    // Fails the nth counted xSync from now, as arm_write_failure.
    static void arm_sync_failure(int nth, bool sticky = false);
    // From now, a write that would make the counted files grow by more than `bytes` in total
    // fails with SQLITE_FULL (as a full disk does); overwriting existing bytes still works.
    static void arm_disk_full(std::int64_t bytes);
    // Back to a healthy disk: nothing fails any more.
    static void disarm();

    // Since the last arm_* or disarm(): counted writes and syncs seen, and faults injected.
    static int writes();
    static int syncs();
    static int faults();
};

}  // namespace faltstod::test
