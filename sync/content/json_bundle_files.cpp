// Readers for the bundle's JSON files: topics, counties, contacts, support lines, checklists
// and events. Topics and counties are read first, so later readers check references to them.
#include "bundle_files.hpp"
#include "json_file.hpp"
#include "opening_hours_json.hpp"
#include "value_formats.hpp"

#include <algorithm>
#include <unordered_set>

namespace faltstod::content::detail {

namespace {

using json = nlohmann::json;

bool has_topic(const Bundle& bundle, const std::string& id) {
    return std::any_of(bundle.topics.begin(), bundle.topics.end(), [&](const Topic& t) { return t.id == id; });
}

const County* find_county(const Bundle& bundle, const std::string& code) {
    for (const auto& county : bundle.counties)
        if (county.code == code) return &county;
    return nullptr;
}

// Checks an id of the form "<prefix>/<slug>" (slug may contain one more '/').
void check_id(JsonFile& file, const std::string& at, const std::string& id, const std::string& prefix) {
    if (id.empty()) return;
    if (id.rfind(prefix + "/", 0) != 0) {
        file.error(JsonFile::child(at, "id"), "id '" + id + "' must start with '" + prefix + "/'");
        return;
    }
    std::string rest = id.substr(prefix.size() + 1);
    std::size_t start = 0;
    for (;;) {
        const std::size_t slash = rest.find('/', start);
        if (!is_slug(rest.substr(start, slash - start))) {
            file.error(JsonFile::child(at, "id"), "id '" + id + "' may use only a-z, 0-9 and '-' after '" + prefix + "/'");
            return;
        }
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
}

// The ids of one kind read so far (from earlier files and this one), so each duplicate check
// is one hash lookup: a scan of all earlier ids made loading 89,000 contacts quadratic (about
// 50 s). Built once per file from what the bundle already holds, then kept up to date.
class SeenIds {
public:
    template <typename Item>
    explicit SeenIds(const std::vector<Item>& existing) {
        ids_.reserve(existing.size());
        for (const auto& item : existing) ids_.insert(item.id);
    }
    // Records `id`; reports it when an earlier item already had it.
    void check(JsonFile& file, const std::string& at, const std::string& id) {
        if (!id.empty() && !ids_.insert(id).second) file.error(JsonFile::child(at, "id"), "duplicate id '" + id + "'");
    }

private:
    std::unordered_set<std::string> ids_;
};

void check_topics(JsonFile& file, const std::string& at, const Bundle& bundle, const std::vector<std::string>& topics) {
    for (std::size_t i = 0; i < topics.size(); ++i)
        if (!has_topic(bundle, topics[i]))
            file.error(JsonFile::child(JsonFile::child(at, "topics"), i), "unknown topic '" + topics[i] + "' (see topics.json)");
}

void check_audience(JsonFile& file, const std::string& at, const std::vector<std::string>& audience) {
    for (std::size_t i = 0; i < audience.size(); ++i)
        if (!is_known_audience(audience[i]))
            file.error(JsonFile::child(JsonFile::child(at, "audience"), i), "unknown audience '" + audience[i] + "'");
}

void check_date(JsonFile& file, const std::string& at, const char* key, const std::string& value) {
    if (!value.empty() && !is_valid_date(value))
        file.error(JsonFile::child(at, key), "'" + value + "' is not a date (YYYY-MM-DD)");
}

void check_phone(JsonFile& file, const std::string& at, const char* key, const std::string& value) {
    const bool ok = std::all_of(value.begin(), value.end(), [](char c) {
        return (c >= '0' && c <= '9') || c == ' ' || c == '-' || c == '+';
    });
    if (!value.empty() && !ok) file.error(JsonFile::child(at, key), "'" + value + "' is not a phone number (digits, spaces, '-', '+')");
}

// Parses the file and returns the array under `key` of the root object, or nullptr.
const json* root_array(JsonFile& file, const FileInput& input, const char* key) {
    if (!file.parse(input.text) || !file.expect_object(file.root(), "")) return nullptr;
    return file.array(file.root(), "", key, true);
}

}  // namespace

void read_topics(const FileInput& input, Bundle& bundle, std::vector<ValidationError>& errors) {
    JsonFile file(input.label, errors);
    const json* list = root_array(file, input, "topics");
    if (!list) return;
    file.allow_only(file.root(), "", {"topics"});
    SeenIds seen(bundle.topics);
    for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string at = JsonFile::child("/topics", i);
        if (!file.expect_object((*list)[i], at)) continue;
        file.allow_only((*list)[i], at, {"id", "name"});
        Topic topic{file.required_string((*list)[i], at, "id"), file.localized((*list)[i], at, "name", true)};
        if (!topic.id.empty() && !is_slug(topic.id)) file.error(JsonFile::child(at, "id"), "'" + topic.id + "' is not a slug (a-z, 0-9, '-')");
        seen.check(file, at, topic.id);
        bundle.topics.push_back(std::move(topic));
    }
}

void read_counties(const FileInput& input, Bundle& bundle, std::vector<ValidationError>& errors) {
    JsonFile file(input.label, errors);
    const json* list = root_array(file, input, "counties");
    if (!list) return;
    file.allow_only(file.root(), "", {"counties"});
    for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string at = JsonFile::child("/counties", i);
        if (!file.expect_object((*list)[i], at)) continue;
        file.allow_only((*list)[i], at, {"code", "slug", "name"});
        County county{file.required_string((*list)[i], at, "code"), file.required_string((*list)[i], at, "slug"),
                      file.required_string((*list)[i], at, "name")};
        if (find_county(bundle, county.code)) file.error(JsonFile::child(at, "code"), "duplicate county code '" + county.code + "'");
        if (!county.slug.empty() && !is_slug(county.slug)) file.error(JsonFile::child(at, "slug"), "'" + county.slug + "' is not a slug");
        bundle.counties.push_back(std::move(county));
    }
}

void read_contacts(const FileInput& input, const std::string& county_slug, Bundle& bundle,
                   std::vector<ValidationError>& errors) {
    JsonFile file(input.label, errors);
    const json* list = root_array(file, input, "contacts");
    if (!list) return;
    file.allow_only(file.root(), "", {"county", "contacts"});
    const std::string county_code = file.required_string(file.root(), "", "county");
    const County* county = find_county(bundle, county_code);
    if (!county_code.empty() && !county) {
        file.error("/county", "unknown county code '" + county_code + "' (see counties.json)");
        return;
    }
    if (county && county->slug != county_slug) {
        file.error("/county", "county '" + county_code + "' is " + county->slug + ", so this file must be named contacts/" +
                                  county->slug + ".json");
    }
    SeenIds seen(bundle.contacts);
    for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string at = JsonFile::child("/contacts", i);
        const json& item = (*list)[i];
        if (!file.expect_object(item, at)) continue;
        file.allow_only(item, at, {"id", "kind", "name", "municipality", "phone", "url", "email", "description", "hours",
                                      "address"});
        Contact contact;
        contact.id = file.required_string(item, at, "id");
        check_id(file, at, contact.id, "contact/" + county_slug);
        seen.check(file, at, contact.id);
        contact.kind = file.required_string(item, at, "kind");
        if (!contact.kind.empty() && !is_known_contact_kind(contact.kind))
            file.error(JsonFile::child(at, "kind"), "unknown kind '" + contact.kind + "'");
        contact.name = file.required_string(item, at, "name");
        contact.county_code = county_code;
        contact.municipality = file.optional_string(item, at, "municipality");
        contact.phone = file.required_string(item, at, "phone");
        check_phone(file, at, "phone", contact.phone);
        contact.url = file.optional_string(item, at, "url");
        contact.email = file.optional_string(item, at, "email");
        contact.address = file.optional_string(item, at, "address");
        if (contact.address && contact.kind == "skyddat-boende")
            file.error(JsonFile::child(at, "address"), "a shelter's address must never be published");
        contact.description = file.localized(item, at, "description", false);
        const bool municipal = contact.kind == "socialtjanst" || contact.kind == "socialjour";
        if (item.contains("hours")) contact.hours = read_opening_hours(file, item["hours"], JsonFile::child(at, "hours"));
        else if (municipal) file.error(JsonFile::child(at, "hours"), "a " + contact.kind + " contact must have opening hours");
        if (municipal && !contact.municipality)
            file.error(JsonFile::child(at, "municipality"), "a " + contact.kind + " contact must name its municipality");
        bundle.contacts.push_back(std::move(contact));
    }
}

void read_support_lines(const FileInput& input, Bundle& bundle, std::vector<ValidationError>& errors) {
    JsonFile file(input.label, errors);
    const json* list = root_array(file, input, "support_lines");
    if (!list) return;
    file.allow_only(file.root(), "", {"support_lines"});
    SeenIds seen(bundle.support_lines);
    for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string at = JsonFile::child("/support_lines", i);
        const json& item = (*list)[i];
        if (!file.expect_object(item, at)) continue;
        file.allow_only(item, at, {"id", "name", "number", "audience", "who", "free", "anonymous", "languages", "url", "hours"});
        SupportLine line;
        line.id = file.required_string(item, at, "id");
        check_id(file, at, line.id, "line");
        seen.check(file, at, line.id);
        line.name = file.required_string(item, at, "name");
        line.number = file.required_string(item, at, "number");
        check_phone(file, at, "number", line.number);
        line.audience = file.string_list(item, at, "audience", true);
        check_audience(file, at, line.audience);
        line.who = file.localized(item, at, "who", true);
        line.free = file.optional_bool(item, at, "free", false);
        line.anonymous = file.optional_bool(item, at, "anonymous", false);
        line.languages = file.string_list(item, at, "languages", false);
        line.url = file.optional_string(item, at, "url");
        if (item.contains("hours")) line.hours = read_opening_hours(file, item["hours"], JsonFile::child(at, "hours"));
        else file.error(JsonFile::child(at, "hours"), "a support line must have opening hours");
        line.sort_order = static_cast<int>(i);
        bundle.support_lines.push_back(std::move(line));
    }
}

void read_checklist(const FileInput& input, const std::string& slug, Bundle& bundle, std::vector<ValidationError>& errors) {
    JsonFile file(input.label, errors);
    if (!file.parse(input.text) || !file.expect_object(file.root(), "")) return;
    const json& root = file.root();
    file.allow_only(root, "", {"id", "title", "intro", "topics", "items"});
    Checklist checklist;
    checklist.id = file.required_string(root, "", "id");
    if (!checklist.id.empty() && checklist.id != "checklist/" + slug)
        file.error("/id", "id '" + checklist.id + "' must be 'checklist/" + slug + "' to match the file name");
    SeenIds(bundle.checklists).check(file, "", checklist.id);
    checklist.title = file.localized(root, "", "title", true);
    checklist.intro = file.localized(root, "", "intro", false);
    checklist.topics = file.string_list(root, "", "topics", false);
    check_topics(file, "", bundle, checklist.topics);
    if (const json* items = file.array(root, "", "items", true)) {
        for (std::size_t i = 0; i < items->size(); ++i) {
            const std::string at = JsonFile::child("/items", i);
            if (!file.expect_object((*items)[i], at)) continue;
            file.allow_only((*items)[i], at, {"text", "detail"});
            checklist.items.push_back({file.localized((*items)[i], at, "text", true), file.localized((*items)[i], at, "detail", false)});
        }
        if (items->size() < 3) file.error("/items", "a checklist needs at least 3 items");
    }
    bundle.checklists.push_back(std::move(checklist));
}

void read_events(const FileInput& input, Bundle& bundle, std::vector<ValidationError>& errors) {
    JsonFile file(input.label, errors);
    const json* list = root_array(file, input, "events");
    if (!list) return;
    file.allow_only(file.root(), "", {"events"});
    SeenIds seen(bundle.events);
    for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string at = JsonFile::child("/events", i);
        const json& item = (*list)[i];
        if (!file.expect_object(item, at)) continue;
        file.allow_only(item, at, {"id", "title", "kind", "starts", "ends", "location", "county", "organiser", "url", "description", "audience"});
        Event event;
        event.id = file.required_string(item, at, "id");
        check_id(file, at, event.id, "event");
        seen.check(file, at, event.id);
        event.title = file.localized(item, at, "title", true);
        event.kind = file.required_string(item, at, "kind");
        if (!event.kind.empty() && !is_known_event_kind(event.kind))
            file.error(JsonFile::child(at, "kind"), "unknown kind '" + event.kind + "' (konferens, utbildning, webbinarium, natverk)");
        event.starts = file.required_string(item, at, "starts");
        event.ends = file.required_string(item, at, "ends");
        check_date(file, at, "starts", event.starts);
        check_date(file, at, "ends", event.ends);
        if (is_valid_date(event.starts) && is_valid_date(event.ends) && event.ends < event.starts)
            file.error(JsonFile::child(at, "ends"), "ends (" + event.ends + ") is before starts (" + event.starts + ")");
        event.location = file.required_string(item, at, "location");
        event.county_code = file.optional_string(item, at, "county");
        if (event.county_code && !find_county(bundle, *event.county_code))
            file.error(JsonFile::child(at, "county"), "unknown county code '" + *event.county_code + "'");
        event.organiser = file.required_string(item, at, "organiser");
        event.url = file.optional_string(item, at, "url");
        event.description = file.localized(item, at, "description", true);
        event.audience = file.string_list(item, at, "audience", false);
        check_audience(file, at, event.audience);
        bundle.events.push_back(std::move(event));
    }
}

}  // namespace faltstod::content::detail
