// Verifying content signatures on the device; see content_verification.hpp.
#include "content_verification.hpp"

#include "content_signature.hpp"

#include <fstream>
#include <vector>

namespace faltstod::sync {

namespace {

SyncError unsigned_content(std::string detail) { return {SyncErrorKind::Server, SyncProblem::UnsignedContent, std::move(detail)}; }
SyncError bad_signature(std::string detail) { return {SyncErrorKind::Server, SyncProblem::BadSignature, std::move(detail)}; }

}  // namespace

SyncError verify_change_page(const std::string& key, std::int64_t since, const std::string& body, const std::string& signature) {
    if (signature.empty()) return unsigned_content("a change page without a signature");
    const auto statement = protocol::change_page_statement(since, protocol::sha256_hex_of(body));
    if (!protocol::verify_signature(key, statement, signature)) return bad_signature("a change page's signature does not match");
    return {};
}

SyncError verify_snapshot_file(const std::string& key, const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return {SyncErrorKind::Server, SyncProblem::SnapshotIncomplete, "cannot read the downloaded snapshot"};
    in.seekg(0, std::ios::end);
    const auto size = static_cast<std::uint64_t>(in.tellg());
    // The end is `,"signature":"<88 characters of base64>"}`, perhaps with a newline after it.
    const std::uint64_t tail_length = std::min<std::uint64_t>(size, 256);
    std::string tail(tail_length, '\0');
    in.seekg(static_cast<std::streamoff>(size - tail_length));
    in.read(tail.data(), static_cast<std::streamsize>(tail_length));
    while (!tail.empty() && (tail.back() == '\n' || tail.back() == '\r' || tail.back() == ' ')) tail.pop_back();
    const auto field = tail.rfind(protocol::kSnapshotSignatureField);
    if (field == std::string::npos || tail.size() < 2 || tail.compare(tail.size() - 2, 2, "\"}") != 0)
        return unsigned_content("a snapshot without a signature");
    const std::size_t value_start = field + protocol::kSnapshotSignatureField.size();
    const std::string signature = tail.substr(value_start, tail.size() - 2 - value_start);
    const std::uint64_t signed_bytes = size - tail_length + field;
    protocol::Sha256 hash;
    in.clear();
    in.seekg(0);
    std::vector<char> buffer(1 << 16);
    for (std::uint64_t left = signed_bytes; left > 0;) {
        const auto want = static_cast<std::streamsize>(std::min<std::uint64_t>(left, buffer.size()));
        if (!in.read(buffer.data(), want)) return {SyncErrorKind::Server, SyncProblem::SnapshotIncomplete, "the snapshot could not be read"};
        hash.update(std::string_view(buffer.data(), static_cast<std::size_t>(want)));
        left -= static_cast<std::uint64_t>(want);
    }
    if (!protocol::verify_signature(key, protocol::snapshot_statement(hash.hex_digest()), signature))
        return bad_signature("the snapshot's signature does not match");
    return {};
}

}  // namespace faltstod::sync
