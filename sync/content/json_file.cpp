// Typed, error-collecting access to one JSON file of the bundle; see json_file.hpp.
#include "json_file.hpp"

#include "ui_names.hpp"

#include <algorithm>

namespace faltstod::content {

namespace {

const char* type_name(const nlohmann::json& value) { return value.type_name(); }

int line_of_offset(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

}  // namespace

std::string readable_path(std::string_view pointer) {
    std::string out;
    std::size_t pos = 0;
    while (pos < pointer.size()) {
        const std::size_t next = pointer.find('/', pos + 1);
        const std::string_view token = pointer.substr(pos + 1, next == std::string_view::npos ? std::string_view::npos : next - pos - 1);
        const bool index = !token.empty() && std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (index) {
            out += '[';
            out += token;
            out += ']';
        } else {
            if (!out.empty()) out += '.';
            out += token;
        }
        if (next == std::string_view::npos) break;
        pos = next;
    }
    return out;
}

JsonFile::JsonFile(std::string label, std::vector<ValidationError>& errors)
    : label_(std::move(label)), errors_(errors) {}

bool JsonFile::parse(std::string_view text) {
    // nlohmann::json stops at a NUL byte as if the text ended there: the rest of the file would
    // be ignored without a word, and the line index (which reads it all) would throw. JSON has
    // no NUL outside \u0000, so it is an error like any other. Found by fuzz/fuzz_opening_hours.
    if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
        errors_.push_back({label_, line_of_offset(text, nul), "invalid JSON: the file holds a NUL (zero) byte, which JSON does not allow"});
        return false;
    }
    try {
        root_ = json::parse(text);
    } catch (const json::parse_error& e) {
        std::string message = e.what();
        // Drop nlohmann's "[json.exception.parse_error.101] " prefix; the rest reads well.
        if (auto end = message.find("] "); end != std::string::npos) message.erase(0, end + 2);
        errors_.push_back({label_, line_of_offset(text, e.byte == 0 ? 0 : e.byte - 1), "invalid JSON: " + message});
        return false;
    } catch (const json::exception& e) {
        // A number beyond a double's range (1e400) is out_of_range, not parse_error, and carries
        // no position. Found by fuzz/fuzz_opening_hours.
        std::string message = e.what();
        if (auto end = message.find("] "); end != std::string::npos) message.erase(0, end + 2);
        errors_.push_back({label_, 0, "invalid JSON: " + message});
        return false;
    }
    lines_.emplace(text);
    return true;
}

void JsonFile::error(const std::string& pointer, const std::string& message) {
    const int line = lines_ ? lines_->line_of(pointer) : 0;
    const std::string where = readable_path(pointer);
    errors_.push_back({label_, line, where.empty() ? message : where + ": " + message});
}

bool JsonFile::expect_object(const json& value, const std::string& at) {
    if (value.is_object()) return true;
    error(at, std::string("expected an object, found ") + type_name(value));
    return false;
}

void JsonFile::allow_only(const json& object, const std::string& at, std::initializer_list<std::string_view> allowed) {
    if (!object.is_object()) return;
    for (const auto& [key, value] : object.items()) {
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
            std::string list;
            for (auto name : allowed) list += (list.empty() ? "" : ", ") + std::string(name);
            error(child(at, key), "unknown field '" + key + "' (allowed: " + list + ")");
        }
    }
}

std::string JsonFile::required_string(const json& object, const std::string& at, const char* key) {
    const auto it = object.find(key);
    if (it == object.end()) {
        error(child(at, key), "missing required field '" + std::string(key) + "'");
        return {};
    }
    if (!it->is_string()) {
        error(child(at, key), std::string("expected a string, found ") + type_name(*it));
        return {};
    }
    auto value = it->get<std::string>();
    if (value.empty()) error(child(at, key), "must not be empty");
    return value;
}

std::optional<std::string> JsonFile::optional_string(const json& object, const std::string& at, const char* key) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) return std::nullopt;
    if (!it->is_string()) {
        error(child(at, key), std::string("expected a string, found ") + type_name(*it));
        return std::nullopt;
    }
    return it->get<std::string>();
}

LocalizedText JsonFile::localized(const json& object, const std::string& at, const char* key, bool required) {
    LocalizedText text;
    const auto it = object.find(key);
    const std::string path = child(at, key);
    if (it == object.end()) {
        if (required) error(path, "missing required field '" + std::string(key) + "'");
        return text;
    }
    if (!expect_object(*it, path)) return text;
    allow_only(*it, path, {"sv", "en"});
    text.sv = required_string(*it, path, "sv");
    text.en = optional_string(*it, path, "en").value_or("");
    for (const auto& problem : ui_name_problems(text.sv, "sv")) error(child(path, "sv"), problem.message);
    for (const auto& problem : ui_name_problems(text.en, "en")) error(child(path, "en"), problem.message);
    return text;
}

std::vector<std::string> JsonFile::string_list(const json& object, const std::string& at, const char* key, bool required) {
    std::vector<std::string> values;
    const json* list = array(object, at, key, required);
    if (!list) return values;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const json& item = (*list)[i];
        if (item.is_string()) values.push_back(item.get<std::string>());
        else error(child(child(at, key), i), std::string("expected a string, found ") + type_name(item));
    }
    return values;
}

bool JsonFile::optional_bool(const json& object, const std::string& at, const char* key, bool fallback) {
    const auto it = object.find(key);
    if (it == object.end()) return fallback;
    if (!it->is_boolean()) {
        error(child(at, key), std::string("expected true or false, found ") + type_name(*it));
        return fallback;
    }
    return it->get<bool>();
}

const nlohmann::json* JsonFile::array(const json& object, const std::string& at, const char* key, bool required) {
    const auto it = object.find(key);
    if (it == object.end()) {
        if (required) error(child(at, key), "missing required field '" + std::string(key) + "'");
        return nullptr;
    }
    if (!it->is_array()) {
        error(child(at, key), std::string("expected an array, found ") + type_name(*it));
        return nullptr;
    }
    return &*it;
}

}  // namespace faltstod::content
