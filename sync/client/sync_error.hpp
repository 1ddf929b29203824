// What went wrong in a sync, enrollment or statistics request, as values: a kind that decides
// what the engine does next, and a problem code that the kiosk turns into a sentence in the
// person's language (app/sync_messages.hpp). No text from the server or from a library is ever
// shown to a person; `detail` holds a short technical note for logs and stderr only.
#pragma once

#include <string>

namespace faltstod::sync {

// What the engine does about it.
enum class SyncErrorKind {
    None,
    Network,        // no connection, timeout, TLS failure: retry with backoff
    Server,         // 5xx, or an answer that breaks the protocol: retry with backoff
    Rejected,       // 4xx for this request: a bug or bad input, do not retry blindly
    Unauthorized,   // not enrolled, or the token is unknown: enroll again
    Revoked,        // an administrator revoked the device (over a trusted channel): stop syncing
    Wipe,           // an administrator ordered a wipe (over a trusted channel): erase logs and token
    ResetRequired,  // the cursor is too old: reset from the snapshot
};

// What happened, for the sentence a person reads. Append new codes at the end of a group; the
// names (problem_name) appear in logs and tests.
enum class SyncProblem {
    None,
    // This device.
    NotEnrolled,
    CredentialsDamaged,
    DiskFull,
    DiskError,
    LocalFailure,
    // The address and the connection.
    BadServerAddress,   // not http(s)://host[:port]
    PlainHttpRefused,   // http:// to an address that is not this computer, without --insecure
    CannotConnect,      // name lookup, refused, unreachable
    TimedOut,           // a request or the whole sync ran past its deadline
    TooSlow,            // the answer trickled in below the lowest speed accepted
    TlsUntrusted,       // not signed by a trusted authority (or the CA file)
    TlsExpired,
    TlsNotYetValid,     // usually this computer's clock
    TlsWrongName,       // issued for another server name
    TlsFailed,          // any other TLS failure
    // The server's answer.
    ServerTrouble,      // 5xx
    ServerBusy,         // 429, 503
    ServerDiskFull,     // 507
    ProtocolMismatch,   // 426: update the kiosk
    RequestRefused,     // another 4xx
    AnswerTooLarge,     // over the size limit for its kind
    AnswerUnreadable,   // not what the protocol promises
    // Content integrity and the sync's own rules.
    NoContentKey,       // enrolled before content was signed, and no trusted channel to pin it
    UnsignedContent,
    BadSignature,
    CursorInvalid,      // negative, or moving backwards without a reset
    TooManyPages,       // the server kept saying "more": stopped, continued at the next sync
    ResetLoop,          // asked to start over again right after starting over
    SnapshotTooLarge,   // over the size limit, or more than the free disk allows
    SnapshotIncomplete,
    SnapshotWouldEmpty, // would remove most content: the old content is kept
    PushAnswerMismatch, // ids that were not sent, repeated ids or unknown statuses
    // This device's access.
    TokenUnknown,       // 401: enroll again
    Revoked,
    Wiped,
    UntrustedOrderIgnored,  // a revoke or wipe order over a channel that is not verified TLS
    EnrollCodeRefused,
    RateLimited,
    StatsForbidden,     // this device's role or county may not see these statistics
};

// A stable English identifier ("plain-http-refused"), for logs, stderr and tests.
const char* problem_name(SyncProblem problem);

struct SyncError {
    SyncErrorKind kind = SyncErrorKind::None;
    SyncProblem problem = SyncProblem::None;
    std::string detail;  // technical, for logs and stderr: "HTTP 502", an OpenSSL code; never shown alone
    explicit operator bool() const { return kind != SyncErrorKind::None; }
};

// "problem-name (detail)": the one-line English form for logs.
std::string to_log_text(const SyncError& error);

}  // namespace faltstod::sync
