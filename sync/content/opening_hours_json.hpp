// Opening hours between their JSON form in the bundle (see docs/content-format.md) and the
// OpeningHours struct. The same JSON form is used to carry hours over the sync protocol.
#pragma once

#include "content_model.hpp"
#include "json_file.hpp"

#include <nlohmann/json.hpp>

namespace faltstod::content {

// Reads the hours object at `at` (e.g. "/contacts/2/hours"); problems go to `file`'s errors.
OpeningHours read_opening_hours(JsonFile& file, const nlohmann::json& value, const std::string& at);

// The canonical JSON form: days grouped per range, as read back by read_opening_hours.
nlohmann::json opening_hours_to_json(const OpeningHours& hours);

}  // namespace faltstod::content
