// cmark-gfm with its table extension; see cmark_document.hpp.
#include "cmark_document.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

#include <cstring>
#include <mutex>
#include <new>

namespace faltstod::content {

namespace {

// cmark-gfm registers its extensions in a global list without a lock: once, before any parse.
cmark_syntax_extension* table_extension() {
    static std::once_flag registered;
    std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
    static cmark_syntax_extension* const table = cmark_find_syntax_extension("table");
    return table;
}

bool type_is(cmark_node* node, const char* name) {
    const char* type = cmark_node_get_type_string(node);
    return type != nullptr && std::strcmp(type, name) == 0;
}

struct ParserFree {
    void operator()(cmark_parser* parser) const noexcept { cmark_parser_free(parser); }
};

}  // namespace

CmarkDocument::CmarkDocument(std::string_view markdown) {
    std::unique_ptr<cmark_parser, ParserFree> parser(cmark_parser_new(CMARK_OPT_VALIDATE_UTF8));
    if (!parser) throw std::bad_alloc();
    if (auto* table = table_extension()) cmark_parser_attach_syntax_extension(parser.get(), table);
    cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
    root_.reset(cmark_parser_finish(parser.get()));
    if (!root_) throw std::bad_alloc();
}

bool is_table(cmark_node* node) { return type_is(node, "table"); }
bool is_table_row(cmark_node* node) { return type_is(node, "table_row") || type_is(node, "table_header"); }
bool is_table_header_row(cmark_node* node) { return type_is(node, "table_header"); }
bool is_table_cell(cmark_node* node) { return type_is(node, "table_cell"); }

std::string_view literal_of(cmark_node* node) {
    const char* text = cmark_node_get_literal(node);
    return text ? std::string_view(text) : std::string_view();
}

}  // namespace faltstod::content
