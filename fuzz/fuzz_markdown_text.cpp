// Fuzz target: a guidance body turned into plain text for search and snippets, with the checks
// for what a body may not hold (markdown_text.hpp). Any byte string must be handled: cmark-gfm
// parses it (md4c 0.4.8, used before, crashed on crash-* in the corpus), and our walk over its
// tree must cope with whatever tree it builds.
#include "fuzz_check.hpp"
#include "markdown_text.hpp"

using faltstod::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto result = faltstod::content::markdown_to_plain_text(faltstod::fuzz::as_text(data, size));
    for (const auto& problem : result.problems) check(!problem.message.empty(), "a problem without a message");
    return 0;
}
