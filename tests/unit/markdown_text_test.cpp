// Guidance bodies become plain text for search; forbidden Markdown is reported.
#include "markdown_text.hpp"
#include "md4c_text_run.hpp"

#include <doctest/doctest.h>

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

// md4c 0.4.8 handed the text callbacks runs reaching past the body while fuzzing (an ASan
// heap-buffer-overflow in markdown_to_plain_text, and a 3.2 GB run; reproducers in
// fuzz/corpus/markdown_*/). The callbacks read only what md4c_text_run lets through.
TEST_CASE("a text run from md4c is read only inside the body, or as md4c's own short literal") {
    const std::string body = "Hej **du**\n";
    const std::string_view view(body);
    CHECK(faltstod::content::md4c_text_run(body.data() + 4, 6, view) == "**du**");
    CHECK(faltstod::content::md4c_text_run(body.data() + 4, 90, view) == "**du**\n");                      // cut at the end
    CHECK(faltstod::content::md4c_text_run(body.data() + 4, 3200171696u, view) == "**du**\n");              // the 3.2 GB run
    CHECK(faltstod::content::md4c_text_run(body.data() + body.size(), 5, view).empty());                    // starts at the end
    static const char literal[] = "\n";
    CHECK(faltstod::content::md4c_text_run(literal, 1, view) == "\n");                                      // md4c's "\n"
    static const char far_away[64] = {};
    CHECK(faltstod::content::md4c_text_run(far_away, sizeof far_away, view).empty());                       // not ours, too long
    // Just past the body, on the heap (the second fuzz finding: 45 bytes past, 5 long).
    const std::string heap(200, 'x');
    CHECK(faltstod::content::md4c_text_run(heap.data() + 150, 5, std::string_view(heap.data(), 100)).empty());
}
