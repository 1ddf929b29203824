// Word wrap for the note; see note_wrap.hpp.
#include "note_wrap.hpp"

namespace faltstod::app {

std::string unwrap(std::string_view text) {
    std::string out(text);
    for (auto& c : out)
        if (c == '\n') c = ' ';
    return out;
}

std::string soft_wrap(std::string_view text, float width, const std::function<float(std::string_view)>& measure) {
    std::string out = unwrap(text);
    std::size_t line_start = 0;
    std::size_t last_space = std::string::npos;  // the last space on the current line
    for (std::size_t i = 0; i <= out.size(); ++i) {
        if (i < out.size() && out[i] != ' ') continue;
        // [line_start, i) ends at a word's end: does it still fit?
        if (measure(std::string_view(out).substr(line_start, i - line_start)) > width && last_space != std::string::npos && last_space >= line_start) {
            out[last_space] = '\n';
            line_start = last_space + 1;
        }
        last_space = i < out.size() ? i : last_space;
    }
    return out;
}

}  // namespace faltstod::app
