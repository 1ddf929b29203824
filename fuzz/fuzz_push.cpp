// Fuzz target: the body of POST /v1/push as the server reads it (push_intake.hpp), against a
// real server schema in an in-memory SQLite database. Each record must get exactly one outcome
// with a known status, nothing may throw, and a record is stored only when it was applied.
// The database is emptied after each input, so every input starts from the same state.
#include "fuzz_check.hpp"
#include "protocol.hpp"
#include "push_intake.hpp"
#include "server_schema.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <string_view>

namespace {

using faltstod::fuzz::check;

faltstod::sqlite::Database& server_db() {
    static faltstod::sqlite::Database db = faltstod::server::open_server_db(":memory:");
    return db;
}

std::int64_t stored_records(faltstod::sqlite::Database& db) {
    auto count = db.prepare("SELECT count(*) FROM consultations");
    count.step();
    return count.column_int(0);
}

void push_as(const faltstod::server::Device& device, const nlohmann::json& records) {
    auto& db = server_db();
    const auto outcomes = faltstod::server::store_pushed_records(db, device, records);
    check(outcomes.size() == records.size(), "not one outcome per record");
    std::int64_t applied = 0;
    for (const auto& outcome : outcomes) {
        namespace status = faltstod::protocol::push_status;
        const std::array<std::string_view, 4> known = {status::kApplied, status::kDuplicate, status::kConflict, status::kRejected};
        check(std::find(known.begin(), known.end(), outcome.status) != known.end(), "an unknown push status");
        if (outcome.status == status::kApplied) {
            ++applied;
            check(faltstod::protocol::is_uuid(outcome.id), "a record without a UUID was applied");
        }
        if (outcome.status == status::kRejected || outcome.status == status::kConflict)
            check(!outcome.reason.empty(), "a refusal without a reason");
    }
    check(stored_records(db) == applied, "stored records differ from applied outcomes");
    db.exec("DELETE FROM consultations");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // As the route does: a JSON object with a "records" array, at most 500 of them.
    const auto body = nlohmann::json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
    if (body.is_discarded() || !body.is_object()) return 0;
    const auto records = body.find("records");
    if (records == body.end() || !records->is_array() || records->size() > 500) return 0;

    faltstod::server::Device any_county;
    any_county.id = "fuzz-device-any";
    any_county.role = faltstod::server::Role::Editor;
    push_as(any_county, *records);

    faltstod::server::Device one_county = any_county;
    one_county.id = "fuzz-device-01";
    one_county.county = "01";
    push_as(one_county, *records);
    return 0;
}
