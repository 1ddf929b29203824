// Content rows as they travel in /v1/changes and /v1/snapshot: each row is a table name, a
// key unique in that table, and the row's fields as JSON. The server stores rows in this form
// (and hashes it to see what changed); the kiosk turns them back into content structs.
#pragma once

#include "content_model.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <variant>
#include <vector>

namespace faltstod::protocol {

struct ContentRow {
    std::string table;  // one of kContentTables
    std::string key;    // id; for guidance "<id>@<language>", for counties the county code
    nlohmann::json data;
};

// Every row of a bundle, in kContentTables order.
std::vector<ContentRow> rows_from_bundle(const content::Bundle& bundle);

nlohmann::json to_json(const content::OpeningHours& hours);
nlohmann::json to_json(const content::GuidanceArticle& article);
nlohmann::json to_json(const content::Contact& contact);
nlohmann::json to_json(const content::SupportLine& line);
nlohmann::json to_json(const content::Checklist& checklist);
nlohmann::json to_json(const content::Event& event);

using ContentItem = std::variant<content::Topic, content::County, content::GuidanceArticle, content::Contact,
                                 content::SupportLine, content::Checklist, content::Event>;

// The struct a row describes. Throws std::invalid_argument with a readable message when the
// table is unknown or a field is missing or of the wrong type.
ContentItem item_from_row(const std::string& table, const nlohmann::json& data);

std::string guidance_key(const std::string& id, const std::string& language);

}  // namespace faltstod::protocol
