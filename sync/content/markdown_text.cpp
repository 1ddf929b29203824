// Markdown to plain text with md4c's parser; see markdown_text.hpp.
#include "markdown_text.hpp"

#include "md4c_text_run.hpp"

#include <md4c.h>

namespace faltstod::content {

namespace {

struct Collector {
    MarkdownText result;
    int image_depth = 0;
    std::string_view body;

    void end_block() {
        if (!result.plain.empty() && result.plain.back() != '\n') result.plain += '\n';
    }
};

int enter_block(MD_BLOCKTYPE type, void* detail, void* user) {
    auto* collector = static_cast<Collector*>(user);
    if (type == MD_BLOCK_H && static_cast<MD_BLOCK_H_DETAIL*>(detail)->level == 1)
        collector->result.problems.push_back({"top-level heading '# …' in the body: the title comes from the front matter; use '##'", "\n# "});
    if (type == MD_BLOCK_HTML) collector->result.problems.push_back({"raw HTML is not allowed in a guidance body", "<"});
    return 0;
}

int leave_block(MD_BLOCKTYPE type, void*, void* user) {
    auto* collector = static_cast<Collector*>(user);
    if (type != MD_BLOCK_DOC) collector->end_block();
    return 0;
}

int enter_span(MD_SPANTYPE type, void*, void* user) {
    auto* collector = static_cast<Collector*>(user);
    if (type == MD_SPAN_IMG) {
        collector->result.problems.push_back({"images are not allowed in a guidance body", "!["});
        ++collector->image_depth;
    }
    return 0;
}

int leave_span(MD_SPANTYPE type, void*, void* user) {
    if (type == MD_SPAN_IMG) --static_cast<Collector*>(user)->image_depth;
    return 0;
}

int text(MD_TEXTTYPE type, const MD_CHAR* data, MD_SIZE size, void* user) {
    auto* collector = static_cast<Collector*>(user);
    // md4c may report a run beyond the body; only the part inside it is read (md4c_text_run.hpp).
    const std::string_view run = md4c_text_run(data, size, collector->body);
    switch (type) {
        case MD_TEXT_HTML:
            collector->result.problems.push_back({"raw HTML is not allowed in a guidance body", std::string(run)});
            break;
        case MD_TEXT_BR:
        case MD_TEXT_SOFTBR: collector->result.plain += ' '; break;
        case MD_TEXT_NULLCHAR: break;
        default:
            if (collector->image_depth == 0) collector->result.plain += run;
    }
    return 0;
}

}  // namespace

MarkdownText markdown_to_plain_text(std::string_view markdown) {
    Collector collector;
    collector.body = markdown;
    MD_PARSER parser{};
    parser.abi_version = 0;
    parser.flags = MD_DIALECT_COMMONMARK;
    parser.enter_block = enter_block;
    parser.leave_block = leave_block;
    parser.enter_span = enter_span;
    parser.leave_span = leave_span;
    parser.text = text;
    md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, &collector);
    while (!collector.result.plain.empty() && collector.result.plain.back() == '\n') collector.result.plain.pop_back();
    return collector.result;
}

}  // namespace faltstod::content
