// Reading one JSON file of the bundle with typed field accessors that never throw: every
// problem is recorded as a ValidationError with the file, the line and the field's path, and
// the accessor returns an empty value so loading can go on and report all problems at once.
#pragma once

#include "content_model.hpp"
#include "json_line_index.hpp"
#include "validation_error.hpp"

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace faltstod::content {

class JsonFile {
public:
    using json = nlohmann::json;

    JsonFile(std::string label, std::vector<ValidationError>& errors);

    // Parses `text`; on a syntax error records it with its line and returns false.
    bool parse(std::string_view text);
    const json& root() const { return root_; }
    const std::string& label() const { return label_; }

    void error(const std::string& pointer, const std::string& message);

    // Records an error for each member of `object` whose name is not in `allowed`, so a typo
    // ("opne") is caught instead of silently ignored.
    void allow_only(const json& object, const std::string& at, std::initializer_list<std::string_view> allowed);
    bool expect_object(const json& value, const std::string& at);

    std::string required_string(const json& object, const std::string& at, const char* key);
    std::optional<std::string> optional_string(const json& object, const std::string& at, const char* key);
    LocalizedText localized(const json& object, const std::string& at, const char* key, bool required);
    std::vector<std::string> string_list(const json& object, const std::string& at, const char* key, bool required);
    bool optional_bool(const json& object, const std::string& at, const char* key, bool fallback);
    // The array member `key`, or nullptr (with an error when required).
    const json* array(const json& object, const std::string& at, const char* key, bool required);

    static std::string child(const std::string& at, const std::string& key) { return at + "/" + key; }
    static std::string child(const std::string& at, std::size_t index) { return at + "/" + std::to_string(index); }

private:
    std::string label_;
    std::vector<ValidationError>& errors_;
    json root_;
    std::optional<JsonLineIndex> lines_;
};

// "/contacts/3/hours/open" → "contacts[3].hours.open", the way an editor reads a path.
std::string readable_path(std::string_view pointer);

}  // namespace faltstod::content
