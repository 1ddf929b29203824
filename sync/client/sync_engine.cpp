// The sync engine's steps and its thread; see sync_engine.hpp and docs/sync-engine.md.
#include "sync_engine.hpp"

#include "consultation_record.hpp"
#include "content_signature.hpp"
#include "content_store.hpp"
#include "content_verification.hpp"
#include "outbox.hpp"
#include "protocol.hpp"
#include "replica_schema.hpp"
#include "replica_sync.hpp"
#include "wipe_receipt.hpp"

#include <algorithm>
#include <cctype>
#include <random>
#include <set>

namespace faltstod::sync {

namespace {

std::chrono::system_clock::time_point from_epoch(const std::string& text) {
    return std::chrono::system_clock::time_point(std::chrono::seconds(std::stoll(text)));
}

// A failed write to the replica, as a problem a person can act on.
SyncError disk_error(const sqlite::SqliteError& e) {
    const int primary = e.code() & 0xff;
    if (primary == SQLITE_FULL) return {SyncErrorKind::Server, SyncProblem::DiskFull, e.what()};
    if (primary == SQLITE_IOERR) return {SyncErrorKind::Server, SyncProblem::DiskError, e.what()};
    return {SyncErrorKind::Server, SyncProblem::LocalFailure, e.what()};
}

SyncError unreadable(std::string detail) { return {SyncErrorKind::Server, SyncProblem::AnswerUnreadable, std::move(detail)}; }

// A rejection reason is the server's text, kept to show with the log it concerns: at most 300
// characters, no control characters, whatever was sent.
std::string bounded_reason(const std::string& text) {
    constexpr std::size_t kLimit = 300;
    std::string out;
    for (const unsigned char c : text) {
        if (out.size() >= kLimit) break;
        out += (c < 0x20 || c == 0x7f) ? ' ' : static_cast<char>(c);
    }
    if (text.size() <= kLimit) return out;
    // Cut: drop a UTF-8 sequence the cut left unfinished (a whole last letter stays).
    std::size_t start = out.size();
    while (start > 0 && out.size() - start < 4 && (static_cast<unsigned char>(out[start - 1]) & 0xC0) == 0x80) --start;
    if (start == 0) return out;
    const auto lead = static_cast<unsigned char>(out[start - 1]);
    const std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (out.size() - (start - 1) < length) out.erase(start - 1);
    return out;
}

// The server's answer to a push, checked against what was sent: every id exactly once, a
// known status. Anything else settles nothing.
std::optional<std::vector<RecordOutcome>> read_push_answer(const std::string& body, const std::vector<OutboxRecord>& sent,
                                                           std::string& problem) {
    std::set<std::string> waiting;
    for (const auto& r : sent) waiting.insert(r.id);
    std::vector<RecordOutcome> outcomes;
    try {
        const auto parsed = nlohmann::json::parse(body);
        const auto results = parsed.find("results");
        if (!parsed.is_object() || results == parsed.end() || !results->is_array()) {
            problem = "no 'results' list";
            return std::nullopt;
        }
        for (const auto& result : *results) {
            const auto id = result.at("id").get<std::string>();
            const auto status = result.at("status").get<std::string>();
            if (waiting.erase(id) != 1) {
                problem = "an id that was not sent, or twice";
                return std::nullopt;
            }
            if (status != protocol::push_status::kApplied && status != protocol::push_status::kDuplicate &&
                status != protocol::push_status::kConflict && status != protocol::push_status::kRejected) {
                problem = "an unknown status";
                return std::nullopt;
            }
            std::string reason;
            if (const auto r = result.find("reason"); r != result.end() && r->is_string()) reason = bounded_reason(r->get<std::string>());
            outcomes.push_back({id, status, reason});
        }
    } catch (const nlohmann::json::exception&) {
        problem = "not the JSON of a push answer";
        return std::nullopt;
    }
    if (!waiting.empty()) {
        problem = std::to_string(waiting.size()) + " record(s) without an answer";
        return std::nullopt;
    }
    return outcomes;
}

ServerEndpoint endpoint_of(const DeviceCredentials& c) { return {c.server_url, c.token, c.insecure, c.ca_pem}; }

bool is_token(const std::string& text) {
    return !text.empty() && text.size() <= 200 &&
           std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_'; });
}

// The enrollment answer, every field checked: nothing malformed is ever saved.
std::optional<DeviceCredentials> read_enrollment(const std::string& body, std::string& problem) {
    try {
        const auto data = nlohmann::json::parse(body);
        DeviceCredentials c;
        c.device_id = data.at("device_id").get<std::string>();
        c.token = data.at("token").get<std::string>();
        c.role = data.at("role").get<std::string>();
        c.content_key = data.value("content_key", "");
        if (!protocol::is_uuid(c.device_id)) problem = "the device id is not a UUID";
        else if (!is_token(c.token)) problem = "the token is not usable";
        else if (c.role != "reader" && c.role != "editor" && c.role != "admin") problem = "an unknown role";
        else if (!protocol::is_public_key(c.content_key)) problem = "no valid content key";
        if (!problem.empty()) return std::nullopt;
        if (const auto county = data.find("county"); county != data.end() && !county->is_null()) {
            const auto& codes = protocol::county_codes();
            if (!county->is_string() || std::find(codes.begin(), codes.end(), county->get<std::string>()) == codes.end()) {
                problem = "an unknown county";
                return std::nullopt;
            }
            c.county = county->get<std::string>();
        }
        return c;
    } catch (const nlohmann::json::exception&) {
        problem = "not the JSON of an enrollment answer";
        return std::nullopt;
    }
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
                        const std::string& device_name, bool insecure) {
    ServerConnection connection(ServerEndpoint{server_url, "", insecure, ""}, settings.connection);
    if (connection.address_error()) return connection.address_error();
    // A wipe this laptop obeyed earlier and could not report yet travels with the enrollment.
    const auto receipt_file = wipe_receipt_path(settings.credentials_path);
    const auto receipt = load_wipe_receipt(receipt_file);
    const bool same_server = receipt && receipt->server_url == server_url;
    const auto answer = connection.enroll(code, device_name, same_server ? std::optional(receipt_body(*receipt)) : std::nullopt);
    if (answer.error) return answer.error;
    std::string problem;
    auto credentials = read_enrollment(answer.body, problem);
    if (!credentials) return unreadable("enrollment: " + problem);
    credentials->server_url = server_url;
    // Kept only where it matters: to a loopback address plain HTTP needs no permission.
    credentials->insecure = connection.trust() == ChannelTrust::Insecure;
    credentials->ca_pem = settings.connection.ca_pem;
    try {
        save_credentials(settings.credentials_path, *credentials);
    } catch (const std::exception& e) {
        return {SyncErrorKind::Server, SyncProblem::DiskError, e.what()};
    }
    if (same_server) erase_wipe_receipt(receipt_file);
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

bool SyncEngine::past_deadline() const { return std::chrono::steady_clock::now() - sync_started_ > settings_.sync_deadline; }

SyncError SyncEngine::push_outbox(ServerConnection& connection) {
    // Each answered batch takes its records out of the outbox (or into quarantine); a batch
    // the server does not answer properly stops the push. More batches than the outbox held
    // at the start (logs saved meanwhile wait for the next sync) would be a loop.
    const int batches = outbox_size(*db_) / std::max(1, settings_.push_batch) + 1;
    for (int batch = 0; batch < batches; ++batch) {
        if (past_deadline()) return {SyncErrorKind::Network, SyncProblem::TimedOut, "the sync's deadline passed while pushing"};
        const auto records = pending_records(*db_, settings_.push_batch);
        if (records.empty()) return {};
        set_phase(SyncPhase::Pushing);
        nlohmann::json body = {{"records", nlohmann::json::array()}};
        for (const auto& r : records) body["records"].push_back({{"id", r.id}, {"kind", r.kind}, {"data", r.data}});
        const auto answer = connection.push(body);
        if (answer.error) {
            note_failed_attempt(*db_, records, to_log_text(answer.error));
            return answer.error;
        }
        std::string problem;
        const auto outcomes = read_push_answer(answer.body, records, problem);
        if (!outcomes) {
            note_failed_attempt(*db_, records, "push answer: " + problem);
            return {SyncErrorKind::Server, SyncProblem::PushAnswerMismatch, problem};
        }
        settle_outbox(*db_, *outcomes);
        refresh_counts();
    }
    return {};
}

SyncError SyncEngine::reset_from_snapshot(ServerConnection& connection, const std::string& content_key) {
    set_phase(SyncPhase::DownloadingSnapshot, 0);
    const auto folder = std::filesystem::absolute(settings_.replica_path).parent_path();
    const auto file = folder / "snapshot.download";
    // The download may use the free disk but for a reserve: the logs that wait to be sent
    // need room to be saved, and a server must not be able to take it.
    std::error_code ignored;
    const auto space = std::filesystem::space(folder, ignored);
    const std::uint64_t reserve = settings_.connection.disk_reserve_bytes;
    const std::uint64_t allowed =
        std::min<std::uint64_t>(settings_.connection.max_snapshot_bytes, space.available > reserve ? space.available - reserve : 0);
    if (allowed == 0) return {SyncErrorKind::Server, SyncProblem::DiskFull, "no free disk for a snapshot"};
    const auto answer = connection.snapshot_to_file(file, allowed, [this](std::uint64_t bytes) {
        // The size is not known in advance; show movement on a scale that fills slowly.
        set_phase(SyncPhase::DownloadingSnapshot, std::min(0.5, static_cast<double>(bytes) / (8.0 * 1024 * 1024)));
    });
    struct RemoveAtEnd {
        std::filesystem::path file;
        ~RemoveAtEnd() {
            std::error_code ignored;
            std::filesystem::remove(file, ignored);
        }
    } remove_download{file};
    if (answer.error) return answer.error;
    if (auto error = verify_snapshot_file(content_key, file)) return error;
    set_phase(SyncPhase::ApplyingSnapshot, 0.5);
    try {
        apply_snapshot_file(
            *db_, file,
            [this](std::int64_t rows) { set_phase(SyncPhase::ApplyingSnapshot, std::min(0.99, 0.5 + static_cast<double>(rows) / 20000.0)); },
            settings_.snapshot_rules);
    } catch (const ContentRefused& e) {
        return {SyncErrorKind::Server, e.problem(), e.what()};
    }
    etag_.clear();
    return {};
}

SyncError SyncEngine::pull(ServerConnection& connection, const std::string& content_key) {
    // One reset at the most per sync: a server that answers "start over" again right after a
    // snapshot would otherwise have the laptop download it for ever.
    bool reset_done = false;
    if (!stored_cursor(*db_)) {
        if (auto error = reset_from_snapshot(connection, content_key)) return error;
        reset_done = true;
    }
    set_phase(SyncPhase::Pulling);
    for (int pages = 0; pages < settings_.max_pages_per_sync; ++pages) {
        if (past_deadline()) return {SyncErrorKind::Network, SyncProblem::TimedOut, "the sync's deadline passed while pulling"};
        const std::int64_t cursor = *stored_cursor(*db_);
        const auto answer = connection.changes(cursor, settings_.page_size, etag_);
        if (answer.error.kind == SyncErrorKind::ResetRequired) {
            if (reset_done) return {SyncErrorKind::Server, SyncProblem::ResetLoop, "asked to reset again right after a reset"};
            if (auto error = reset_from_snapshot(connection, content_key)) return error;
            reset_done = true;
            set_phase(SyncPhase::Pulling);
            continue;
        }
        if (answer.error) return answer.error;
        if (answer.status == 304) return {};
        if (auto error = verify_change_page(content_key, cursor, answer.body, answer.header("faltstod-signature"))) return error;
        try {
            const auto page = apply_change_page(*db_, answer.body, cursor);
            refresh_counts();
            if (!page.more) {
                etag_ = answer.header("etag");  // the next idle poll from this cursor becomes a 304
                return {};
            }
            if (page.cursor == cursor)
                return {SyncErrorKind::Server, SyncProblem::CursorInvalid, "'more' without the cursor moving on"};
            etag_.clear();
        } catch (const ContentRefused& e) {
            return {SyncErrorKind::Server, e.problem(), e.what()};
        }
    }
    return {SyncErrorKind::Server, SyncProblem::TooManyPages, std::to_string(settings_.max_pages_per_sync) + " pages in one sync"};
}

SyncError SyncEngine::ensure_content_key(ServerConnection& connection, DeviceCredentials& credentials) {
    if (!credentials.content_key.empty()) return {};
    // Enrolled before content was signed: pin the key now, but only over a channel nobody on the
    // network can have written (verified TLS or this computer); else the device must enroll again.
    if (!may_obey_destructive_orders(connection.trust()))
        return {SyncErrorKind::Unauthorized, SyncProblem::NoContentKey, "enroll again to pin the server's content key"};
    const auto answer = connection.content_key();
    if (answer.error) return answer.error;
    try {
        const auto key = nlohmann::json::parse(answer.body).at("content_key").get<std::string>();
        if (!protocol::is_public_key(key)) return unreadable("the content key is not an Ed25519 public key");
        credentials.content_key = key;
        save_credentials(settings_.credentials_path, credentials);
    } catch (const nlohmann::json::exception&) {
        return unreadable("the content key answer");
    }
    return {};
}

void SyncEngine::deliver_wipe_receipt() {
    const auto file = wipe_receipt_path(settings_.credentials_path);
    const auto receipt = load_wipe_receipt(file);
    if (!receipt) return;
    ServerConnection connection(ServerEndpoint{receipt->server_url, "", receipt->insecure, receipt->ca_pem}, settings_.connection);
    const auto answer = connection.wipe_receipt(receipt_body(*receipt));
    // 404: the server no longer knows the device (removed, or restored from an older backup);
    // there is nobody left to tell.
    if (!answer.error || answer.status == 404) erase_wipe_receipt(file);
}

SyncError SyncEngine::obey_order(const SyncError& order, const DeviceCredentials& credentials) {
    // A revoked or wiped laptop may be lost: what it has not sent can never be sent now, and
    // must not stay on it. The content stays, since it is public guidance.
    SyncError result = order;
    const int erased = db_ ? erase_local_logs(*db_) : 0;
    if (order.kind == SyncErrorKind::Wipe) save_wipe_receipt(wipe_receipt_path(settings_.credentials_path), make_wipe_receipt(credentials));
    erase_credentials(settings_.credentials_path);
    result.detail += "; " + std::to_string(erased) + " local log(s) and the token erased";
    if (order.kind == SyncErrorKind::Wipe) deliver_wipe_receipt();
    return result;
}

SyncError SyncEngine::run_once() {
    SyncError error;
    sync_started_ = std::chrono::steady_clock::now();
    bool insecure = false;
    try {
        if (!db_) {
            db_.emplace(replica::open_replica(settings_.replica_path.string()));
            db_->exec("PRAGMA wal_autocheckpoint = 0");  // see checkpoint()
        }
        refresh_counts();
        deliver_wipe_receipt();
        std::optional<DeviceCredentials> credentials;
        try {
            credentials = load_credentials(settings_.credentials_path);
        } catch (const std::runtime_error& e) {
            error = {SyncErrorKind::Unauthorized, SyncProblem::CredentialsDamaged, e.what()};
        }
        if (!error && !credentials) error = {SyncErrorKind::Unauthorized, SyncProblem::NotEnrolled, ""};
        if (!error) {
            insecure = credentials->insecure;
            ServerConnection connection(endpoint_of(*credentials), settings_.connection);
            error = connection.address_error();
            if (!error) error = ensure_content_key(connection, *credentials);
            if (!error) error = push_outbox(connection);
            if (!error) error = pull(connection, credentials->content_key);
            if (error.kind == SyncErrorKind::Wipe || error.kind == SyncErrorKind::Revoked) error = obey_order(error, *credentials);
        }
    } catch (const sqlite::SqliteError& e) {
        error = disk_error(e);
    } catch (const std::exception& e) {
        error = {SyncErrorKind::Server, SyncProblem::LocalFailure, e.what()};
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
    status_.insecure = insecure;
    if (!error) {
        status_.last_success = now;
        status_.last_error = {};
        status_.phase = SyncPhase::Idle;
        return error;
    }
    status_.last_error = error;
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
        const bool person_must_act =
            error.kind == SyncErrorKind::Revoked || error.kind == SyncErrorKind::Wipe || error.kind == SyncErrorKind::Unauthorized;
        // Nothing will change until someone acts (enrolls again) — but for a wipe receipt that
        // still waits for the server: that is retried with backoff, like any delivery.
        const bool wait_for_person = person_must_act && !std::filesystem::exists(wipe_receipt_path(settings_.credentials_path));
        if (!error) {
            backoff = settings_.backoff_min;
        } else if (!wait_for_person) {
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
