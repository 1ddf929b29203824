// The sync engine's steps and its thread; see sync_engine.hpp and docs/sync-engine.md.
#include "sync_engine.hpp"

#include "outbox.hpp"
#include "replica_schema.hpp"
#include "replica_sync.hpp"

#include <random>

namespace faltstod::sync {

namespace {

std::chrono::system_clock::time_point from_epoch(const std::string& text) {
    return std::chrono::system_clock::time_point(std::chrono::seconds(std::stoll(text)));
}

// A failed write to the replica, in words a person can act on. SQLite's own text ("disk I/O
// error") does not say that nothing was lost or what to do.
SyncError disk_error(const sqlite::SqliteError& e) {
    const int primary = e.code() & 0xff;
    if (primary == SQLITE_FULL)
        return {SyncErrorKind::Server, "sync stopped: this computer's disk is full. Free some space; nothing saved was lost, "
                                       "and the sync continues by itself (" + std::string(e.what()) + ")"};
    if (primary == SQLITE_IOERR)
        return {SyncErrorKind::Server, "sync stopped: this computer could not write to its disk; nothing saved was lost, and "
                                       "the sync is retried by itself (" + std::string(e.what()) + ")"};
    return {SyncErrorKind::Server, std::string("sync failed: ") + e.what()};
}

}  // namespace

const char* phase_name(SyncPhase phase) {
    switch (phase) {
        case SyncPhase::Idle: return "idle";
        case SyncPhase::Pushing: return "pushing";
        case SyncPhase::DownloadingSnapshot: return "downloading-snapshot";
        case SyncPhase::ApplyingSnapshot: return "applying-snapshot";
        case SyncPhase::Pulling: return "pulling";
        case SyncPhase::WaitingToRetry: return "waiting-to-retry";
        case SyncPhase::NotEnrolled: return "not-enrolled";
        case SyncPhase::Revoked: return "revoked";
        case SyncPhase::Wiped: return "wiped";
    }
    return "idle";
}

SyncError enroll_device(const EngineSettings& settings, const std::string& server_url, const std::string& code,
                        const std::string& device_name) {
    ServerConnection connection(server_url, "", settings.connection);
    const auto answer = connection.enroll(code, device_name);
    if (answer.error) return answer.error;
    try {
        const auto body = nlohmann::json::parse(answer.body);
        DeviceCredentials credentials{server_url, body.at("device_id").get<std::string>(), body.at("token").get<std::string>(),
                                      body.at("role").get<std::string>(), std::nullopt};
        if (body.at("county").is_string()) credentials.county = body.at("county").get<std::string>();
        save_credentials(settings.credentials_path, credentials);
    } catch (const nlohmann::json::exception&) {
        return {SyncErrorKind::Server, "the server's enrollment answer could not be read"};
    }
    return {};
}

SyncEngine::SyncEngine(EngineSettings settings) : settings_(std::move(settings)) {}

SyncEngine::~SyncEngine() { stop(); }

void SyncEngine::start() {
    std::lock_guard lock(mutex_);
    if (thread_.joinable()) return;
    stopping_ = false;
    thread_ = std::thread([this] { thread_main(); });
}

void SyncEngine::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void SyncEngine::sync_now() {
    {
        std::lock_guard lock(mutex_);
        wake_requested_ = true;
    }
    wake_.notify_all();
}

SyncStatus SyncEngine::status() const {
    std::lock_guard lock(mutex_);
    SyncStatus copy = status_;
    copy.stale = !copy.last_success || std::chrono::system_clock::now() - *copy.last_success > settings_.stale_after;
    return copy;
}

void SyncEngine::set_phase(SyncPhase phase, double progress) {
    std::lock_guard lock(mutex_);
    status_.phase = phase;
    status_.progress = progress;
}

void SyncEngine::refresh_counts() {
    const int waiting = outbox_size(*db_), quarantined = quarantined_count(*db_);
    const auto cursor = stored_cursor(*db_);
    const auto last = sync_state(*db_, kLastSuccessKey);
    std::lock_guard lock(mutex_);
    status_.outbox_size = waiting;
    status_.quarantined = quarantined;
    status_.content_version = cursor;
    if (last) status_.last_success = from_epoch(*last);
}

SyncError SyncEngine::push_outbox(ServerConnection& connection) {
    for (;;) {
        const auto records = pending_records(*db_, settings_.push_batch);
        if (records.empty()) return {};
        set_phase(SyncPhase::Pushing);
        nlohmann::json body = {{"records", nlohmann::json::array()}};
        for (const auto& r : records) body["records"].push_back({{"id", r.id}, {"kind", r.kind}, {"data", r.data}});
        const auto answer = connection.push(body);
        if (answer.error) {
            note_failed_attempt(*db_, records, answer.error.message);
            return answer.error;
        }
        std::vector<RecordOutcome> outcomes;
        try {
            // Keep the parsed document alive for the loop: `parse(...).at(...)` in the range
            // would refer into a temporary that is gone before the first iteration.
            const auto parsed = nlohmann::json::parse(answer.body);
            for (const auto& result : parsed.at("results"))
                outcomes.push_back({result.at("id").get<std::string>(), result.at("status").get<std::string>(), result.value("reason", "")});
        } catch (const nlohmann::json::exception&) {
            return {SyncErrorKind::Server, "the server's answer to a push could not be read"};
        }
        settle_outbox(*db_, outcomes);
        refresh_counts();
        // A batch in which nothing left the outbox would repeat forever: stop and retry later.
        bool progressed = false;
        for (const auto& o : outcomes) progressed = progressed || !o.id.empty();
        if (!progressed) return {SyncErrorKind::Server, "the server acknowledged none of the records"};
    }
}

SyncError SyncEngine::reset_from_snapshot(ServerConnection& connection) {
    set_phase(SyncPhase::DownloadingSnapshot, 0);
    const auto file = settings_.replica_path.parent_path() / "snapshot.download";
    const auto answer = connection.snapshot_to_file(file, [this](std::size_t bytes) {
        // The size is not known in advance; show movement on a scale that fills slowly.
        set_phase(SyncPhase::DownloadingSnapshot, std::min(0.5, static_cast<double>(bytes) / (8.0 * 1024 * 1024)));
    });
    if (answer.error) {
        std::filesystem::remove(file);
        return answer.error;
    }
    set_phase(SyncPhase::ApplyingSnapshot, 0.5);
    try {
        apply_snapshot_file(*db_, file, [this](std::int64_t rows) {
            set_phase(SyncPhase::ApplyingSnapshot, std::min(0.99, 0.5 + static_cast<double>(rows) / 20000.0));
        });
    } catch (const std::invalid_argument& e) {
        std::filesystem::remove(file);
        return {SyncErrorKind::Server, e.what()};
    }
    std::filesystem::remove(file);
    etag_.clear();
    return {};
}

SyncError SyncEngine::pull(ServerConnection& connection) {
    if (!stored_cursor(*db_)) {
        if (auto error = reset_from_snapshot(connection)) return error;
    }
    set_phase(SyncPhase::Pulling);
    for (int pages = 0; pages < 100000; ++pages) {
        const std::int64_t cursor = *stored_cursor(*db_);
        std::string new_etag;
        const auto answer = connection.changes(cursor, settings_.page_size, etag_, &new_etag);
        if (answer.error.kind == SyncErrorKind::ResetRequired) {
            if (auto error = reset_from_snapshot(connection)) return error;
            set_phase(SyncPhase::Pulling);
            continue;
        }
        if (answer.error) return answer.error;
        if (answer.status == 304) return {};
        try {
            const auto page = apply_change_page(*db_, answer.body);
            refresh_counts();
            if (!page.more) {
                etag_ = new_etag;  // the next idle poll from this cursor becomes a 304
                return {};
            }
            etag_.clear();
        } catch (const std::invalid_argument& e) {
            return {SyncErrorKind::Server, e.what()};
        }
    }
    return {SyncErrorKind::Server, "the server kept sending pages"};
}

SyncError SyncEngine::run_once() {
    SyncError error;
    try {
        if (!db_) {
            db_.emplace(replica::open_replica(settings_.replica_path.string()));
            db_->exec("PRAGMA wal_autocheckpoint = 0");  // see checkpoint()
        }
        refresh_counts();
        const auto credentials = load_credentials(settings_.credentials_path);
        if (!credentials) {
            set_phase(SyncPhase::NotEnrolled);
            return {SyncErrorKind::Unauthorized, "this device is not enrolled; enroll it with a code from your administrator"};
        }
        ServerConnection connection(credentials->server_url, credentials->token, settings_.connection);
        error = push_outbox(connection);
        if (!error) error = pull(connection);
    } catch (const sqlite::SqliteError& e) {
        error = disk_error(e);
    } catch (const std::exception& e) {
        error = {SyncErrorKind::Server, std::string("sync failed: ") + e.what()};
    }

    if (error.kind == SyncErrorKind::Wipe || error.kind == SyncErrorKind::Revoked) {
        // A revoked or wiped laptop may be lost: what it has not sent can never be sent now, and
        // must not stay on it. The content stays, since it is public guidance.
        const int erased = db_ ? erase_local_logs(*db_) : 0;
        erase_credentials(settings_.credentials_path);
        error.message += " (" + std::to_string(erased) + " local log(s) and the token were erased)";
    }
    const auto now = std::chrono::system_clock::now();
    try {
        if (db_) refresh_counts();
        if (!error) {
            // Written before the status lock is taken: a write can wait on the disk, and the UI
            // reads the status every frame. Without an fsync: a time lost in a power cut only
            // makes the kiosk say it synced earlier than it did.
            const ContentDurability refetchable(*db_);
            set_sync_state(*db_, kLastSuccessKey,
                           std::to_string(std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count()));
        }
    } catch (const sqlite::SqliteError& e) {
        // A failing disk here must not escape run_once: it would end the engine's thread.
        error = disk_error(e);
    }
    std::lock_guard lock(mutex_);
    status_.progress = -1;
    if (!error) {
        status_.last_success = now;
        status_.last_error.clear();
        status_.phase = SyncPhase::Idle;
        return error;
    }
    status_.last_error = error.message;
    switch (error.kind) {
        case SyncErrorKind::Revoked: status_.phase = SyncPhase::Revoked; break;
        case SyncErrorKind::Wipe: status_.phase = SyncPhase::Wiped; break;
        case SyncErrorKind::Unauthorized: status_.phase = SyncPhase::NotEnrolled; break;
        default: status_.phase = SyncPhase::WaitingToRetry; break;
    }
    return error;
}

void SyncEngine::set_interval(std::chrono::seconds interval) {
    std::lock_guard lock(mutex_);
    settings_.interval = interval;
}

void SyncEngine::checkpoint() {
    if (!db_) return;
    try {
        db_->exec("PRAGMA wal_checkpoint(PASSIVE)");
    } catch (const sqlite::SqliteError&) {
        // A disk that fails here fails the next sync too, which reports it; the log stays
        // whole in the WAL until a checkpoint succeeds.
    }
}

void SyncEngine::thread_main() {
    std::mt19937 random(std::random_device{}());
    auto backoff = settings_.backoff_min;
    for (;;) {
        const auto error = run_once();
        checkpoint();
        std::chrono::milliseconds delay;
        {
            std::lock_guard lock(mutex_);
            delay = settings_.interval;
        }
        bool wait_for_person = false;
        if (!error) {
            backoff = settings_.backoff_min;
        } else if (error.kind == SyncErrorKind::Revoked || error.kind == SyncErrorKind::Wipe || error.kind == SyncErrorKind::Unauthorized) {
            wait_for_person = true;  // nothing will change until someone acts (enrolls again)
        } else {
            // Exponential backoff with jitter, so many laptops coming back online do not all
            // call at the same moment; the timer also retries the outbox.
            std::uniform_real_distribution<double> jitter(0.5, 1.0);
            delay = std::chrono::milliseconds(static_cast<long long>(static_cast<double>(backoff.count()) * jitter(random)));
            backoff = std::min(settings_.backoff_max, backoff * 2);
        }
        std::unique_lock lock(mutex_);
        const auto woken = [this] { return stopping_ || wake_requested_; };
        if (wait_for_person) wake_.wait(lock, woken);
        else wake_.wait_for(lock, delay, woken);
        if (stopping_) return;
        wake_requested_ = false;
    }
}

}  // namespace faltstod::sync
