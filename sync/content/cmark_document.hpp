// Markdown parsed by cmark-gfm (GitHub's CommonMark parser, fuzzed continuously upstream in
// OSS-Fuzz; Debian 12's libcmark-gfm-dev) with its table extension: the one parser of guidance
// bodies, for the bundle validator and search text (markdown_text.cpp) and the kiosk's article
// layout (app/markdown_blocks.cpp). It replaced md4c 0.4.8, which crashed on crafted bodies
// (fuzz/corpus/markdown_text/crash-*; docs/reliability.md).
//
// Any bytes are accepted: invalid UTF-8 becomes U+FFFD (CMARK_OPT_VALIDATE_UTF8), raw HTML is
// kept as HTML nodes for the callers to refuse or skip, entities are decoded. Thread safety: a
// document is used by one thread at a time; parsing may run on any number of threads at once.
#pragma once

#include <cmark-gfm.h>

#include <memory>
#include <string_view>

namespace faltstod::content {

class CmarkDocument {
public:
    explicit CmarkDocument(std::string_view markdown);

    // The document node; never null.
    cmark_node* root() const { return root_.get(); }

    // Calls visit(entering, node) for every node in document order: container nodes twice
    // (entering true, then false after their children), leaf nodes once (entering true).
    template <typename Visit>
    void walk(Visit&& visit) const {
        std::unique_ptr<cmark_iter, IterFree> iter(cmark_iter_new(root_.get()));
        for (auto event = cmark_iter_next(iter.get()); event != CMARK_EVENT_DONE; event = cmark_iter_next(iter.get()))
            visit(event == CMARK_EVENT_ENTER, cmark_iter_get_node(iter.get()));
    }

private:
    struct NodeFree {
        void operator()(cmark_node* node) const noexcept { cmark_node_free(node); }
    };
    struct IterFree {
        void operator()(cmark_iter* iter) const noexcept { cmark_iter_free(iter); }
    };
    std::unique_ptr<cmark_node, NodeFree> root_;
};

// The table extension's node kinds, by the names the extension gives them.
bool is_table(cmark_node* node);
bool is_table_row(cmark_node* node);  // header rows too
bool is_table_header_row(cmark_node* node);
bool is_table_cell(cmark_node* node);

// A node's literal (text, code, HTML), or "" for none.
std::string_view literal_of(cmark_node* node);

}  // namespace faltstod::content
