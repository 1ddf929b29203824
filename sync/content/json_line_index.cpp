// One pass over a JSON text that records, for every value, its JSON pointer and line.
#include "json_line_index.hpp"

#include <nlohmann/json.hpp>

#include <vector>

namespace faltstod::content {

namespace {

struct Frame {
    bool is_array = false;
    std::size_t index = 0;  // arrays: the element being read
    std::string key;        // objects: the member being read
    bool expecting_key = false;
};

std::string escape_token(const std::string& token) {
    std::string out;
    for (char c : token) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

std::string pointer_of(const std::vector<Frame>& stack) {
    std::string pointer;
    for (const Frame& frame : stack) {
        pointer += '/';
        pointer += frame.is_array ? std::to_string(frame.index) : escape_token(frame.key);
    }
    return pointer;
}

// Returns the index one past the closing quote of the string starting at `start`.
std::size_t skip_string(std::string_view text, std::size_t start) {
    std::size_t pos = start + 1;
    while (pos < text.size() && text[pos] != '"') pos += (text[pos] == '\\') ? 2 : 1;
    return pos + 1;
}

bool is_delimiter(char c) {
    return c == ',' || c == ']' || c == '}' || c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

}  // namespace

JsonLineIndex::JsonLineIndex(std::string_view text) {
    std::vector<Frame> stack;
    int line = 1;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const char c = text[pos];
        if (c == '\n') ++line;
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == ':') {
            ++pos;
            continue;
        }
        if (c == ',') {
            if (!stack.empty()) {
                if (stack.back().is_array) ++stack.back().index;
                else stack.back().expecting_key = true;
            }
            ++pos;
            continue;
        }
        if (c == '}' || c == ']') {
            if (!stack.empty()) stack.pop_back();
            ++pos;
            continue;
        }
        if (!stack.empty() && !stack.back().is_array && stack.back().expecting_key) {
            // A member name: decode it with the real JSON parser so escapes match the DOM.
            const std::size_t end = skip_string(text, pos);
            stack.back().key = nlohmann::json::parse(text.substr(pos, end - pos)).get<std::string>();
            stack.back().expecting_key = false;
            pos = end;
            continue;
        }
        // A value starts here.
        lines_.emplace(pointer_of(stack), line);
        if (c == '{' || c == '[') {
            Frame frame;
            frame.is_array = (c == '[');
            frame.expecting_key = !frame.is_array;
            stack.push_back(frame);
            ++pos;
        } else if (c == '"') {
            pos = skip_string(text, pos);
        } else {
            while (pos < text.size() && !is_delimiter(text[pos])) ++pos;
        }
    }
}

int JsonLineIndex::line_of(std::string pointer) const {
    for (;;) {
        if (auto it = lines_.find(pointer); it != lines_.end()) return it->second;
        if (pointer.empty()) return 1;
        pointer.erase(pointer.rfind('/'));
    }
}

}  // namespace faltstod::content
