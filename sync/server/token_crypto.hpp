// Secrets for device auth, from OpenSSL. Tokens and enrollment codes are random; the server
// keeps only their SHA-256 hashes, so a copy of its database reveals no usable token.
#pragma once

#include <string>
#include <string_view>

namespace faltstod::server {

// 256 random bits as 64 lowercase hex characters.
std::string random_token();
// A one-time enrollment code a person can read aloud and type: 12 characters from an
// alphabet without look-alikes (no 0/O, 1/I/L), as XXXX-XXXX-XXXX (60 bits).
std::string random_enrollment_code();
// Normalises what a person typed (case, spaces, dashes) before hashing.
std::string normalise_enrollment_code(std::string_view typed);
std::string sha256_hex(std::string_view data);
// A random UUID (version 4) for device ids.
std::string random_uuid();

}  // namespace faltstod::server
