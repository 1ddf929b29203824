// Validation of anonymous consultation logs; see consultation_record.hpp.
#include "consultation_record.hpp"

#include "personal_data_guard.hpp"
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
const std::vector<std::string_view>& consultation_topics() {
    static const std::vector<std::string_view> values = {"hrv", "barnaktenskap", "tvangsaktenskap", "konsstympning",
                                                         "bortforande", "skyddad-identitet", "annat"};
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
    static const std::vector<std::string_view> values = {"advice_given", "referred", "joint_planning", "report_made",
                                                         "follow_up", "other"};
    return values;
}
const std::vector<std::string_view>& county_codes() {
    static const std::vector<std::string_view> values = {"01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13",
                                                         "14", "17", "18", "19", "20", "21", "22", "23", "24", "25"};
    return values;
}

namespace {

// UTF-8 code points (what a person counts as characters) in `text`.
std::size_t characters_in(std::string_view text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

std::string note_problem(std::string_view note, const std::string& language, const PublishedContacts* published) {
    if (characters_in(note) > kMaxNoteCharacters) {
        return language == "en" ? "The note may be at most " + std::to_string(kMaxNoteCharacters) + " characters long."
                                : "Anteckningen får vara högst " + std::to_string(kMaxNoteCharacters) + " tecken lång.";
    }
    if (const auto hidden = find_hidden_character(note)) {
        // Positions count characters, as describe_finding does, so the user can find it.
        const auto position = std::to_string(1 + characters_in(note.substr(0, *hidden)));
        return language == "en" ? "The note holds an invisible or control character (character " + position +
                                      "); write it again as plain text."
                                : "Anteckningen innehåller ett osynligt tecken eller styrtecken (tecken " + position +
                                      "); skriv den igen som vanlig text.";
    }
    const auto findings = find_personal_data(note, published);
    if (findings.empty()) return {};
    std::string sentence = describe_finding(findings.front(), note, language);
    if (findings.size() > 1) {
        sentence += language == "en" ? " (" + std::to_string(findings.size()) + " places in all)"
                                     : " (" + std::to_string(findings.size()) + " ställen sammanlagt)";
    }
    return sentence;
}

namespace {

// The sentences of parse_consultation, in Swedish and English. Each names only the protocol's
// own fields and values, never what the device sent.
struct Reasons {
    bool en;

    std::string not_object() const { return en ? "data must be an object" : "data måste vara ett objekt"; }
    std::string unknown_field() const {
        return en ? "the record has a field that is not part of an anonymous consultation log (allowed: date, county, "
                    "profession, topics, age_band, channel, outcome, note)"
                  : "posten har ett fält som inte hör till en anonym konsultationslogg (tillåtna: date, county, profession, "
                    "topics, age_band, channel, outcome, note)";
    }
    std::string required(const char* field) const {
        return en ? std::string("field '") + field + "' is required and must be a string"
                  : std::string("fältet '") + field + "' krävs och ska vara en text";
    }
    std::string one_of(const char* field, const std::string& list) const {
        return en ? std::string("field '") + field + "' must be one of: " + list
                  : std::string("fältet '") + field + "' ska vara ett av: " + list;
    }
    std::string not_a_date() const { return en ? "field 'date' must be a date (YYYY-MM-DD)" : "datumet ska skrivas ÅÅÅÅ-MM-DD"; }
    std::string outside_window(const DateRange& range, int months) const {
        return en ? "the date must lie within the last " + std::to_string(months) + " months and not in the future (" +
                        range.first + " to " + range.last + ")"
                  : "datumet ska ligga inom de senaste " + std::to_string(months) + " månaderna och inte i framtiden (" +
                        range.first + " till " + range.last + ")";
    }
    std::string other_county(const std::string& own) const {
        return en ? "this device is enrolled for county " + own + " and cannot log consultations for another county"
                  : "datorn är registrerad för län " + own + " och kan inte logga samtal för ett annat län";
    }
    std::string topics() const {
        return en ? "field 'topics' must list 1 to 10 topic ids" : "fältet 'topics' ska ange 1 till 10 ämnen";
    }
    std::string every_topic(const std::string& list) const {
        return en ? "every topic must be one of: " + list : "varje ämne ska vara ett av: " + list;
    }
    std::string note_type() const { return en ? "field 'note' must be a string" : "fältet 'note' ska vara en text"; }
};

std::string joined(const std::vector<std::string_view>& values) {
    std::string list;
    for (auto v : values) list += (list.empty() ? "" : ", ") + std::string(v);
    return list;
}

}  // namespace

std::optional<ConsultationRecord> parse_consultation(const nlohmann::json& data, const ConsultationRules& rules, std::string& reason,
                                                     const std::string& language) {
    const Reasons says{language == "en"};
    if (!data.is_object()) {
        reason = says.not_object();
        return std::nullopt;
    }
    static const std::vector<std::string_view> kFields = {"date", "county", "profession", "topics", "age_band", "channel", "outcome",
                                                           "note"};
    for (const auto& [key, value] : data.items()) {
        if (!one_of(kFields, key)) {
            reason = says.unknown_field();
            return std::nullopt;
        }
    }
    ConsultationRecord record;
    auto text = [&](const char* name, std::string& out) {
        const auto it = data.find(name);
        if (it == data.end() || !it->is_string()) {
            reason = says.required(name);
            return false;
        }
        out = it->get<std::string>();
        return true;
    };
    auto choice = [&](const char* name, std::string& out, const std::vector<std::string_view>& allowed) {
        if (!text(name, out)) return false;
        if (one_of(allowed, out)) return true;
        reason = says.one_of(name, joined(allowed));
        return false;
    };
    if (!text("date", record.date)) return std::nullopt;
    if (!content::is_valid_date(record.date)) {
        reason = says.not_a_date();
        return std::nullopt;
    }
    const DateRange allowed = allowed_dates(rules.today, rules.window);
    if (record.date < allowed.first || record.date > allowed.last) {  // ISO dates compare as text
        reason = says.outside_window(allowed, std::clamp(rules.window.months_back, kMinWindowMonths, kMaxWindowMonths));
        return std::nullopt;
    }
    if (!choice("county", record.county, county_codes())) return std::nullopt;
    if (rules.device_county && record.county != *rules.device_county) {
        reason = says.other_county(*rules.device_county);
        return std::nullopt;
    }
    if (!choice("profession", record.profession, professions()) || !choice("age_band", record.age_band, age_bands()) ||
        !choice("channel", record.channel, channels()) || !choice("outcome", record.outcome, outcomes()))
        return std::nullopt;
    const auto topics = data.find("topics");
    if (topics == data.end() || !topics->is_array() || topics->empty() || topics->size() > kMaxTopics) {
        reason = says.topics();
        return std::nullopt;
    }
    for (const auto& topic : *topics) {
        if (!topic.is_string() || !one_of(consultation_topics(), topic.get<std::string>())) {
            reason = says.every_topic(joined(consultation_topics()));
            return std::nullopt;
        }
        record.topics.push_back(topic.get<std::string>());
    }
    if (const auto note = data.find("note"); note != data.end()) {
        if (!note->is_string()) {
            reason = says.note_type();
            return std::nullopt;
        }
        record.note = note->get<std::string>();
        if (auto problem = note_problem(record.note, language, rules.published.get()); !problem.empty()) {
            reason = std::move(problem);
            return std::nullopt;
        }
    }
    return record;
}

std::string consultation_problem(const ConsultationRecord& record, const ConsultationRules& rules, const std::string& language) {
    std::string reason;
    if (parse_consultation(to_json(record), rules, reason, language)) return {};
    return reason;
}

nlohmann::json to_json(const ConsultationRecord& r) {
    nlohmann::json json = {{"date", r.date},         {"county", r.county},   {"profession", r.profession}, {"topics", r.topics},
                           {"age_band", r.age_band}, {"channel", r.channel}, {"outcome", r.outcome}};
    // Left out when empty, so a record without a note hashes as it did before notes existed.
    if (!r.note.empty()) json["note"] = r.note;
    return json;
}

}  // namespace faltstod::protocol
