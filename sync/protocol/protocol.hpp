// Protocol v1 between the kiosk and faltstod-server: the constants both sides must agree on.
// docs/protocol.md says what they mean; docs/openapi.yaml lists every endpoint.
#pragma once

#include <array>
#include <cctype>
#include <string_view>

namespace faltstod::protocol {

inline constexpr int kVersion = 1;
// Sent on every response, and by clients on every request (absent means version 1).
inline constexpr const char* kVersionHeader = "X-Faltstod-Protocol";

// The content tables a change or snapshot row can belong to, in the order a snapshot lists
// them (referenced tables first).
inline constexpr std::array<std::string_view, 7> kContentTables = {
    "topics", "counties", "guidance", "contacts", "support_lines", "checklists", "events"};

// Machine-readable error codes in {"error": {"code": …, "message": …}} bodies.
namespace error_code {
inline constexpr const char* kBadRequest = "bad_request";
inline constexpr const char* kUnauthorized = "unauthorized";
inline constexpr const char* kRevoked = "revoked";
inline constexpr const char* kWipe = "wipe";
inline constexpr const char* kForbidden = "forbidden";
inline constexpr const char* kNotFound = "not_found";
inline constexpr const char* kTooLarge = "too_large";
inline constexpr const char* kRateLimited = "rate_limited";
inline constexpr const char* kResetRequired = "reset_required";
inline constexpr const char* kUnsupportedProtocol = "unsupported_protocol";
inline constexpr const char* kInternal = "internal";
}  // namespace error_code

// Per-record outcomes of POST /v1/push.
namespace push_status {
inline constexpr const char* kApplied = "applied";
inline constexpr const char* kDuplicate = "duplicate";
inline constexpr const char* kConflict = "conflict";
inline constexpr const char* kRejected = "rejected";
}  // namespace push_status

// Device and record ids are UUIDs written 8-4-4-4-12 in hex; both sides refuse anything else.
inline bool is_uuid(std::string_view text) {
    if (text.size() != 36) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? text[i] != '-' : !std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
    }
    return true;
}

}  // namespace faltstod::protocol
