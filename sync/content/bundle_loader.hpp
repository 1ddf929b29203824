// Loads and validates a content bundle directory (docs/content-format.md).
//
// Contract: never throws for bad content. Every problem found, in any file, is returned as a
// ValidationError naming the file (relative to the bundle root), the line and what is wrong;
// loading continues past errors so an editor sees all of them at once. A bundle is fit to
// publish only when `errors` is empty. Throws only for I/O failures of the directory itself.
#pragma once

#include "content_model.hpp"
#include "validation_error.hpp"

#include <filesystem>
#include <vector>

namespace faltstod::content {

struct LoadResult {
    Bundle bundle;
    std::vector<ValidationError> errors;
    bool ok() const { return errors.empty(); }
};

LoadResult load_bundle(const std::filesystem::path& root);

}  // namespace faltstod::content
