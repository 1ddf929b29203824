// Internal to the bundle loader: one reader per kind of bundle file. Each appends what it
// reads to the bundle and what is wrong to `errors`; see bundle_loader.hpp for the contract.
#pragma once

#include "content_model.hpp"
#include "validation_error.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace faltstod::content::detail {

struct FileInput {
    std::string label;  // path relative to the bundle root, as shown in errors
    std::string text;
};

void read_topics(const FileInput& file, Bundle& bundle, std::vector<ValidationError>& errors);
void read_counties(const FileInput& file, Bundle& bundle, std::vector<ValidationError>& errors);
// `county_slug` is the file name's stem, which must match the county code inside.
void read_contacts(const FileInput& file, const std::string& county_slug, Bundle& bundle,
                   std::vector<ValidationError>& errors);
void read_support_lines(const FileInput& file, Bundle& bundle, std::vector<ValidationError>& errors);
void read_checklist(const FileInput& file, const std::string& slug, Bundle& bundle,
                    std::vector<ValidationError>& errors);
void read_events(const FileInput& file, Bundle& bundle, std::vector<ValidationError>& errors);
// `slug` and `language` come from the path guidance/<language>/<slug>.md.
void read_guidance(const FileInput& file, const std::string& slug, const std::string& language,
                   Bundle& bundle, std::vector<ValidationError>& errors);

}  // namespace faltstod::content::detail
