// Enrollment, token checks and device administration; see device_registry.hpp.
#include "device_registry.hpp"

#include "token_crypto.hpp"
#include "utc_clock.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace faltstod::server {

namespace {

Device device_from_row(const sqlite::Statement& row) {
    Device d;
    d.id = row.column_text(0);
    d.name = row.column_text(1);
    d.role = parse_role(row.column_text(2)).value_or(Role::Reader);
    d.county = row.column_optional_text(3);
    d.created_at = row.column_text(4);
    d.last_seen_at = row.column_optional_text(5);
    d.revoked_at = row.column_optional_text(6);
    d.wipe_requested_at = row.column_optional_text(7);
    d.wiped_at = row.column_optional_text(8);
    return d;
}

constexpr const char* kDeviceColumns = "id, name, role, county, created_at, last_seen_at, revoked_at, wipe_requested_at, wiped_at";

}  // namespace

std::string role_name(Role role) {
    switch (role) {
        case Role::Reader: return "reader";
        case Role::Editor: return "editor";
        case Role::Admin: return "admin";
    }
    return "reader";
}

std::optional<Role> parse_role(const std::string& text) {
    if (text == "reader") return Role::Reader;
    if (text == "editor") return Role::Editor;
    if (text == "admin") return Role::Admin;
    return std::nullopt;
}

NewEnrollmentCode create_enrollment_code(sqlite::Database& db, Role role, const std::optional<std::string>& county,
                                         std::chrono::seconds valid_for, const AuditActor& actor) {
    NewEnrollmentCode code{random_enrollment_code(), to_utc_iso(std::chrono::system_clock::now() + valid_for)};
    sqlite::Transaction tx(db);
    db.prepare("INSERT INTO enrollment_codes (code_hash, role, county, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")
        .bind(1, sha256_hex(normalise_enrollment_code(code.code)))
        .bind(2, role_name(role))
        .bind(3, county)
        .bind(4, now_utc_iso())
        .bind(5, code.expires_at)
        .run();
    // The code itself is a secret until used: only what it grants is recorded.
    record_audit(db, actor, AuditAction::EnrollmentCodeCreated, std::nullopt,
                 {{"role", role_name(role)},
                  {"county", county ? nlohmann::json(*county) : nlohmann::json(nullptr)},
                  {"valid_hours", std::chrono::duration_cast<std::chrono::hours>(valid_for).count()},
                  {"expires_at", code.expires_at}});
    tx.commit();
    return code;
}

std::string generated_device_name(std::int64_t number) {
    char text[32];
    std::snprintf(text, sizeof text, "Enhet %04lld", static_cast<long long>(number));
    return text;
}

Enrollment enroll_device(sqlite::Database& db, const std::string& typed_code) {
    Enrollment result;
    sqlite::Transaction tx(db);
    auto code = db.prepare("SELECT role, county, expires_at, used_at FROM enrollment_codes WHERE code_hash = ?");
    code.bind(1, sha256_hex(normalise_enrollment_code(typed_code)));
    if (!code.step()) {
        result.failure = "the enrollment code is not valid; check it with your administrator";
        return result;
    }
    const std::string now = now_utc_iso();
    if (!code.column_is_null(3)) {
        result.failure = "the enrollment code has already been used; ask your administrator for a new one";
        return result;
    }
    if (code.column_text(2) <= now) {
        result.failure = "the enrollment code has expired; ask your administrator for a new one";
        return result;
    }
    result.device.id = random_uuid();
    // Devices are never deleted (a revoked one keeps its row), so the count numbers them uniquely.
    auto enrolled = db.prepare("SELECT count(*) FROM devices");
    enrolled.step();
    result.device.name = generated_device_name(enrolled.column_int(0) + 1);
    result.device.role = parse_role(code.column_text(0)).value_or(Role::Reader);
    result.device.county = code.column_optional_text(1);
    result.device.created_at = now;
    result.token = random_token();
    db.prepare("INSERT INTO devices (id, name, role, county, token_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(1, result.device.id)
        .bind(2, result.device.name)
        .bind(3, role_name(result.device.role))
        .bind(4, result.device.county)
        .bind(5, sha256_hex(result.token))
        .bind(6, now)
        .run();
    db.prepare("UPDATE enrollment_codes SET used_at = ?, device_id = ? WHERE code_hash = ?")
        .bind(1, now)
        .bind(2, result.device.id)
        .bind(3, sha256_hex(normalise_enrollment_code(typed_code)))
        .run();
    tx.commit();
    result.ok = true;
    return result;
}

Authentication authenticate(sqlite::Database& db, const std::string& token) {
    Authentication auth;
    if (token.empty()) return auth;
    // Every request passes here: the statements are kept on the pooled connection.
    static const std::string kByToken = std::string("SELECT ") + kDeviceColumns + " FROM devices WHERE token_hash = ?";
    auto stmt = db.prepare_cached(kByToken);
    stmt->bind(1, sha256_hex(token));
    if (!stmt->step()) return auth;
    auth.device = device_from_row(*stmt);
    // Ends this read now: the UPDATE below would otherwise upgrade an open read transaction,
    // and SQLite answers that with SQLITE_BUSY at once (no busy wait) whenever another
    // connection writes: 503s under load (tests/system/server_load_test.cpp).
    stmt->reset();
    if (auth.device.wipe_requested_at) auth.status = AuthStatus::WipeRequested;
    else if (auth.device.revoked_at) auth.status = AuthStatus::Revoked;
    else auth.status = AuthStatus::Ok;
    if (auth.status == AuthStatus::Ok) {
        const auto now = std::chrono::system_clock::now();
        // The bound as text, formatted once a second per thread: formatting it for every
        // request was 7 % of an idle poll. to_utc_iso() drops the fraction of a second, so
        // the text is the same for every instant of that second.
        thread_local std::chrono::sys_seconds bound_second{};
        thread_local std::string stale_before;
        const auto second = std::chrono::floor<std::chrono::seconds>(now);
        if (second != bound_second || stale_before.empty()) {
            bound_second = second;
            stale_before = to_utc_iso(second - std::chrono::minutes(1));
        }
        if (!auth.device.last_seen_at || *auth.device.last_seen_at < stale_before) {
            db.prepare_cached("UPDATE devices SET last_seen_at = ? WHERE id = ?")->bind(1, to_utc_iso(now)).bind(2, auth.device.id).run();
        }
    }
    return auth;
}

std::vector<Device> list_devices(sqlite::Database& db) {
    auto stmt = db.prepare(std::string("SELECT ") + kDeviceColumns + " FROM devices ORDER BY created_at, id");
    std::vector<Device> devices;
    while (stmt.step()) devices.push_back(device_from_row(stmt));
    return devices;
}

bool revoke_device(sqlite::Database& db, const std::string& device_id, const AuditActor& actor) {
    sqlite::Transaction tx(db);
    db.prepare("UPDATE devices SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?").bind(1, now_utc_iso()).bind(2, device_id).run();
    if (db.changes() == 0) return false;
    record_audit(db, actor, AuditAction::DeviceRevoked, device_id, nlohmann::json::object());
    tx.commit();
    return true;
}

bool request_wipe(sqlite::Database& db, const std::string& device_id, const AuditActor& actor) {
    sqlite::Transaction tx(db);
    db.prepare("UPDATE devices SET wipe_requested_at = coalesce(wipe_requested_at, ?) WHERE id = ?")
        .bind(1, now_utc_iso())
        .bind(2, device_id)
        .run();
    if (db.changes() == 0) return false;
    record_audit(db, actor, AuditAction::DeviceWipeOrdered, device_id, nlohmann::json::object());
    tx.commit();
    return true;
}

bool record_wipe_done(sqlite::Database& db, const std::string& device_id, const std::string& proof) {
    auto stmt = db.prepare("SELECT token_hash FROM devices WHERE id = ? AND wipe_requested_at IS NOT NULL");
    stmt.bind(1, device_id);
    if (!stmt.step()) return false;
    const std::string stored = stmt.column_text(0);
    // Compared in constant time: the hash is not a secret that opens anything, but nothing
    // about it should leak through timing either.
    if (stored.size() != proof.size()) return false;
    unsigned char difference = 0;
    for (std::size_t i = 0; i < stored.size(); ++i) difference |= static_cast<unsigned char>(stored[i] ^ proof[i]);
    if (difference != 0) return false;
    db.prepare("UPDATE devices SET wiped_at = coalesce(wiped_at, ?) WHERE id = ?").bind(1, now_utc_iso()).bind(2, device_id).run();
    return true;
}

int count_active_devices(sqlite::Database& db) {
    auto stmt = db.prepare("SELECT count(*) FROM devices WHERE revoked_at IS NULL AND wipe_requested_at IS NULL");
    stmt.step();
    return static_cast<int>(stmt.column_int(0));
}

}  // namespace faltstod::server
