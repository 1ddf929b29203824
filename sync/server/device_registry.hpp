// Devices and their access: one-time enrollment codes become device tokens; tokens are checked
// on every request; admins list, revoke and order wipes. Only hashes of codes and tokens are
// stored. Every function runs its own transaction on the given connection; the acts of an
// administrator are written to the audit trail (audit_trail.hpp) in the same transaction.
//
// A device's name is generated here ("Enhet 0007": the devices in order of enrollment), never
// taken from the device: a free-text name was a field nobody guarded, and a name, a
// personnummer or an address typed into it was stored and listed.
#pragma once

#include "audit_trail.hpp"
#include "sqlite_db.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace faltstod::server {

enum class Role { Reader, Editor, Admin };
std::string role_name(Role role);
std::optional<Role> parse_role(const std::string& text);

struct Device {
    std::string id;
    std::string name;  // generated: "Enhet 0007"
    Role role = Role::Reader;
    std::optional<std::string> county;
    std::string created_at;
    std::optional<std::string> last_seen_at;
    std::optional<std::string> revoked_at;
    std::optional<std::string> wipe_requested_at;
    std::optional<std::string> wiped_at;  // when the device reported that it obeyed the wipe
};

struct NewEnrollmentCode {
    std::string code;  // shown once to the admin; only its hash is stored
    std::string expires_at;
};

NewEnrollmentCode create_enrollment_code(sqlite::Database& db, Role role, const std::optional<std::string>& county,
                                         std::chrono::seconds valid_for, const AuditActor& actor);

struct Enrollment {
    bool ok = false;
    std::string failure;  // why not, in words for the person at the device
    Device device;
    std::string token;  // the bearer token, returned once
};

// Uses up the code (single use) and creates the device with the next generated name, in one
// transaction.
Enrollment enroll_device(sqlite::Database& db, const std::string& typed_code);

// "Enhet 0007" for the 7th device enrolled.
std::string generated_device_name(std::int64_t number);

enum class AuthStatus { Ok, UnknownToken, Revoked, WipeRequested };
struct Authentication {
    AuthStatus status = AuthStatus::UnknownToken;
    Device device;
};

// Checks a bearer token; on success records when the device was last seen (at most once a minute).
Authentication authenticate(sqlite::Database& db, const std::string& token);

std::vector<Device> list_devices(sqlite::Database& db);
// Both return false (and record nothing) when no device has that id.
bool revoke_device(sqlite::Database& db, const std::string& device_id, const AuditActor& actor);
bool request_wipe(sqlite::Database& db, const std::string& device_id, const AuditActor& actor);
int count_active_devices(sqlite::Database& db);

// A device reports that it obeyed a wipe order: `proof` is the SHA-256 (hex) of the token it
// erased, which the server stores too. Records the time once; false when no device with a wipe
// order has that id and token hash.
bool record_wipe_done(sqlite::Database& db, const std::string& device_id, const std::string& proof);

}  // namespace faltstod::server
