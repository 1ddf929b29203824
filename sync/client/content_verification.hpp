// Checking the server's content signatures on the device (protocol/content_signature.hpp):
// a change page against its header, a downloaded snapshot file against the signature at its
// end, both with the key pinned at enrollment. Content that fails is never applied.
#pragma once

#include "sync_error.hpp"

#include <cstdint>
#include <filesystem>
#include <string>

namespace faltstod::sync {

// None when `signature` (the header's value) signs this page for this cursor with `key`;
// UnsignedContent when there is no signature, BadSignature when it does not match.
SyncError verify_change_page(const std::string& key, std::int64_t since, const std::string& body, const std::string& signature);

// The same for a snapshot file: its last field must be the signature of every byte before it.
SyncError verify_snapshot_file(const std::string& key, const std::filesystem::path& file);

}  // namespace faltstod::sync
