// Guidance bodies are Markdown. This turns a body into plain text (for full-text search and
// result snippets) and reports what the bundle does not allow in a body: images, raw HTML and
// top-level headings (the title comes from the front matter).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace faltstod::content {

struct MarkdownProblem {
    std::string message;
    std::string needle;  // text to search for in the source to find the problem's line
};

struct MarkdownText {
    std::string plain;
    std::vector<MarkdownProblem> problems;
};

MarkdownText markdown_to_plain_text(std::string_view markdown);

}  // namespace faltstod::content
