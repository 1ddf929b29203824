// Markdown bodies become blocks the kiosk can draw: headings, styled runs, lists, tables, links.
#include "markdown_blocks.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

using namespace faltstod::app;

TEST_CASE("headings, paragraphs and emphasis become blocks with styled runs") {
    const auto blocks = parse_markdown_blocks("## Före resan\n\nTala **lugnt** och *sakligt* med den unga.\n");
    REQUIRE(blocks.size() == 2);
    CHECK(blocks[0].kind == BlockKind::Heading);
    CHECK(blocks[0].level == 2);
    CHECK(plain_text(blocks[0].runs) == "Före resan");
    CHECK(blocks[1].kind == BlockKind::Paragraph);
    CHECK(plain_text(blocks[1].runs) == "Tala lugnt och sakligt med den unga.");
    REQUIRE(blocks[1].runs.size() == 5);
    CHECK(blocks[1].runs[1].text == "lugnt");
    CHECK(blocks[1].runs[1].strong);
    CHECK(blocks[1].runs[3].emphasis);
    CHECK_FALSE(blocks[1].runs[2].strong);
}

TEST_CASE("bullet and numbered lists keep their numbers and nesting") {
    const auto blocks = parse_markdown_blocks("1. Ring\n2. Skriv\n   - kort\n   - sakligt\n3. Följ upp\n");
    REQUIRE(blocks.size() == 5);
    CHECK(blocks[0].number == 1);
    CHECK(blocks[1].number == 2);
    CHECK(plain_text(blocks[1].runs) == "Skriv");
    CHECK(blocks[2].level == 2);
    CHECK(blocks[2].number == 0);
    CHECK(plain_text(blocks[3].runs) == "sakligt");
    CHECK(blocks[4].number == 3);
    CHECK(blocks[4].level == 1);
}

TEST_CASE("a list starting at 4 numbers from 4") {
    const auto blocks = parse_markdown_blocks("4. fyra\n5. fem\n");
    REQUIRE(blocks.size() == 2);
    CHECK(blocks[0].number == 4);
    CHECK(blocks[1].number == 5);
}

TEST_CASE("links are shown as text followed by the address") {
    const auto blocks = parse_markdown_blocks("Läs mer hos [Länsstyrelsen](https://www.lansstyrelsen.se).\n");
    REQUIRE(blocks.size() == 1);
    CHECK(plain_text(blocks[0].runs) == "Läs mer hos Länsstyrelsen (https://www.lansstyrelsen.se).");
    CHECK(blocks[0].runs[1].link);
    const auto bare = parse_markdown_blocks("<https://www.bris.se>\n");
    CHECK(plain_text(bare[0].runs) == "https://www.bris.se");
}

TEST_CASE("tables become rows with cells and a header row") {
    const auto blocks = parse_markdown_blocks("| Metod | För |\n|---|---|\n| FREDA | våld i nära relation |\n| PATRIARK | heder |\n");
    REQUIRE(blocks.size() == 3);
    for (const auto& row : blocks) {
        CHECK(row.kind == BlockKind::TableRow);
        CHECK(row.level == 2);
        CHECK(row.cells.size() == 2);
    }
    CHECK(blocks[0].header_row);
    CHECK_FALSE(blocks[1].header_row);
    CHECK(plain_text(blocks[2].cells[0]) == "PATRIARK");
    CHECK(plain_text(blocks[1].cells[1]) == "våld i nära relation");
}

TEST_CASE("quotes, rules and entities") {
    const auto blocks = parse_markdown_blocks("> Citat &amp; mer\n\n---\n\nSlut\n");
    REQUIRE(blocks.size() == 3);
    CHECK(blocks[0].kind == BlockKind::Quote);
    CHECK(plain_text(blocks[0].runs) == "Citat & mer");
    CHECK(blocks[1].kind == BlockKind::Rule);
    CHECK(plain_text(blocks[2].runs) == "Slut");
}

TEST_CASE("empty input gives no blocks") { CHECK(parse_markdown_blocks("").empty()); }

TEST_CASE("words keep the space that ended the previous run") {
    // Regression: a search snippet "föras " + highlighted "utomlands" was drawn as "förasutomlands".
    const std::vector<TextRun> runs = {{"Kan föras ", false, false, false, false}, {"utomlands", true, true, false, false},
                                       {" mot", false, false, false, false}, {"sin", false, false, false, false}};
    const auto words = split_words(runs);
    REQUIRE(words.size() == 5);
    CHECK(words[0].text == "Kan");
    CHECK_FALSE(words[0].space_before);
    CHECK(words[2].text == "utomlands");
    CHECK(words[2].run == 1);
    CHECK(words[2].space_before);
    CHECK(words[3].space_before);
    CHECK(words[4].text == "sin");
    CHECK_FALSE(words[4].space_before);  // "mot" + "sin" touch: no space between runs
}

// The fuzz reproducers that crashed md4c 0.4.8 (a SEGV in md_parse, a link span left that was
// never entered, runs past the body) lay out with cmark-gfm, the same twice.
TEST_CASE("the Markdown reproducers that crashed md4c lay out, deterministically") {
    int files = 0;
    for (const char* folder : {"fuzz/corpus/markdown_text", "fuzz/corpus/markdown_blocks"}) {
        for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(FALTSTOD_SOURCE_DIR) / folder)) {
            const std::string name = entry.path().filename().string();
            if (name.rfind("crash-", 0) != 0 && name.rfind("oom-", 0) != 0) continue;
            std::ifstream in(entry.path(), std::ios::binary);
            const std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            INFO(name);
            const auto first = parse_markdown_blocks(body);
            const auto second = parse_markdown_blocks(body);
            REQUIRE(first.size() == second.size());
            std::size_t text = 0;
            for (std::size_t k = 0; k < first.size(); ++k) {
                CHECK(plain_text(first[k].runs) == plain_text(second[k].runs));
                text += plain_text(first[k].runs).size();
                for (const auto& cell : first[k].cells) text += plain_text(cell).size();
            }
            CHECK(text <= body.size() * 3);
            ++files;
        }
    }
    CHECK(files == 6);
}
