// CTest registers each doctest case under its name, and CMake splits a name at ';' into two
// names that match no case: the suite then fails those entries (twice a new test's name did
// this, each time found only by the full sanitized run). This finds such a name at once.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

TEST_CASE("no test case's name contains a semicolon, which CMake would split into names that match nothing") {
    const std::regex test_case(R"re(\b(?:TEST_CASE)\(\s*"((?:[^"\\]|\\.)*)")re");
    int names = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(FALTSTOD_SOURCE_DIR "/tests")) {
        if (entry.path().extension() != ".cpp" && entry.path().extension() != ".hpp") continue;
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        const std::string source = text.str();
        for (std::sregex_iterator it(source.begin(), source.end(), test_case), end; it != end; ++it) {
            ++names;
            const std::string name = (*it)[1];
            INFO(entry.path().filename().string() << ": " << name);
            CHECK(name.find(';') == std::string::npos);
        }
    }
    CHECK(names > 300);  // it did read the suite
}
