// Swedish alphabetical order; see swedish_order.hpp.
#include "swedish_order.hpp"

#include <cstdint>

namespace faltstod::app {

namespace {

// The next code point of UTF-8 `text` from `at` (advanced); a stray byte counts as itself.
char32_t next_code_point(std::string_view text, std::size_t& at) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(at);
    int extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
    if (at + static_cast<std::size_t>(extra) >= text.size()) extra = 0;  // cut short: the byte alone
    char32_t cp = extra == 0 ? lead : lead & (0x3F >> extra);
    for (int i = 1; i <= extra; ++i) cp = (cp << 6) | (byte(at + static_cast<std::size_t>(i)) & 0x3F);
    at += static_cast<std::size_t>(extra) + 1;
    return cp;
}

// Where a code point sorts: letters by their Swedish place, case ignored.
std::uint32_t weight(char32_t c) {
    if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
    switch (c) {
        case U'å': case U'Å': return 'z' + 1;
        case U'ä': case U'Ä': case U'æ': case U'Æ': return 'z' + 2;
        case U'ö': case U'Ö': case U'ø': case U'Ø': return 'z' + 3;
        case U'é': case U'É': case U'è': case U'È': return 'e';
        case U'ü': case U'Ü': return 'y';
        default: break;
    }
    if (c < 0x80) return static_cast<std::uint32_t>(c);
    return static_cast<std::uint32_t>(c) + 0x100;  // other letters after ö, in code point order
}

}  // namespace

bool swedish_less(std::string_view a, std::string_view b) {
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        const auto wa = weight(next_code_point(a, i));
        const auto wb = weight(next_code_point(b, j));
        if (wa != wb) return wa < wb;
    }
    if ((i < a.size()) != (j < b.size())) return j < b.size();  // a prefix sorts first
    return a < b;  // equal by letters: a stable, total order by bytes
}

}  // namespace faltstod::app
