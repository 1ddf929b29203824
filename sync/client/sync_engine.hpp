// The kiosk's sync engine: keeps the replica in step with the server and delivers the outbox,
// whatever the network does. It runs on its own thread with its own SQLite connection; the UI
// reads a status snapshot and never waits on it.
//
// Thread safety: status(), sync_now() and stop() may be called from any thread. run_once() is
// for the engine's thread or for a program without one (`faltstod sync --once`), not both.
#pragma once

#include "device_credentials.hpp"
#include "replica_sync.hpp"
#include "server_connection.hpp"
#include "sqlite_db.hpp"
#include "sync_error.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace faltstod::sync {

struct EngineSettings {
    std::filesystem::path replica_path;
    std::filesystem::path credentials_path;
    ConnectionOptions connection;
    std::chrono::seconds interval{300};              // between successful syncs
    std::chrono::seconds stale_after{7 * 24 * 3600};  // content older than this is "stale"
    std::chrono::milliseconds backoff_min{2000};
    std::chrono::milliseconds backoff_max{300000};
    int page_size = 500;
    int push_batch = 100;
    // Every loop has a bound, whatever the server answers: pages in one sync (a server that
    // says "more" for ever is left until the next sync), and the whole sync's time.
    int max_pages_per_sync = 2000;
    std::chrono::seconds sync_deadline{30 * 60};
    SnapshotRules snapshot_rules;
};

enum class SyncPhase { Idle, Pushing, DownloadingSnapshot, ApplyingSnapshot, Pulling, WaitingToRetry, NotEnrolled, Revoked, Wiped };
const char* phase_name(SyncPhase phase);

struct SyncStatus {
    SyncPhase phase = SyncPhase::Idle;
    double progress = -1;  // 0..1 during a snapshot, -1 when unknown
    std::optional<std::chrono::system_clock::time_point> last_success;
    std::optional<std::int64_t> content_version;  // the replica's cursor
    int outbox_size = 0;
    int quarantined = 0;
    SyncError last_error;    // cleared by a successful sync
    bool stale = true;       // no successful sync within stale_after
    bool insecure = false;   // enrolled with --insecure: plain HTTP across a network (shown as a warning)
};

// Enrolls this device with a one-time code and stores the credentials (mode 0600) with the
// server's address, `insecure`, the CA certificates of settings.connection.ca_pem and the
// server's content key. Plain HTTP to another computer is refused unless `insecure`.
SyncError enroll_device(const EngineSettings& settings, const std::string& server_url, const std::string& code,
                        const std::string& device_name, bool insecure = false);

class SyncEngine {
public:
    explicit SyncEngine(EngineSettings settings);
    ~SyncEngine();
    SyncEngine(const SyncEngine&) = delete;
    SyncEngine& operator=(const SyncEngine&) = delete;

    void start();     // the background thread
    void stop();      // finishes the current step, then returns
    void sync_now();  // wakes the thread for a sync at once
    void set_interval(std::chrono::seconds interval);  // from the next wait on
    SyncStatus status() const;

    // One complete sync: push the outbox, then pull changes (or a snapshot). Returns the error
    // that ended it early, or none.
    SyncError run_once();

    // Copies the replica's write-ahead log into the database file (a passive SQLite checkpoint).
    // The engine's own connection never does this inside a commit, where it made every sixth
    // sync or so two to three times slower; the engine's thread does it after each sync, when
    // nothing waits on it. A program without the thread gets it when it closes the replica.
    void checkpoint();

private:
    void thread_main();
    void set_phase(SyncPhase phase, double progress = -1);
    void refresh_counts();
    SyncError push_outbox(ServerConnection& connection);
    SyncError pull(ServerConnection& connection, const std::string& content_key);
    SyncError reset_from_snapshot(ServerConnection& connection, const std::string& content_key);
    SyncError ensure_content_key(ServerConnection& connection, DeviceCredentials& credentials);
    SyncError obey_order(const SyncError& order, const DeviceCredentials& credentials);
    void deliver_wipe_receipt();
    bool past_deadline() const;

    EngineSettings settings_;
    std::optional<sqlite::Database> db_;  // the engine's own connection, opened on first use
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    SyncStatus status_;
    bool wake_requested_ = false;
    bool stopping_ = false;
    std::thread thread_;
    std::string etag_;
    std::chrono::steady_clock::time_point sync_started_;
};

}  // namespace faltstod::sync
