// A main for the fuzz targets in the ordinary (g++) build: runs LLVMFuzzerTestOneInput once
// over every file in the directories (or the files) given, so the committed seed corpus and
// every crash reproducer found so far are regression tests in CTest, also under ASan/UBSan.
// A broken invariant aborts (fuzz_check.hpp); an empty or missing corpus fails, so a test that
// replays nothing cannot pass.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

std::vector<std::uint8_t> read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::filesystem::path> files;
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path arg = argv[i];
        if (std::filesystem::is_directory(arg)) {
            for (const auto& entry : std::filesystem::directory_iterator(arg))
                if (entry.is_regular_file()) files.push_back(entry.path());
        } else if (std::filesystem::is_regular_file(arg)) {
            files.push_back(arg);
        } else {
            std::fprintf(stderr, "no such corpus file or folder: %s\n", arg.c_str());
            return 1;
        }
    }
    if (files.empty()) {
        std::fprintf(stderr, "usage: %s CORPUS_DIR_OR_FILE...: no inputs to replay\n", argc > 0 ? argv[0] : "replay");
        return 1;
    }
    std::sort(files.begin(), files.end());  // the same order on every run
    for (const auto& file : files) {
        std::fprintf(stderr, "replaying %s\n", file.c_str());
        const auto bytes = read_file(file);
        // libFuzzer never passes a null pointer; a valid one for empty files, as it does.
        static const std::uint8_t empty = 0;
        LLVMFuzzerTestOneInput(bytes.empty() ? &empty : bytes.data(), bytes.size());
    }
    std::printf("replayed %zu inputs without a finding\n", files.size());
    return 0;
}
