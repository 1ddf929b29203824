// Markdown to plain text with cmark-gfm; see markdown_text.hpp and cmark_document.hpp.
#include "markdown_text.hpp"

#include "cmark_document.hpp"

namespace faltstod::content {

namespace {

bool is_block(cmark_node* node) { return (cmark_node_get_type(node) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK; }

void end_block(MarkdownText& result) {
    if (!result.plain.empty() && result.plain.back() != '\n') result.plain += '\n';
}

}  // namespace

MarkdownText markdown_to_plain_text(std::string_view markdown) {
    MarkdownText result;
    int image_depth = 0;
    const CmarkDocument document(markdown);
    document.walk([&](bool entering, cmark_node* node) {
        const auto type = cmark_node_get_type(node);
        if (!entering) {
            if (type == CMARK_NODE_IMAGE) --image_depth;
            else if (is_block(node) && type != CMARK_NODE_DOCUMENT) end_block(result);
            return;
        }
        switch (type) {
            case CMARK_NODE_HEADING:
                if (cmark_node_get_heading_level(node) == 1)
                    result.problems.push_back(
                        {"top-level heading '# …' in the body: the title comes from the front matter; use '##'", "\n# "});
                break;
            case CMARK_NODE_HTML_BLOCK:
                result.problems.push_back({"raw HTML is not allowed in a guidance body", "<"});
                end_block(result);
                break;
            case CMARK_NODE_HTML_INLINE:
                result.problems.push_back({"raw HTML is not allowed in a guidance body", std::string(literal_of(node))});
                break;
            case CMARK_NODE_IMAGE:
                result.problems.push_back({"images are not allowed in a guidance body", "!["});
                ++image_depth;
                break;
            case CMARK_NODE_TEXT:
            case CMARK_NODE_CODE:
                if (image_depth == 0) result.plain += literal_of(node);
                break;
            case CMARK_NODE_SOFTBREAK:
            case CMARK_NODE_LINEBREAK:
                result.plain += ' ';
                break;
            case CMARK_NODE_CODE_BLOCK:
                result.plain += literal_of(node);
                end_block(result);
                break;
            case CMARK_NODE_THEMATIC_BREAK:
                end_block(result);
                break;
            default:
                break;
        }
    });
    while (!result.plain.empty() && result.plain.back() == '\n') result.plain.pop_back();
    return result;
}

}  // namespace faltstod::content
