// Walks a bundle directory in a fixed order (topics and counties first, because the other
// files refer to them) and hands each file to its reader; see bundle_loader.hpp.
#include "bundle_loader.hpp"

#include "bundle_files.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace faltstod::content {

namespace fs = std::filesystem;

namespace {

std::optional<detail::FileInput> read_file(const fs::path& root, const fs::path& path, std::vector<ValidationError>& errors) {
    const std::string label = fs::relative(path, root).generic_string();
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        errors.push_back({label, 0, "cannot be read"});
        return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    std::string content = text.str();
    if (content.rfind("\xEF\xBB\xBF", 0) == 0) content.erase(0, 3);  // editors on Windows add a BOM
    return detail::FileInput{label, std::move(content)};
}

// The regular files of `dir` with the given extension, sorted by name; anything else in the
// folder is reported, so a misnamed file is not silently left out of the bundle.
std::vector<fs::path> files_in(const fs::path& root, const fs::path& dir, const std::string& extension,
                               std::vector<ValidationError>& errors) {
    std::vector<fs::path> files;
    if (!fs::is_directory(dir)) {
        errors.push_back({fs::relative(dir, root).generic_string() + "/", 0, "folder is missing"});
        return files;
    }
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.is_regular_file() && entry.path().extension() == extension) files.push_back(entry.path());
        else if (entry.path().filename().string().front() != '.')
            errors.push_back({fs::relative(entry.path(), root).generic_string(), 0,
                              "unexpected entry: this folder holds only " + extension + " files"});
    }
    std::sort(files.begin(), files.end());
    return files;
}

template <typename Reader>
void read_required(const fs::path& root, const char* name, Bundle& bundle, std::vector<ValidationError>& errors, Reader reader) {
    const fs::path path = root / name;
    if (!fs::is_regular_file(path)) {
        errors.push_back({name, 0, "file is missing"});
        return;
    }
    if (auto input = read_file(root, path, errors)) reader(*input, bundle, errors);
}

}  // namespace

LoadResult load_bundle(const fs::path& root) {
    LoadResult result;
    auto& errors = result.errors;
    auto& bundle = result.bundle;
    if (!fs::is_directory(root)) {
        errors.push_back({root.string(), 0, "is not a folder"});
        return result;
    }

    read_required(root, "topics.json", bundle, errors, detail::read_topics);
    read_required(root, "counties.json", bundle, errors, detail::read_counties);
    read_required(root, "support_lines.json", bundle, errors, detail::read_support_lines);
    read_required(root, "events.json", bundle, errors, detail::read_events);

    for (const auto& path : files_in(root, root / "contacts", ".json", errors))
        if (auto input = read_file(root, path, errors)) detail::read_contacts(*input, path.stem().string(), bundle, errors);
    for (const auto& path : files_in(root, root / "checklists", ".json", errors))
        if (auto input = read_file(root, path, errors)) detail::read_checklist(*input, path.stem().string(), bundle, errors);

    // Swedish first: every translation must have a Swedish original with the same slug.
    for (const std::string language : {"sv", "en"}) {
        for (const auto& path : files_in(root, root / "guidance" / language, ".md", errors)) {
            auto input = read_file(root, path, errors);
            if (!input) continue;
            const std::string slug = path.stem().string();
            if (language != "sv") {
                const bool has_original = std::any_of(bundle.guidance.begin(), bundle.guidance.end(), [&](const GuidanceArticle& g) {
                    return g.language == "sv" && g.id == "guidance/" + slug;
                });
                if (!has_original) errors.push_back({input->label, 0, "translation without a Swedish original guidance/sv/" + slug + ".md"});
            }
            detail::read_guidance(*input, slug, language, bundle, errors);
        }
    }
    return result;
}

}  // namespace faltstod::content
