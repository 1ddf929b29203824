// Fuzz target: one guidance article file as the bundle loader reads it (guidance_file.cpp):
// TOML front matter between '+++' lines, then a Markdown body. The loader's contract is that
// bad content never throws; every problem becomes a ValidationError naming the file.
#include "bundle_files.hpp"
#include "fuzz_check.hpp"

using faltstod::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace content = faltstod::content;
    const content::detail::FileInput file{"guidance/sv/fuzz.md", std::string(faltstod::fuzz::as_text(data, size))};
    for (const char* language : {"sv", "en"}) {
        content::Bundle bundle;
        std::vector<content::ValidationError> errors;
        content::detail::read_guidance(file, "fuzz", language, bundle, errors);
        for (const auto& error : errors) {
            check(error.file == file.label, "an error names another file");
            check(error.line >= 0, "an error on a negative line");
            check(!error.message.empty(), "an error without a message");
        }
        check(bundle.guidance.size() <= 1, "one file gave several articles");
    }
    return 0;
}
