// The part of a text run from md4c that may be read. md4c 0.4.8 (Debian 12) is not sound on
// every broken input: under fuzzing it handed our text callbacks runs reaching past the end of
// the body (an ASan heap-buffer-overflow in the copy, 90 bytes past) and once a run of 3.2 GB
// (fuzz/corpus/markdown_*/{crash,oom}-*; neither repeats on its own, since md4c's choice
// depends on memory beyond the body). Used by content/markdown_text.cpp and the kiosk's
// app/markdown_blocks.cpp, the two md4c callers.
#pragma once

#include <dlfcn.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace faltstod::content {

// A run that starts inside `body` is cut at its end. A run that starts outside it is read only
// when it is one of md4c's own short literals ("\n", " ", indentation): those lie in a loaded
// program or library image (dladdr finds them), while a run past the body lies on the heap (a
// second fuzz run found one 45 bytes past the end, which a length check alone let through).
// Anything else is dropped (empty).
inline std::string_view md4c_text_run(const char* data, std::size_t size, std::string_view body) {
    const auto begin = reinterpret_cast<std::uintptr_t>(body.data());
    const auto end = begin + body.size();
    const auto at = reinterpret_cast<std::uintptr_t>(data);
    if (at >= begin && at < end) return {data, std::min<std::size_t>(size, end - at)};
    constexpr std::size_t kLongestLiteral = 16;
    Dl_info image{};
    if (size <= kLongestLiteral && dladdr(data, &image) != 0) return {data, size};
    return {};
}

}  // namespace faltstod::content
