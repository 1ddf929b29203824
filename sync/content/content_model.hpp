// The content the kiosk shows, as plain structs: what the bundle loader produces from
// `assets/content/` and what the replica stores. No I/O and no SQLite here.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace faltstod::content {

// Text in Swedish (always present) and English (optional).
struct LocalizedText {
    std::string sv;
    std::string en;

    // The text in `language` ("sv" or "en"), falling back to Swedish when there is no English.
    const std::string& in(const std::string& language) const {
        return (language == "en" && !en.empty()) ? en : sv;
    }
    bool empty() const { return sv.empty(); }
};

// Minutes since midnight, 0..1440 (1440 = 24:00, only as a closing time).
using MinuteOfDay = int;

// One weekly opening range. When close <= open the range runs past midnight into the next day.
struct WeeklyRange {
    int weekday = 0;  // 0 = Monday … 6 = Sunday (ISO order)
    MinuteOfDay open = 0;
    MinuteOfDay close = 0;
};

enum class HolidayRule { Closed, AsSunday, Normal };

// A dated override of the weekly hours: closed all day, or open in [open, close).
struct HoursException {
    std::string date;  // YYYY-MM-DD
    bool closed = false;
    MinuteOfDay open = 0;
    MinuteOfDay close = 0;
    LocalizedText note;
};

struct OpeningHours {
    bool always_open = false;
    std::vector<WeeklyRange> weekly;
    HolidayRule public_holidays = HolidayRule::Normal;
    std::vector<HoursException> exceptions;
    LocalizedText note;
};

struct Topic {
    std::string id;
    LocalizedText name;
};

struct County {
    std::string code;  // "01" … "25", SCB's county code
    std::string slug;
    std::string name;
};

struct GuidanceArticle {
    std::string id;        // guidance/<slug>, shared by all languages of the article
    std::string language;  // "sv" or "en"
    std::string title;
    std::string summary;
    std::vector<std::string> topics;
    std::vector<std::string> audience;
    std::string updated;        // YYYY-MM-DD
    std::string body_markdown;  // as authored
    std::string body_text;      // the Markdown as plain text, for search and snippets
};

struct Contact {
    std::string id;
    std::string kind;
    std::string name;
    std::string county_code;
    std::optional<std::string> municipality;
    std::string phone;
    std::optional<std::string> url;
    std::optional<std::string> email;
    LocalizedText description;
    std::optional<OpeningHours> hours;
    // Where to go: the office's visiting address ("Storgatan 1, 581 83 Linköping"). Only
    // organisations' addresses, never a person's; a shelter's is never published.
    std::optional<std::string> address;
};

struct SupportLine {
    std::string id;
    std::string name;
    std::string number;
    std::vector<std::string> audience;
    LocalizedText who;
    bool free = false;
    bool anonymous = false;
    std::vector<std::string> languages;
    std::optional<std::string> url;
    OpeningHours hours;
    int sort_order = 0;  // position in support_lines.json: editors order lines by importance
};

struct ChecklistItem {
    LocalizedText text;
    LocalizedText detail;
};

struct Checklist {
    std::string id;
    LocalizedText title;
    LocalizedText intro;
    std::vector<std::string> topics;
    std::vector<ChecklistItem> items;
};

struct Event {
    std::string id;
    LocalizedText title;
    std::string kind;
    std::string starts;  // YYYY-MM-DD
    std::string ends;    // YYYY-MM-DD
    std::string location;
    std::optional<std::string> county_code;
    std::string organiser;
    std::optional<std::string> url;
    LocalizedText description;
    std::vector<std::string> audience;
};

struct Bundle {
    std::vector<Topic> topics;
    std::vector<County> counties;
    std::vector<GuidanceArticle> guidance;
    std::vector<Contact> contacts;
    std::vector<SupportLine> support_lines;
    std::vector<Checklist> checklists;
    std::vector<Event> events;
};

}  // namespace faltstod::content
