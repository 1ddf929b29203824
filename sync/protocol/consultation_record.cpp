// Validation of anonymous consultation logs; see consultation_record.hpp.
#include "consultation_record.hpp"

#include "value_formats.hpp"

#include <algorithm>

namespace faltstod::protocol {

namespace {

bool one_of(const std::vector<std::string_view>& values, const std::string& value) {
    return std::find(values.begin(), values.end(), value) != values.end();
}

constexpr std::size_t kMaxTopics = 10;

}  // namespace

const std::vector<std::string_view>& professions() {
    static const std::vector<std::string_view> values = {"socialtjanst", "skola", "elevhalsa", "halso-och-sjukvard", "polis",
                                                         "aklagare", "resurscentrum", "ideell", "annan"};
    return values;
}
const std::vector<std::string_view>& age_bands() {
    static const std::vector<std::string_view> values = {"child", "youth", "adult", "unknown"};
    return values;
}
const std::vector<std::string_view>& channels() {
    static const std::vector<std::string_view> values = {"phone", "visit", "digital", "meeting"};
    return values;
}
const std::vector<std::string_view>& outcomes() {
    static const std::vector<std::string_view> values = {"advice_given", "referred", "report_made", "follow_up", "other"};
    return values;
}
const std::vector<std::string_view>& county_codes() {
    static const std::vector<std::string_view> values = {"01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13",
                                                         "14", "17", "18", "19", "20", "21", "22", "23", "24", "25"};
    return values;
}

std::optional<ConsultationRecord> parse_consultation(const nlohmann::json& data, std::string& reason) {
    if (!data.is_object()) {
        reason = "data must be an object";
        return std::nullopt;
    }
    static const std::vector<std::string_view> kFields = {"date", "county", "profession", "topics", "age_band", "channel", "outcome"};
    for (const auto& [key, value] : data.items()) {
        if (!one_of(kFields, key)) {
            reason = "field '" + key + "' is not part of an anonymous consultation log (allowed: date, county, profession, "
                     "topics, age_band, channel, outcome)";
            return std::nullopt;
        }
    }
    ConsultationRecord record;
    auto text = [&](const char* name, std::string& out) {
        const auto it = data.find(name);
        if (it == data.end() || !it->is_string()) {
            reason = std::string("field '") + name + "' is required and must be a string";
            return false;
        }
        out = it->get<std::string>();
        return true;
    };
    auto choice = [&](const char* name, std::string& out, const std::vector<std::string_view>& allowed) {
        if (!text(name, out)) return false;
        if (one_of(allowed, out)) return true;
        std::string list;
        for (auto v : allowed) list += (list.empty() ? "" : ", ") + std::string(v);
        reason = std::string("field '") + name + "' must be one of: " + list;
        return false;
    };
    if (!text("date", record.date)) return std::nullopt;
    if (!content::is_valid_date(record.date)) {
        reason = "field 'date' must be a date (YYYY-MM-DD)";
        return std::nullopt;
    }
    if (!choice("county", record.county, county_codes()) || !choice("profession", record.profession, professions()) ||
        !choice("age_band", record.age_band, age_bands()) || !choice("channel", record.channel, channels()) ||
        !choice("outcome", record.outcome, outcomes()))
        return std::nullopt;
    const auto topics = data.find("topics");
    if (topics == data.end() || !topics->is_array() || topics->empty() || topics->size() > kMaxTopics) {
        reason = "field 'topics' must list 1 to 10 topic ids";
        return std::nullopt;
    }
    for (const auto& topic : *topics) {
        if (!topic.is_string() || !content::is_slug(topic.get<std::string>())) {
            reason = "every topic must be a topic id (a-z, 0-9, '-')";
            return std::nullopt;
        }
        record.topics.push_back(topic.get<std::string>());
    }
    return record;
}

nlohmann::json to_json(const ConsultationRecord& r) {
    return {{"date", r.date}, {"county", r.county}, {"profession", r.profession}, {"topics", r.topics},
            {"age_band", r.age_band}, {"channel", r.channel}, {"outcome", r.outcome}};
}

}  // namespace faltstod::protocol
