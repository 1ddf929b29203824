// Content signatures (protocol/content_signature.hpp): what one key signs, only its public half
// verifies, for exactly the statement signed; anything malformed is simply "not valid".
#include "content_signature.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace faltstod::protocol;

TEST_CASE("a signature verifies for its key and statement only") {
    const auto key = SigningKey::generate();
    const auto other = SigningKey::generate();
    const std::string statement = change_page_statement(42, sha256_hex_of("{\"changes\":[]}"));
    const auto signature = key.sign(statement);
    CHECK(signature.size() == 88);  // base64 of 64 bytes
    CHECK(verify_signature(key.public_base64(), statement, signature));
    CHECK_FALSE(verify_signature(other.public_base64(), statement, signature));
    CHECK_FALSE(verify_signature(key.public_base64(), statement + " ", signature));
    // A page's signature is not one for the same bytes after another cursor, nor for a snapshot.
    CHECK_FALSE(verify_signature(key.public_base64(), change_page_statement(41, sha256_hex_of("{\"changes\":[]}")), signature));
    CHECK_FALSE(verify_signature(key.public_base64(), snapshot_statement(sha256_hex_of("{\"changes\":[]}")), signature));
    // Every single bit flipped in the signature breaks it.
    for (std::size_t i = 0; i < 86; ++i) {
        std::string changed = signature;
        changed[i] = changed[i] == 'A' ? 'B' : 'A';
        CHECK_FALSE(verify_signature(key.public_base64(), statement, changed));
    }
}

TEST_CASE("keys survive their base64 form, and malformed input is never valid") {
    const auto key = SigningKey::generate();
    const auto again = SigningKey::from_private_base64(key.private_base64());
    CHECK(again.public_base64() == key.public_base64());
    CHECK(is_public_key(key.public_base64()));
    CHECK(key.public_base64().size() == 44);
    const auto signature = key.sign("x");
    for (const std::string& bad : std::vector<std::string>{"", "AAAA", "not base64 at all!!", std::string(44, '='), key.public_base64() + "A",
                                  key.public_base64().substr(0, 43) + "*"}) {
        CAPTURE(bad);
        CHECK_FALSE(is_public_key(bad));
        CHECK_FALSE(verify_signature(bad, "x", signature));
        CHECK_FALSE(verify_signature(key.public_base64(), "x", bad));
    }
    CHECK_THROWS_AS(SigningKey::from_private_base64("AAAA"), std::invalid_argument);
    CHECK_THROWS_AS(SigningKey::from_private_base64(""), std::invalid_argument);
}

TEST_CASE("SHA-256 fed in pieces equals SHA-256 of the whole") {
    CHECK(sha256_hex_of("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex_of("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const std::string text(100000, 'q');
    Sha256 pieces;
    for (std::size_t i = 0; i < text.size(); i += 777) pieces.update(std::string_view(text).substr(i, 777));
    CHECK(pieces.hex_digest() == sha256_hex_of(text));
}
