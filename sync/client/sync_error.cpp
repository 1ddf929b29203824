// Names of sync problems for logs; see sync_error.hpp.
#include "sync_error.hpp"

namespace faltstod::sync {

const char* problem_name(SyncProblem problem) {
    switch (problem) {
        case SyncProblem::None: return "none";
        case SyncProblem::NotEnrolled: return "not-enrolled";
        case SyncProblem::CredentialsDamaged: return "credentials-damaged";
        case SyncProblem::DiskFull: return "disk-full";
        case SyncProblem::DiskError: return "disk-error";
        case SyncProblem::LocalFailure: return "local-failure";
        case SyncProblem::BadServerAddress: return "bad-server-address";
        case SyncProblem::PlainHttpRefused: return "plain-http-refused";
        case SyncProblem::CannotConnect: return "cannot-connect";
        case SyncProblem::TimedOut: return "timed-out";
        case SyncProblem::TooSlow: return "too-slow";
        case SyncProblem::TlsUntrusted: return "tls-untrusted";
        case SyncProblem::TlsExpired: return "tls-expired";
        case SyncProblem::TlsNotYetValid: return "tls-not-yet-valid";
        case SyncProblem::TlsWrongName: return "tls-wrong-name";
        case SyncProblem::TlsFailed: return "tls-failed";
        case SyncProblem::ServerTrouble: return "server-trouble";
        case SyncProblem::ServerBusy: return "server-busy";
        case SyncProblem::ServerDiskFull: return "server-disk-full";
        case SyncProblem::ProtocolMismatch: return "protocol-mismatch";
        case SyncProblem::RequestRefused: return "request-refused";
        case SyncProblem::AnswerTooLarge: return "answer-too-large";
        case SyncProblem::AnswerUnreadable: return "answer-unreadable";
        case SyncProblem::NoContentKey: return "no-content-key";
        case SyncProblem::UnsignedContent: return "unsigned-content";
        case SyncProblem::BadSignature: return "bad-signature";
        case SyncProblem::CursorInvalid: return "cursor-invalid";
        case SyncProblem::TooManyPages: return "too-many-pages";
        case SyncProblem::ResetLoop: return "reset-loop";
        case SyncProblem::SnapshotTooLarge: return "snapshot-too-large";
        case SyncProblem::SnapshotIncomplete: return "snapshot-incomplete";
        case SyncProblem::SnapshotWouldEmpty: return "snapshot-would-empty";
        case SyncProblem::PushAnswerMismatch: return "push-answer-mismatch";
        case SyncProblem::TokenUnknown: return "token-unknown";
        case SyncProblem::Revoked: return "revoked";
        case SyncProblem::Wiped: return "wiped";
        case SyncProblem::UntrustedOrderIgnored: return "untrusted-order-ignored";
        case SyncProblem::EnrollCodeRefused: return "enroll-code-refused";
        case SyncProblem::RateLimited: return "rate-limited";
        case SyncProblem::StatsForbidden: return "stats-forbidden";
    }
    return "unknown";
}

std::string to_log_text(const SyncError& error) {
    std::string text = problem_name(error.problem);
    if (!error.detail.empty()) text += " (" + error.detail + ")";
    return text;
}

}  // namespace faltstod::sync
