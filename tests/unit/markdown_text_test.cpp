// Guidance bodies become plain text for search; forbidden Markdown is reported.
#include "markdown_text.hpp"

#include <doctest/doctest.h>

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
