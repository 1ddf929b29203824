// The fault-injecting VFS; see fault_vfs.hpp. SQLite allocates each open file's structure
// (szOsFile bytes) itself: ours is a small header followed by the real VFS's file, so nothing
// here allocates. The callbacks forward to the real VFS unless the armed fault says otherwise.
#include "fault_vfs.hpp"

#include <sqlite3.h>

#include <mutex>
#include <stdexcept>

namespace faltstod::test {

namespace {

enum class Mode { Off, Write, Sync, Full };

struct Control {
    std::mutex mutex;
    Mode mode = Mode::Off;
    int nth = 0;
    bool sticky = false;
    std::int64_t budget = 0;  // bytes the counted files may still grow by (Mode::Full)
    int writes = 0;
    int syncs = 0;
    int faults = 0;
};

Control& control() {
    static Control instance;
    return instance;
}

// Our per-file header; the real VFS's file lives right after it in the same allocation.
struct FaultFile {
    sqlite3_file base;
    sqlite3_file* real;
    bool counted;  // main database, journal or WAL
};

sqlite3_vfs* g_real = nullptr;
sqlite3_vfs g_vfs{};
sqlite3_io_methods g_methods{};
bool g_registered = false;
bool g_was_default = false;

sqlite3_file* real_of(sqlite3_file* file) { return reinterpret_cast<FaultFile*>(file)->real; }

// Decides whether this write fails; `growth` is how far it extends the file.
int judge_write(FaultFile* f, std::int64_t growth) {
    if (!f->counted) return SQLITE_OK;
    auto& c = control();
    std::lock_guard lock(c.mutex);
    ++c.writes;
    if (c.mode == Mode::Write && (c.writes == c.nth || (c.sticky && c.writes > c.nth))) {
        ++c.faults;
        return SQLITE_IOERR_WRITE;
    }
    if (c.mode == Mode::Full && growth > 0) {
        if (growth > c.budget) {
            ++c.faults;
            return SQLITE_FULL;
        }
        c.budget -= growth;
    }
    return SQLITE_OK;
}

int fault_close(sqlite3_file* file) {
    auto* real = real_of(file);
    const int rc = real->pMethods ? real->pMethods->xClose(real) : SQLITE_OK;
    file->pMethods = nullptr;
    return rc;
}

int fault_read(sqlite3_file* file, void* buffer, int amount, sqlite3_int64 offset) {
    auto* real = real_of(file);
    return real->pMethods->xRead(real, buffer, amount, offset);
}

int fault_write(sqlite3_file* file, const void* buffer, int amount, sqlite3_int64 offset) {
    auto* f = reinterpret_cast<FaultFile*>(file);
    std::int64_t growth = 0;
    if (f->counted) {
        sqlite3_int64 size = 0;
        if (f->real->pMethods->xFileSize(f->real, &size) == SQLITE_OK && offset + amount > size) growth = offset + amount - size;
    }
    if (const int rc = judge_write(f, growth); rc != SQLITE_OK) return rc;
    return f->real->pMethods->xWrite(f->real, buffer, amount, offset);
}

int fault_truncate(sqlite3_file* file, sqlite3_int64 size) {
    auto* real = real_of(file);
    return real->pMethods->xTruncate(real, size);
}

int fault_sync(sqlite3_file* file, int flags) {
    auto* f = reinterpret_cast<FaultFile*>(file);
    if (f->counted) {
        auto& c = control();
        std::lock_guard lock(c.mutex);
        ++c.syncs;
        if (c.mode == Mode::Sync && (c.syncs == c.nth || (c.sticky && c.syncs > c.nth))) {
            ++c.faults;
            return SQLITE_IOERR_FSYNC;
        }
    }
    return f->real->pMethods->xSync(f->real, flags);
}

int fault_file_size(sqlite3_file* file, sqlite3_int64* size) {
    auto* real = real_of(file);
    return real->pMethods->xFileSize(real, size);
}

int fault_lock(sqlite3_file* file, int level) {
    auto* real = real_of(file);
    return real->pMethods->xLock(real, level);
}

int fault_unlock(sqlite3_file* file, int level) {
    auto* real = real_of(file);
    return real->pMethods->xUnlock(real, level);
}

int fault_check_reserved_lock(sqlite3_file* file, int* out) {
    auto* real = real_of(file);
    return real->pMethods->xCheckReservedLock(real, out);
}

int fault_file_control(sqlite3_file* file, int op, void* arg) {
    auto* real = real_of(file);
    return real->pMethods->xFileControl(real, op, arg);
}

int fault_sector_size(sqlite3_file* file) {
    auto* real = real_of(file);
    return real->pMethods->xSectorSize(real);
}

int fault_device_characteristics(sqlite3_file* file) {
    auto* real = real_of(file);
    return real->pMethods->xDeviceCharacteristics(real);
}

int fault_shm_map(sqlite3_file* file, int region, int size, int extend, void volatile** out) {
    auto* real = real_of(file);
    if (real->pMethods->iVersion < 2) return SQLITE_IOERR_SHMMAP;
    return real->pMethods->xShmMap(real, region, size, extend, out);
}

int fault_shm_lock(sqlite3_file* file, int offset, int n, int flags) {
    auto* real = real_of(file);
    if (real->pMethods->iVersion < 2) return SQLITE_IOERR_SHMLOCK;
    return real->pMethods->xShmLock(real, offset, n, flags);
}

void fault_shm_barrier(sqlite3_file* file) {
    auto* real = real_of(file);
    if (real->pMethods->iVersion >= 2) real->pMethods->xShmBarrier(real);
}

int fault_shm_unmap(sqlite3_file* file, int delete_flag) {
    auto* real = real_of(file);
    if (real->pMethods->iVersion < 2) return SQLITE_OK;
    return real->pMethods->xShmUnmap(real, delete_flag);
}

int fault_fetch(sqlite3_file* file, sqlite3_int64 offset, int amount, void** out) {
    auto* real = real_of(file);
    if (real->pMethods->iVersion < 3) {
        *out = nullptr;  // "no mapping": SQLite falls back to xRead
        return SQLITE_OK;
    }
    return real->pMethods->xFetch(real, offset, amount, out);
}

int fault_unfetch(sqlite3_file* file, sqlite3_int64 offset, void* page) {
    auto* real = real_of(file);
    if (real->pMethods->iVersion < 3) return SQLITE_OK;
    return real->pMethods->xUnfetch(real, offset, page);
}

int fault_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
    auto* f = reinterpret_cast<FaultFile*>(file);
    f->base.pMethods = nullptr;  // SQLite must not call xClose if the real open fails
    f->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) + sizeof(FaultFile));
    f->counted = (flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_MAIN_JOURNAL | SQLITE_OPEN_WAL)) != 0;
    const int rc = g_real->xOpen(g_real, name, f->real, flags, out_flags);
    if (rc == SQLITE_OK && f->real->pMethods) f->base.pMethods = &g_methods;
    return rc;
}

void build_vfs() {
    g_real = sqlite3_vfs_find(nullptr);
    if (!g_real) throw std::runtime_error("SQLite has no default VFS to wrap");
    // The copy keeps the real VFS's pAppData and path limits, which its other methods rely on;
    // only opening files goes through us.
    g_vfs = *g_real;
    g_vfs.pNext = nullptr;
    g_vfs.zName = FaultVfs::kName;
    g_vfs.szOsFile = static_cast<int>(sizeof(FaultFile)) + g_real->szOsFile;
    g_vfs.xOpen = fault_open;

    g_methods.iVersion = 3;
    g_methods.xClose = fault_close;
    g_methods.xRead = fault_read;
    g_methods.xWrite = fault_write;
    g_methods.xTruncate = fault_truncate;
    g_methods.xSync = fault_sync;
    g_methods.xFileSize = fault_file_size;
    g_methods.xLock = fault_lock;
    g_methods.xUnlock = fault_unlock;
    g_methods.xCheckReservedLock = fault_check_reserved_lock;
    g_methods.xFileControl = fault_file_control;
    g_methods.xSectorSize = fault_sector_size;
    g_methods.xDeviceCharacteristics = fault_device_characteristics;
    g_methods.xShmMap = fault_shm_map;
    g_methods.xShmLock = fault_shm_lock;
    g_methods.xShmBarrier = fault_shm_barrier;
    g_methods.xShmUnmap = fault_shm_unmap;
    g_methods.xFetch = fault_fetch;
    g_methods.xUnfetch = fault_unfetch;
}

void arm(Mode mode, int nth, bool sticky, std::int64_t budget) {
    auto& c = control();
    std::lock_guard lock(c.mutex);
    c.mode = mode;
    c.nth = nth;
    c.sticky = sticky;
    c.budget = budget;
    c.writes = c.syncs = c.faults = 0;
}

}  // namespace

FaultVfs::Registration::Registration(bool make_default) {
    if (g_registered) throw std::logic_error("the fault VFS is already registered");
    if (sqlite3_initialize() != SQLITE_OK) throw std::runtime_error("sqlite3_initialize failed");
    build_vfs();
    if (sqlite3_vfs_register(&g_vfs, make_default ? 1 : 0) != SQLITE_OK) throw std::runtime_error("cannot register the fault VFS");
    g_registered = true;
    g_was_default = make_default;
    disarm();
}

FaultVfs::Registration::~Registration() {
    disarm();
    if (g_was_default) sqlite3_vfs_register(g_real, 1);  // the real VFS becomes the default again
    sqlite3_vfs_unregister(&g_vfs);
    g_registered = false;
}

void FaultVfs::arm_write_failure(int nth, bool sticky) { arm(Mode::Write, nth, sticky, 0); }
void FaultVfs::arm_sync_failure(int nth, bool sticky) { arm(Mode::Sync, nth, sticky, 0); }
void FaultVfs::arm_disk_full(std::int64_t bytes) { arm(Mode::Full, 0, true, bytes); }
void FaultVfs::disarm() { arm(Mode::Off, 0, false, 0); }

int FaultVfs::writes() {
    std::lock_guard lock(control().mutex);
    return control().writes;
}

int FaultVfs::syncs() {
    std::lock_guard lock(control().mutex);
    return control().syncs;
}

int FaultVfs::faults() {
    std::lock_guard lock(control().mutex);
    return control().faults;
}

}  // namespace faltstod::test
