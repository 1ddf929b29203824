// Storing a batch of pushed device records with an exactly-once effect. Each record is judged
// on its own (applied / duplicate / conflict / rejected with a reason); a bad record never
// fails its neighbours. All accepted records are committed together before the caller answers.
#pragma once

#include "device_registry.hpp"
#include "sqlite_db.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace faltstod::server {

struct PushOutcome {
    std::string id;
    std::string status;  // protocol::push_status
    std::string reason;  // for rejected and conflict
};

// `records` is the request's "records" array (already checked to be an array).
std::vector<PushOutcome> store_pushed_records(sqlite::Database& db, const Device& device, const nlohmann::json& records);

bool is_uuid(const std::string& text);

}  // namespace faltstod::server
