// The blocks and styled runs of a Markdown body, from cmark-gfm's tree; see markdown_blocks.hpp.
#include "markdown_blocks.hpp"

#include "cmark_document.hpp"

namespace faltstod::app {

namespace {

struct ListState {
    bool ordered = false;
    int next = 1;
};

struct Builder {
    std::vector<MarkdownBlock> blocks;
    std::vector<ListState> lists;
    int strong = 0, emphasis = 0, code = 0, link = 0;
    int quote_depth = 0;
    std::vector<std::string> link_targets;
    MarkdownBlock* current = nullptr;  // the block text goes into, or null between blocks

    MarkdownBlock& open(BlockKind kind) {
        blocks.push_back(MarkdownBlock{});
        blocks.back().kind = kind;
        current = &blocks.back();
        return blocks.back();
    }

    std::vector<TextRun>& target() { return current->kind == BlockKind::TableRow ? current->cells.back() : current->runs; }

    void add_text(std::string_view text) {
        if (!current) {
            // Text outside any paragraph (inside a list item or a quote).
            if (!lists.empty()) start_list_item();
            else open(quote_depth > 0 ? BlockKind::Quote : BlockKind::Paragraph);
        }
        if (current->kind == BlockKind::TableRow && current->cells.empty()) current->cells.emplace_back();
        auto& runs = target();
        const bool s = strong > 0, e = emphasis > 0, c = code > 0, l = link > 0;
        if (!runs.empty() && runs.back().strong == s && runs.back().emphasis == e && runs.back().code == c && runs.back().link == l) {
            runs.back().text += text;
        } else {
            runs.push_back(TextRun{std::string(text), s, e, c, l});
        }
    }

    void start_list_item() {
        auto& item = open(BlockKind::ListItem);
        item.level = static_cast<int>(lists.size());
        if (!lists.empty() && lists.back().ordered) item.number = lists.back().next++;
    }

    void enter(cmark_node* node) {
        if (content::is_table_row(node)) {
            open(BlockKind::TableRow).header_row = content::is_table_header_row(node);
            return;
        }
        if (content::is_table_cell(node)) {
            if (current && current->kind == BlockKind::TableRow) current->cells.emplace_back();
            return;
        }
        switch (cmark_node_get_type(node)) {
            case CMARK_NODE_HEADING: open(BlockKind::Heading).level = cmark_node_get_heading_level(node); break;
            case CMARK_NODE_PARAGRAPH:
                // The first paragraph of a list item continues the item; later ones start a new block.
                if (!current)
                    open(!lists.empty() ? BlockKind::ListItem : quote_depth > 0 ? BlockKind::Quote : BlockKind::Paragraph).level =
                        static_cast<int>(lists.size());
                break;
            case CMARK_NODE_LIST:
                lists.push_back({cmark_node_get_list_type(node) == CMARK_ORDERED_LIST, cmark_node_get_list_start(node)});
                current = nullptr;
                break;
            case CMARK_NODE_ITEM: start_list_item(); break;
            case CMARK_NODE_BLOCK_QUOTE: ++quote_depth; current = nullptr; break;
            case CMARK_NODE_THEMATIC_BREAK: open(BlockKind::Rule); current = nullptr; break;
            case CMARK_NODE_CODE_BLOCK:
                open(BlockKind::Code);
                add_text(content::literal_of(node));
                current = nullptr;
                break;
            case CMARK_NODE_TEXT: add_text(content::literal_of(node)); break;
            case CMARK_NODE_CODE:
                ++code;
                add_text(content::literal_of(node));
                --code;
                break;
            case CMARK_NODE_SOFTBREAK:
            case CMARK_NODE_LINEBREAK: add_text(" "); break;
            case CMARK_NODE_STRONG: ++strong; break;
            case CMARK_NODE_EMPH: ++emphasis; break;
            case CMARK_NODE_LINK: {
                ++link;
                const char* url = cmark_node_get_url(node);
                link_targets.emplace_back(url ? url : "");
                break;
            }
            default: break;  // raw HTML is skipped (the bundle validator refuses it); an image shows its text
        }
    }

    void leave(cmark_node* node) {
        if (content::is_table_row(node)) {
            current = nullptr;
            return;
        }
        switch (cmark_node_get_type(node)) {
            case CMARK_NODE_HEADING:
            case CMARK_NODE_PARAGRAPH:
            case CMARK_NODE_ITEM: current = nullptr; break;
            case CMARK_NODE_LIST: lists.pop_back(); current = nullptr; break;
            case CMARK_NODE_BLOCK_QUOTE: --quote_depth; current = nullptr; break;
            case CMARK_NODE_STRONG: --strong; break;
            case CMARK_NODE_EMPH: --emphasis; break;
            case CMARK_NODE_LINK: {
                --link;
                // Show where the link goes, unless the text already is the address.
                const std::string href = link_targets.back();
                link_targets.pop_back();
                const bool has_text = current != nullptr && !(current->kind == BlockKind::TableRow && current->cells.empty());
                const auto* runs = has_text ? &target() : nullptr;
                if (!href.empty() && (runs == nullptr || runs->empty() || runs->back().text.find(href) == std::string::npos))
                    add_text(" (" + href + ")");
                break;
            }
            default: break;
        }
    }
};

}  // namespace

std::vector<MarkdownBlock> parse_markdown_blocks(std::string_view markdown) {
    Builder builder;
    const content::CmarkDocument document(markdown);
    document.walk([&](bool entering, cmark_node* node) { entering ? builder.enter(node) : builder.leave(node); });
    // Table rows carry their column count for the view.
    for (auto& block : builder.blocks)
        if (block.kind == BlockKind::TableRow) block.level = static_cast<int>(block.cells.size());
    // Drop blocks that ended up empty (an item whose only content was a nested list).
    std::erase_if(builder.blocks, [](const MarkdownBlock& block) {
        return block.kind != BlockKind::Rule && block.kind != BlockKind::TableRow && plain_text(block.runs).empty();
    });
    return std::move(builder.blocks);
}

std::vector<Word> split_words(const std::vector<TextRun>& runs) {
    std::vector<Word> words;
    bool pending_space = false;
    for (std::size_t r = 0; r < runs.size(); ++r) {
        const std::string& text = runs[r].text;
        std::size_t at = 0;
        while (at < text.size()) {
            while (at < text.size() && (text[at] == ' ' || text[at] == '\n' || text[at] == '\t')) {
                pending_space = true;
                ++at;
            }
            if (at >= text.size()) break;
            std::size_t end = text.find_first_of(" \n\t", at);
            if (end == std::string::npos) end = text.size();
            words.push_back(Word{text.substr(at, end - at), r, pending_space && !words.empty()});
            pending_space = false;
            at = end;
        }
    }
    return words;
}

std::string plain_text(const std::vector<TextRun>& runs) {
    std::string out;
    for (const auto& run : runs) out += run.text;
    return out;
}

}  // namespace faltstod::app
