// The PIN store: salted slow hashes, never the PIN, in a file only the user can read.
#include "pin_store.hpp"
#include "support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <sys/stat.h>

using namespace faltstod::app;

namespace {
constexpr int kFast = 1000;  // the real count is slow on purpose; tests need not wait for it
}

TEST_CASE("a PIN is 4 to 8 digits") {
    CHECK(std::string(pin_problem("1234")).empty());
    CHECK(std::string(pin_problem("12345678")).empty());
    CHECK_FALSE(std::string(pin_problem("123")).empty());
    CHECK_FALSE(std::string(pin_problem("123456789")).empty());
    CHECK_FALSE(std::string(pin_problem("12a4")).empty());
    CHECK_FALSE(std::string(pin_problem("")).empty());
}

TEST_CASE("the right PIN matches, a wrong one does not, and each hash has its own salt") {
    const auto first = hash_pin("2468", kFast);
    const auto second = hash_pin("2468", kFast);
    CHECK(pin_matches(first, "2468"));
    CHECK_FALSE(pin_matches(first, "2469"));
    CHECK_FALSE(pin_matches(first, ""));
    CHECK(first.salt_hex != second.salt_hex);
    CHECK(first.hash_hex != second.hash_hex);
    CHECK(first.salt_hex.size() == 32);
    CHECK(first.hash_hex.size() == 64);
}

TEST_CASE("the default cost is slow on purpose") { CHECK(hash_pin("1357").iterations >= 100000); }

TEST_CASE("the file holds salt and hash, never the PIN, and only the user may read it") {
    faltstod::test::TempDir dir;
    const auto file = dir.path() / "config" / "pin.json";
    save_pin(file, hash_pin("97531", kFast));
    struct stat info {};
    REQUIRE(::stat(file.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    std::stringstream text;
    text << std::ifstream(file).rdbuf();
    CHECK(text.str().find("97531") == std::string::npos);
    const auto loaded = load_pin(file);
    REQUIRE(loaded);
    CHECK(pin_matches(*loaded, "97531"));
    remove_pin(file);
    CHECK_FALSE(load_pin(file));
}

TEST_CASE("a damaged PIN file unlocks nothing") {
    faltstod::test::TempDir dir;
    const auto file = dir.path() / "pin.json";
    std::ofstream(file) << "{not json";
    const auto loaded = load_pin(file);
    REQUIRE(loaded);  // a PIN counts as set
    CHECK_FALSE(pin_matches(*loaded, "1234"));
    CHECK_FALSE(pin_matches(*loaded, ""));
}
