// A guidance article's Markdown body as a flat list of blocks the kiosk can draw: headings,
// paragraphs, list items, table rows, quotes and rules, each holding styled runs of text.
// Parsed with cmark-gfm (CommonMark + tables; sync/content/cmark_document.hpp). Links keep only their text, followed by the address
// in parentheses, since a field laptop may be offline and a click must never open a browser.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace faltstod::app {

struct TextRun {
    std::string text;
    bool strong = false;
    bool emphasis = false;
    bool code = false;
    bool link = false;
};

enum class BlockKind { Heading, Paragraph, ListItem, TableRow, Quote, Rule, Code };

struct MarkdownBlock {
    BlockKind kind = BlockKind::Paragraph;
    int level = 0;             // heading level 1–6; list nesting depth from 1; table: column count
    int number = 0;            // ordered list item's number, 0 for bullets
    bool header_row = false;   // a table's header row
    std::vector<TextRun> runs;                 // everything except table rows
    std::vector<std::vector<TextRun>> cells;   // table rows only
};

std::vector<MarkdownBlock> parse_markdown_blocks(std::string_view markdown);

// A styled paragraph cut into words for wrapping: each word keeps its run's style and whether
// a space goes before it — also when the space ended the previous run ("föras " + "**utomlands**").
struct Word {
    std::string text;
    std::size_t run = 0;  // index into the runs
    bool space_before = false;
};
std::vector<Word> split_words(const std::vector<TextRun>& runs);

// The block's text without styling, for tests and accessibility.
std::string plain_text(const std::vector<TextRun>& runs);

}  // namespace faltstod::app
