// Everything one person typed, opened, ticked, chose or scrolled in the kiosk, in one value.
// Quick exit, auto-lock and kiosk mode's idle return forget it with `person = {}`: a field added
// here later is forgotten by construction, where a hand-written list of fields to clear once
// missed some (the server address typed in Settings, the statistics filters, scroll positions).
//
// What is not here is not about a person: the content caches (the same for everyone), settings,
// the device's identity, and background work in flight (it reports through the inbox, and
// what it says is dropped when it was started before the last fresh start).
#pragma once

#include "consultation_form.hpp"
#include "everything_search.hpp"
#include "contact_list.hpp"
#include "content_model.hpp"
#include "log_rules.hpp"
#include "markdown_blocks.hpp"
#include "replica_queries.hpp"
#include "stats_client.hpp"

#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace faltstod::ui {

// The article open on screen, parsed once when opened.
struct OpenArticle {
    content::GuidanceArticle article;
    std::vector<app::MarkdownBlock> blocks;
    std::vector<const content::SupportLine*> related_lines;  // into the kiosk's line cache
    std::vector<std::string> related_kinds;                  // contact kinds the article leads to
};

struct PersonState {
    // Search (Home and Guidance share it: what was typed stays when switching).
    std::string search_text;
    std::optional<std::string> searched_for;  // what hits were found for
    std::optional<app::EverythingResults> results;  // lines, contacts, checklists, articles
    bool focus_search = false;

    // Guidance.
    std::string topic;  // selected topic id, empty for all
    bool favourites_only = false;
    std::optional<std::vector<content::GuidanceArticle>> articles;  // the list for topic/favourites
    std::deque<std::pair<std::string, std::string>> recent;         // id, title: "recently read"
    std::optional<OpenArticle> article;

    // Contacts: the filters and what they found.
    int county_index = -1, municipality_index = -1, kind_index = -1;
    // Contacts opens on the laptop's county once per fresh start; after that "Alla län" stays
    // what the person chose.
    bool contacts_county_chosen = false;
    std::string contacts_text;        // words typed into Contacts' own filter
    bool contacts_narrowed = false;   // the person changed a filter: one match left opens it
    std::vector<std::string> municipalities;
    std::optional<app::ContactList> contacts;  // ids first, rows as they come into view
    std::string selected_contact;

    // Checklists: ticks in memory only (a checklist is for one case).
    std::map<std::string, std::vector<bool>> checked;

    // Consultation log.
    app::ConsultationForm form;
    bool form_fresh = true;     // not yet dated: made on the first visit, and after saving
    bool show_missing = false;  // after a save attempt
    std::optional<app::FormField> jump_to;  // a link in the error summary was pressed
    std::string checked_note, note_problem;
    // The rules a log is checked with (app/log_rules.hpp): made with each new form, so the date
    // window follows the day, and the content's public numbers the last sync.
    std::optional<protocol::ConsultationRules> log_rules;
    std::string log_message;
    bool log_failed = false;

    // Statistics (editors and admins): the filters chosen and what was fetched for them.
    int stats_county_index = -1;  // -1: all the device may see
    int stats_period = 0;         // index into the periods in screen_stats.cpp
    std::optional<sync::StatsAnswer> stats;
    bool stats_wanted = true;  // fetch on the next visit
    std::string stats_export_message;
    bool stats_export_failed = false;

    // Settings: enrollment and PIN fields, and what their last attempt said.
    std::string server_field, code_field;  // no device name: the server names the laptop
    std::string enroll_message;
    bool enroll_failed = false;
    std::string current_pin_field, new_pin_field, repeat_pin_field;
    bool focus_new_pin = false;  // "Välj PIN-kod" on Home's offer: the field gets the keyboard
    std::string pin_message;
    bool pin_failed = false;

    // The neutral view's way back.
    std::string unlock_entry;  // the PIN typed on the neutral view
    std::string unlock_message;
    bool pin_field_focused = false;  // the PIN field was given the keyboard for this showing

    // "Visa för den du möter": one name and number shown alone in very large type, until Esc or a tap.
    struct ShownToPerson {
        std::string name, number;
    };
    std::optional<ShownToPerson> shown_to_person;

    // What the kiosk put on the clipboard (emptied on quick exit, before this is forgotten).
    std::string copied;

    // The screens drawn since the last fresh start (their scroll positions are ImGui's; a screen
    // not in here starts at the top when next drawn).
    std::set<std::string> screens_drawn;
};

}  // namespace faltstod::ui
