// Reading opening hours from their JSON form in the bundle (see docs/content-format.md).
#pragma once

#include "content_model.hpp"
#include "json_file.hpp"

#include <nlohmann/json.hpp>

namespace faltstod::content {

// Reads the hours object at `at` (e.g. "/contacts/2/hours"); problems go to `file`'s errors.
OpeningHours read_opening_hours(JsonFile& file, const nlohmann::json& value, const std::string& at);

}  // namespace faltstod::content
