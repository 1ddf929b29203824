// Maps each value of a JSON text to the line it starts on, so that validation errors found
// after parsing (a missing field, a bad time) can name the line an editor must fix.
// nlohmann::json keeps no source positions; this index is built by one pass over the text.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

namespace faltstod::content {

class JsonLineIndex {
public:
    // `text` must be JSON that nlohmann::json has already accepted.
    explicit JsonLineIndex(std::string_view text);

    // The 1-based line where the value at `pointer` (RFC 6901, e.g. "/contacts/3/hours")
    // starts. For a pointer that does not exist (a missing field), the line of its nearest
    // existing parent.
    int line_of(std::string pointer) const;

private:
    std::unordered_map<std::string, int> lines_;
};

}  // namespace faltstod::content
