// Storing a batch of pushed device records with an exactly-once effect. Each record is judged
// on its own (applied / duplicate / conflict / rejected with a reason); a bad record never
// fails its neighbours. All accepted records are committed together before the caller answers.
#pragma once

#include "consultation_rules.hpp"
#include "device_registry.hpp"
#include "sqlite_db.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace faltstod::server {

struct PushOutcome {
    std::string id;
    std::string status;  // protocol::push_status
    std::string reason;  // for rejected and conflict
};

// What the server checks a record with beyond the record and the device: the window of dates
// (today is the server's UTC date when the batch arrives) and the contact details the
// published content lists, which a note may name.
struct IntakeRules {
    protocol::DateWindow window;
    std::shared_ptr<const protocol::PublishedContacts> published;  // null: nothing listed
};

// `records` is the request's "records" array (already checked to be an array). A rejection's
// reason never repeats a field name or a value the device sent.
std::vector<PushOutcome> store_pushed_records(sqlite::Database& db, const Device& device, const nlohmann::json& records,
                                              const IntakeRules& rules = {});

}  // namespace faltstod::server
