// Fuzz target: a guidance body as the kiosk lays it out (app/markdown_blocks.hpp): blocks of
// styled runs, cut into words for wrapping. Whatever the input, every block must be drawable:
// heading levels 1-6, list depths from 1, words pointing at runs that exist.
#include "fuzz_check.hpp"
#include "markdown_blocks.hpp"

using faltstod::fuzz::check;

namespace {

void check_runs(const std::vector<faltstod::app::TextRun>& runs) {
    for (const auto& word : faltstod::app::split_words(runs)) {
        check(word.run < runs.size(), "a word points at a run that does not exist");
        check(!word.text.empty(), "an empty word");
    }
    (void)faltstod::app::plain_text(runs);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using faltstod::app::BlockKind;
    for (const auto& block : faltstod::app::parse_markdown_blocks(faltstod::fuzz::as_text(data, size))) {
        if (block.kind == BlockKind::Heading) check(block.level >= 1 && block.level <= 6, "a heading level out of range");
        if (block.kind == BlockKind::ListItem) check(block.level >= 1, "a list item outside a list");
        if (block.kind == BlockKind::TableRow) {
            for (const auto& cell : block.cells) check_runs(cell);
        } else {
            check_runs(block.runs);
        }
    }
    return 0;
}
