// The replica's subcommands; see replica_commands.hpp.
#include "replica_commands.hpp"

#include "bundle_loader.hpp"
#include "content_store.hpp"
#include "i18n.hpp"
#include "kiosk_settings.hpp"
#include "log_rules.hpp"
#include "open_text.hpp"
#include "outbox.hpp"
#include "replica_sync.hpp"

#include <ctime>
#include <ostream>

namespace faltstod::app {

namespace {

std::chrono::sys_seconds now() { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); }

// "12 artiklar, 189 kontakter, 11 stödlinjer, 7 checklistor, 8 evenemang" (as About says it).
std::string counts_text(const replica::ContentCounts& counts) {
    return trn("%d artikel", "%d artiklar", counts.guidance) + ", " + trn("%d kontakt", "%d kontakter", counts.contacts) + ", " +
           trn("%d stödlinje", "%d stödlinjer", counts.support_lines) + ", " + trn("%d checklista", "%d checklistor", counts.checklists) +
           ", " + trn("%d evenemang", "%d evenemang", counts.events);
}

}  // namespace

std::string local_time_text(const std::optional<std::chrono::system_clock::time_point>& when) {
    if (!when) return tr("Aldrig");
    const std::time_t t = std::chrono::system_clock::to_time_t(*when);
    std::tm local{};
    localtime_r(&t, &local);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &local);
    return text;
}

std::string outbox_text(int waiting, int rejected) {
    return trn("%d väntar", "%d väntar", waiting) + ", " + trn("%d avvisad av servern", "%d avvisade av servern", rejected);
}

std::string hours_line(const content::OpeningHours& hours) {
    std::string line = open_text(hours, now()).text;
    if (hours.always_open) return line;  // "Öppet dygnet runt" says the week too
    const auto week = weekly_summary(hours);
    if (!week.empty() && week != line) line += "  (" + week + ")";
    return line;
}

int run_import(sqlite::Database& db, const std::string& bundle_dir, std::ostream& out, std::ostream& err) {
    auto loaded = content::load_bundle(bundle_dir);
    for (const auto& error : loaded.errors) err << bundle_dir << "/" << error.to_string() << "\n";
    if (!loaded.ok()) {
        err << trn("Inget importerades: paketet har %d fel.", "Inget importerades: paketet har %d fel.",
                   static_cast<long long>(loaded.errors.size()))
            << "\n";
        return 1;
    }
    const auto counts = replica::replace_all_content(db, loaded.bundle);
    out << tr("Importerat:") << " " << counts_text(counts) << ".\n";
    return 0;
}

int run_search(sqlite::Database& db, const std::vector<std::string>& words, std::ostream& out) {
    std::string text;
    for (const auto& word : words) text += word + " ";
    const auto hits = replica::search_guidance(db, text, current_language());
    if (hits.empty()) out << tr("Ingen vägledning hittades.") << "\n";
    for (const auto& hit : hits) {
        out << hit.title << "  [" << hit.id << ", " << hit.language << "]\n    ";
        for (const auto& part : hit.snippet) out << (part.highlighted ? "»" + part.text + "«" : part.text);
        out << "\n";
    }
    return 0;
}

int run_contacts(sqlite::Database& db, const replica::ContactFilter& filter, std::ostream& out) {
    for (const auto& c : replica::find_contacts(db, filter)) {
        out << c.name << " (" << c.kind << (c.municipality ? ", " + *c.municipality : std::string()) << ")  " << c.phone << "\n";
        if (c.hours) out << "    " << hours_line(*c.hours) << "\n";
    }
    return 0;
}

int run_lines(sqlite::Database& db, const std::optional<std::string>& audience, std::ostream& out) {
    for (const auto& line : replica::support_lines(db, audience))
        out << line.name << "  " << line.number << "  – " << hours_line(line.hours) << "\n    " << line.who.in(current_language())
            << "\n";
    return 0;
}

int run_status(sqlite::Database& db, const std::string& path, const sync::EngineSettings& settings, std::ostream& out) {
    const auto counts = replica::count_content(db);
    out << tr("Lokal databas:") << " " << path << " (" << tr("schemaversion") << " " << db.user_version() << ")\n"
        << "  " << counts_text(counts) << "\n";
    if (counts.guidance == 0) out << "  " << tr("Tom: registrera datorn och synka, eller kör `faltstod import assets/content`.") << "\n";
    const auto credentials = sync::load_credentials(settings.credentials_path);
    out << "Server: "
        << (credentials ? credentials->server_url + " (" + tr("enhet") + " " + credentials->device_id + ")" : std::string(tr("Inte registrerad")))
        << "\n";
    const auto last = sync::sync_state(db, sync::kLastSuccessKey);
    out << tr("Senaste lyckade synk:") << " "
        << local_time_text(last ? std::optional(std::chrono::system_clock::time_point(std::chrono::seconds(std::stoll(*last))))
                              : std::nullopt)
        << ", " << tr("innehållsversion") << " " << sync::stored_cursor(db).value_or(0) << "\n";
    out << tr("Att skicka:") << " " << outbox_text(sync::outbox_size(db), sync::quarantined_count(db)) << "\n";
    const auto rejected = sync::rejected_logs(db);
    if (!rejected.empty()) {
        // Why, in the kiosk's words and language (app/log_rules.hpp), under the kiosk's rules.
        const auto rules = kiosk_log_rules(db, credentials ? credentials->county : std::nullopt,
                                           load_settings(default_settings_path()).log_window_months, now());
        for (const auto& record : rejected)
            out << "  " << tr("avvisad logg") << " " << record.id.substr(0, 8) << ": " << rejected_log_reason(record.data, rules, current_language())
                << "\n";
    }
    return 0;
}

}  // namespace faltstod::app
