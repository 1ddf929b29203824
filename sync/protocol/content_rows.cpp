// Conversion of content structs to and from their row JSON; see content_rows.hpp.
#include "content_rows.hpp"

#include "protocol.hpp"
#include "value_formats.hpp"

#include <stdexcept>

namespace faltstod::protocol {

using nlohmann::json;

namespace {

json text(const content::LocalizedText& t) { return json{{"sv", t.sv}, {"en", t.en}}; }

json optional(const std::optional<std::string>& value) { return value ? json(*value) : json(nullptr); }

// Field access that names the field when the row is malformed.
const json& field(const json& data, const char* name) {
    const auto it = data.find(name);
    if (it == data.end()) throw std::invalid_argument(std::string("row lacks field '") + name + "'");
    return *it;
}

std::string str(const json& data, const char* name) {
    const json& value = field(data, name);
    if (!value.is_string()) throw std::invalid_argument(std::string("field '") + name + "' must be a string");
    return value.get<std::string>();
}

std::optional<std::string> opt_str(const json& data, const char* name) {
    const auto it = data.find(name);
    if (it == data.end() || it->is_null()) return std::nullopt;
    if (!it->is_string()) throw std::invalid_argument(std::string("field '") + name + "' must be a string or null");
    return it->get<std::string>();
}

content::LocalizedText loc(const json& data, const char* name) {
    const json& value = field(data, name);
    if (!value.is_object()) throw std::invalid_argument(std::string("field '") + name + "' must be an object");
    return {str(value, "sv"), value.contains("en") ? str(value, "en") : std::string()};
}

std::vector<std::string> list(const json& data, const char* name) {
    const json& value = field(data, name);
    try {
        return value.get<std::vector<std::string>>();
    } catch (const json::exception&) {
        throw std::invalid_argument(std::string("field '") + name + "' must be a list of strings");
    }
}

template <typename T>
T number(const json& data, const char* name) {
    const json& value = field(data, name);
    if (!value.is_number_integer()) throw std::invalid_argument(std::string("field '") + name + "' must be an integer");
    return value.get<T>();
}

bool boolean(const json& data, const char* name) {
    const json& value = field(data, name);
    if (!value.is_boolean()) throw std::invalid_argument(std::string("field '") + name + "' must be true or false");
    return value.get<bool>();
}

content::OpeningHours hours_from(const json& data) {
    content::OpeningHours hours;
    hours.always_open = boolean(data, "always_open");
    const std::string rule = str(data, "public_holidays");
    const auto parsed = content::parse_holiday_rule(rule);
    if (!parsed) throw std::invalid_argument("field 'public_holidays' has unknown value '" + rule + "'");
    hours.public_holidays = *parsed;
    for (const auto& r : field(data, "weekly")) hours.weekly.push_back({number<int>(r, "weekday"), number<int>(r, "open"), number<int>(r, "close")});
    for (const auto& e : field(data, "exceptions"))
        hours.exceptions.push_back({str(e, "date"), boolean(e, "closed"), number<int>(e, "open"), number<int>(e, "close"), loc(e, "note")});
    hours.note = loc(data, "note");
    return hours;
}

}  // namespace

std::string guidance_key(const std::string& id, const std::string& language) { return id + "@" + language; }

json to_json(const content::OpeningHours& hours) {
    json weekly = json::array(), exceptions = json::array();
    for (const auto& r : hours.weekly) weekly.push_back({{"weekday", r.weekday}, {"open", r.open}, {"close", r.close}});
    for (const auto& e : hours.exceptions)
        exceptions.push_back({{"date", e.date}, {"closed", e.closed}, {"open", e.open}, {"close", e.close}, {"note", text(e.note)}});
    return {{"always_open", hours.always_open}, {"public_holidays", std::string(content::holiday_rule_name(hours.public_holidays))},
            {"weekly", weekly}, {"exceptions", exceptions}, {"note", text(hours.note)}};
}

json to_json(const content::GuidanceArticle& a) {
    return {{"id", a.id}, {"language", a.language}, {"title", a.title}, {"summary", a.summary}, {"topics", a.topics},
            {"audience", a.audience}, {"updated", a.updated}, {"body_markdown", a.body_markdown}, {"body_text", a.body_text}};
}

json to_json(const content::Contact& c) {
    json row = {{"id", c.id}, {"kind", c.kind}, {"name", c.name}, {"county", c.county_code}, {"municipality", optional(c.municipality)},
                {"phone", c.phone}, {"url", optional(c.url)}, {"email", optional(c.email)}, {"description", text(c.description)},
                {"hours", c.hours ? to_json(*c.hours) : json(nullptr)}};
    // Only when there is one: rows without an address keep the hash they had before addresses
    // existed, so publishing after an upgrade changes nothing that did not change.
    if (c.address) row["address"] = *c.address;
    return row;
}

json to_json(const content::SupportLine& l) {
    return {{"id", l.id}, {"name", l.name}, {"number", l.number}, {"audience", l.audience}, {"who", text(l.who)},
            {"free", l.free}, {"anonymous", l.anonymous}, {"languages", l.languages}, {"url", optional(l.url)},
            {"hours", to_json(l.hours)}, {"sort_order", l.sort_order}};
}

json to_json(const content::Checklist& c) {
    json items = json::array();
    for (const auto& item : c.items) items.push_back({{"text", text(item.text)}, {"detail", text(item.detail)}});
    return {{"id", c.id}, {"title", text(c.title)}, {"intro", text(c.intro)}, {"topics", c.topics}, {"items", items}};
}

json to_json(const content::Event& e) {
    return {{"id", e.id}, {"title", text(e.title)}, {"kind", e.kind}, {"starts", e.starts}, {"ends", e.ends},
            {"location", e.location}, {"county", optional(e.county_code)}, {"organiser", e.organiser}, {"url", optional(e.url)},
            {"description", text(e.description)}, {"audience", e.audience}};
}

std::vector<ContentRow> rows_from_bundle(const content::Bundle& b) {
    std::vector<ContentRow> rows;
    for (const auto& t : b.topics) rows.push_back({"topics", t.id, {{"id", t.id}, {"name", text(t.name)}}});
    for (const auto& c : b.counties) rows.push_back({"counties", c.code, {{"code", c.code}, {"slug", c.slug}, {"name", c.name}}});
    for (const auto& g : b.guidance) rows.push_back({"guidance", guidance_key(g.id, g.language), to_json(g)});
    for (const auto& c : b.contacts) rows.push_back({"contacts", c.id, to_json(c)});
    for (const auto& l : b.support_lines) rows.push_back({"support_lines", l.id, to_json(l)});
    for (const auto& c : b.checklists) rows.push_back({"checklists", c.id, to_json(c)});
    for (const auto& e : b.events) rows.push_back({"events", e.id, to_json(e)});
    return rows;
}

ContentItem item_from_row(const std::string& table, const json& d) {
    if (!d.is_object()) throw std::invalid_argument("row data must be an object");
    if (table == "topics") return content::Topic{str(d, "id"), loc(d, "name")};
    if (table == "counties") return content::County{str(d, "code"), str(d, "slug"), str(d, "name")};
    if (table == "guidance") {
        return content::GuidanceArticle{str(d, "id"), str(d, "language"), str(d, "title"), str(d, "summary"),
                                        list(d, "topics"), list(d, "audience"), str(d, "updated"),
                                        str(d, "body_markdown"), str(d, "body_text")};
    }
    if (table == "contacts") {
        content::Contact c{str(d, "id"), str(d, "kind"), str(d, "name"), str(d, "county"), opt_str(d, "municipality"),
                           str(d, "phone"), opt_str(d, "url"), opt_str(d, "email"), loc(d, "description"), std::nullopt,
                           opt_str(d, "address")};
        if (const json& h = field(d, "hours"); !h.is_null()) c.hours = hours_from(h);
        return c;
    }
    if (table == "support_lines") {
        return content::SupportLine{str(d, "id"), str(d, "name"), str(d, "number"), list(d, "audience"), loc(d, "who"),
                                    boolean(d, "free"), boolean(d, "anonymous"), list(d, "languages"), opt_str(d, "url"),
                                    hours_from(field(d, "hours")), number<int>(d, "sort_order")};
    }
    if (table == "checklists") {
        content::Checklist c{str(d, "id"), loc(d, "title"), loc(d, "intro"), list(d, "topics"), {}};
        for (const auto& item : field(d, "items")) c.items.push_back({loc(item, "text"), loc(item, "detail")});
        return c;
    }
    if (table == "events") {
        return content::Event{str(d, "id"), loc(d, "title"), str(d, "kind"), str(d, "starts"), str(d, "ends"),
                              str(d, "location"), opt_str(d, "county"), str(d, "organiser"), opt_str(d, "url"),
                              loc(d, "description"), list(d, "audience")};
    }
    throw std::invalid_argument("unknown content table '" + table + "'");
}

}  // namespace faltstod::protocol
