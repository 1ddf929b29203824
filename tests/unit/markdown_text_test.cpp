// Guidance bodies become plain text for search; forbidden Markdown is reported.
#include "markdown_text.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

using faltstod::content::markdown_to_plain_text;

TEST_CASE("markup is dropped and the words are kept") {
    const auto text = markdown_to_plain_text("## Rubrik\nEtt **viktigt** ord och en [länk](https://example.se).\n\n- ett\n- två\n");
    CHECK(text.problems.empty());
    CHECK(text.plain == "Rubrik\nEtt viktigt ord och en länk.\nett\ntvå");
}

TEST_CASE("images, raw HTML and a top-level heading are problems") {
    CHECK(markdown_to_plain_text("Text ![bild](x.png)").problems.size() == 1);
    CHECK(markdown_to_plain_text("<div>hej</div>\n").problems.size() >= 1);
    CHECK(markdown_to_plain_text("Text <b>fet</b> text").problems.size() >= 1);
    CHECK(markdown_to_plain_text("# Titel\n\ntext").problems.size() == 1);
    CHECK(markdown_to_plain_text("## Underrubrik\n\ntext").problems.empty());
}

// md4c 0.4.8, the parser before cmark-gfm, crashed on crafted bodies found by fuzzing (a SEGV
// inside md_parse, runs reaching past the body; docs/reliability.md). Their reproducers are
// parsed here on every run, with both Markdown readers: no crash (and none under ASan/UBSan in
// CI), the text inside the body, the same answer twice.
TEST_CASE("the Markdown reproducers that crashed md4c parse, deterministically") {
    int files = 0;
    for (const char* folder : {"fuzz/corpus/markdown_text", "fuzz/corpus/markdown_blocks"}) {
        for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(FALTSTOD_SOURCE_DIR) / folder)) {
            const std::string name = entry.path().filename().string();
            if (name.rfind("crash-", 0) != 0 && name.rfind("oom-", 0) != 0) continue;
            std::ifstream in(entry.path(), std::ios::binary);
            const std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            INFO(name);
            const auto first = markdown_to_plain_text(body);
            const auto second = markdown_to_plain_text(body);
            CHECK(first.plain == second.plain);
            CHECK(first.plain.size() <= body.size() * 3);  // never a run from beyond the body (U+FFFD is 3 bytes)
            ++files;
        }
    }
    CHECK(files == 6);
}
