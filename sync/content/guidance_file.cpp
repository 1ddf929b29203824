// Reader for one guidance article: TOML front matter between '+++' lines (parsed with
// toml++, which knows each value's line), then a Markdown body.
#include "bundle_files.hpp"
#include "markdown_text.hpp"
#include "ui_names.hpp"
#include "value_formats.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <cstdio>

namespace faltstod::content::detail {

namespace {

constexpr std::array<std::string_view, 7> kFrontMatterKeys = {"id", "title", "summary", "topics",
                                                              "audience", "language", "updated"};

struct FrontMatterReader {
    const FileInput& input;
    std::vector<ValidationError>& errors;
    const toml::table& table;
    int line_offset;  // the front matter's first line is the file's line 2

    int line_of(const toml::node& node) const { return static_cast<int>(node.source().begin.line) + line_offset; }

    void error(int line, const std::string& message) { errors.push_back({input.label, line, message}); }

    std::string string(const char* key, bool required) {
        const toml::node* node = table.get(key);
        if (!node) {
            if (required) error(line_offset, "front matter: missing required field '" + std::string(key) + "'");
            return {};
        }
        auto value = node->value<std::string>();
        if (!value) {
            error(line_of(*node), "front matter: '" + std::string(key) + "' must be a string in quotes");
            return {};
        }
        if (value->empty() && required) error(line_of(*node), "front matter: '" + std::string(key) + "' must not be empty");
        return *value;
    }

    std::vector<std::string> list(const char* key) {
        std::vector<std::string> values;
        const toml::node* node = table.get(key);
        if (!node) {
            error(line_offset, "front matter: missing required field '" + std::string(key) + "'");
            return values;
        }
        const toml::array* array = node->as_array();
        if (!array) {
            error(line_of(*node), "front matter: '" + std::string(key) + "' must be a list, e.g. [\"a\", \"b\"]");
            return values;
        }
        for (const auto& element : *array) {
            if (auto text = element.value<std::string>()) values.push_back(*text);
            else error(line_of(element), "front matter: every entry of '" + std::string(key) + "' must be a string");
        }
        if (values.empty()) error(line_of(*node), "front matter: '" + std::string(key) + "' must name at least one value");
        return values;
    }

    // `updated` may be a TOML date (2026-10-01) or a string with a date.
    std::string date(const char* key) {
        const toml::node* node = table.get(key);
        if (!node) {
            error(line_offset, "front matter: missing required field '" + std::string(key) + "'");
            return {};
        }
        if (const auto* d = node->as_date()) {
            const toml::date value = d->get();
            char buffer[16];
            std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", value.year % 10000, static_cast<unsigned>(value.month) % 100,
                          static_cast<unsigned>(value.day) % 100);
            return buffer;
        }
        auto text = node->value<std::string>();
        if (!text || !is_valid_date(*text)) {
            error(line_of(*node), "front matter: '" + std::string(key) + "' must be a date like 2026-10-01");
            return {};
        }
        return *text;
    }
};

// The 1-based line in `body` where `needle` first occurs (a needle may start with '\n' to
// match at the start of a line, including the first one), or `fallback`.
int line_of_text(std::string_view body, std::string_view needle, int fallback) {
    const std::string padded = "\n" + std::string(body);
    const auto pos = padded.find(needle);
    if (pos == std::string::npos) return fallback;
    const std::size_t end = pos + (needle.front() == '\n' ? 1 : 0);
    return static_cast<int>(std::count(padded.begin(), padded.begin() + static_cast<std::ptrdiff_t>(end), '\n'));
}

}  // namespace

void read_guidance(const FileInput& input, const std::string& slug, const std::string& language, Bundle& bundle,
                   std::vector<ValidationError>& errors) {
    const std::string_view text = input.text;
    if (text.rfind("+++\n", 0) != 0 && text.rfind("+++\r\n", 0) != 0) {
        errors.push_back({input.label, 1, "a guidance article must start with a '+++' line that opens its front matter"});
        return;
    }
    const std::size_t front_start = text.find('\n') + 1;
    std::size_t close = text.find("\n+++", front_start - 1);
    if (close == std::string_view::npos) {
        errors.push_back({input.label, 1, "the front matter opened on line 1 is never closed by a '+++' line"});
        return;
    }
    const std::string_view front = text.substr(front_start, close + 1 - front_start);
    const std::size_t body_start = std::min(text.size(), text.find('\n', close + 1) == std::string_view::npos
                                                             ? text.size()
                                                             : text.find('\n', close + 1) + 1);
    const std::string_view body = text.substr(body_start);

    toml::table table;
    try {
        table = toml::parse(front, input.label);
    } catch (const toml::parse_error& e) {
        errors.push_back({input.label, static_cast<int>(e.source().begin.line) + 1,
                          "front matter is not valid TOML: " + std::string(e.description())});
        return;
    }

    FrontMatterReader reader{input, errors, table, 1};
    for (const auto& [key, node] : table) {
        if (std::find(kFrontMatterKeys.begin(), kFrontMatterKeys.end(), key.str()) == kFrontMatterKeys.end())
            reader.error(reader.line_of(node), "front matter: unknown field '" + std::string(key.str()) +
                                                   "' (allowed: id, title, summary, topics, audience, language, updated)");
    }

    GuidanceArticle article;
    article.id = reader.string("id", true);
    article.title = reader.string("title", true);
    article.summary = reader.string("summary", false);
    article.topics = reader.list("topics");
    article.audience = reader.list("audience");
    article.language = reader.string("language", true);
    article.updated = reader.date("updated");

    const int id_line = table.get("id") ? reader.line_of(*table.get("id")) : 1;
    if (!article.id.empty() && article.id != "guidance/" + slug)
        reader.error(id_line, "id '" + article.id + "' must be 'guidance/" + slug + "' to match the file name");
    if (!article.language.empty() && article.language != language)
        reader.error(table.get("language") ? reader.line_of(*table.get("language")) : 1,
                     "language '" + article.language + "' does not match the folder guidance/" + language + "/");
    for (const auto& topic : article.topics) {
        const bool known = std::any_of(bundle.topics.begin(), bundle.topics.end(), [&](const Topic& t) { return t.id == topic; });
        if (!known) reader.error(reader.line_of(*table.get("topics")), "front matter: unknown topic '" + topic + "' (see topics.json)");
    }
    for (const auto& audience : article.audience)
        if (!is_known_audience(audience)) reader.error(reader.line_of(*table.get("audience")), "front matter: unknown audience '" + audience + "'");

    const int body_first_line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(body_start), '\n'));
    auto plain = markdown_to_plain_text(body);
    for (const auto& problem : plain.problems) {
        const int line = body_first_line - 1 + line_of_text(body, problem.needle, 1);
        errors.push_back({input.label, line, problem.message});
    }
    for (const auto& problem : ui_name_problems(body, language))
        errors.push_back({input.label, body_first_line - 1 + line_of_text(body, problem.needle, 1), problem.message});
    if (plain.plain.size() < 200)
        errors.push_back({input.label, body_first_line, "the body is too short to be guidance (" + std::to_string(plain.plain.size()) + " characters)"});
    article.body_markdown = std::string(body);
    article.body_text = std::move(plain.plain);
    const bool duplicate = std::any_of(bundle.guidance.begin(), bundle.guidance.end(), [&](const GuidanceArticle& g) {
        return g.id == article.id && g.language == article.language;
    });
    if (duplicate) reader.error(id_line, "duplicate article '" + article.id + "' in language " + article.language);
    bundle.guidance.push_back(std::move(article));
}

}  // namespace faltstod::content::detail
