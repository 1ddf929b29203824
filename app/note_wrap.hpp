// Word wrap for the consultation note's edit field. ImGui 1.86's multi-line field does not wrap:
// a long note ran off to the right and its start scrolled out of view. The note is one paragraph,
// so wrapping only swaps spaces for line breaks (and back): the text keeps its length in bytes
// and in characters, so the cursor stays where it was while the person types.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace faltstod::app {

// `text` with line breaks instead of the spaces where a line of at most `width` (as `measure`
// reports it) ends. Every '\n' in `text` is first taken as a space; a word wider than the line
// stays whole on a line of its own. Same length as `text`.
std::string soft_wrap(std::string_view text, float width, const std::function<float(std::string_view)>& measure);

// The note as saved: every line break a space again.
std::string unwrap(std::string_view text);

}  // namespace faltstod::app
