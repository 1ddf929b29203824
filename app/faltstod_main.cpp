// The `faltstod` program: without a subcommand it opens the kiosk window (or, with
// --screenshot, renders one screen to a PNG); its subcommands are the replica's command line —
// import a content bundle, query guidance, contacts and support lines offline, enroll, sync.
#include "bundle_loader.hpp"
#include "faltstod_version.hpp"
#include "kiosk_app.hpp"
#include "kiosk_settings.hpp"
#include "kiosk_window.hpp"
#include "content_store.hpp"
#include "log_command.hpp"
#include "open_now.hpp"
#include "outbox.hpp"
#include "pin_command.hpp"
#include "pin_store.hpp"
#include "replica_queries.hpp"
#include "replica_schema.hpp"
#include "replica_sync.hpp"
#include "sync_engine.hpp"
#include "value_formats.hpp"
#include "i18n.hpp"
#include "sync_messages.hpp"
#include "xdg_paths.hpp"

#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

namespace {

using namespace faltstod;

std::string describe_hours(const content::OpeningHours& hours, const std::string& language) {
    if (hours.always_open) return language == "en" ? "open around the clock" : "öppet dygnet runt";
    if (hours.weekly.empty()) return hours.note.in(language);
    std::string out;
    for (const auto& range : hours.weekly) {
        if (!out.empty()) out += ", ";
        out += std::string(content::weekday_name(range.weekday)) + " " + content::format_time_of_day(range.open) + "–" +
               content::format_time_of_day(range.close);
    }
    return out;
}

// "öppet nu, stänger 21:00" / "stängt, öppnar mån 09:00", computed offline.
std::string describe_open_now(const content::OpeningHours& hours, const std::string& language) {
    static constexpr const char* kDaysSv[] = {"mån", "tis", "ons", "tors", "fre", "lör", "sön"};
    static constexpr const char* kDaysEn[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    const bool en = language == "en";
    const auto state = hours::open_state(hours, std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
    if (state.always) return en ? "open now (24/7)" : "öppet nu (dygnet runt)";
    if (!state.change_at) return en ? "hours: see note" : "öppettider: se anteckning";
    const auto local = hours::to_stockholm(*state.change_at);
    const auto day = date::floor<date::days>(local);
    const unsigned weekday_index = date::weekday{day}.iso_encoding() - 1;
    const std::string when = std::string(en ? kDaysEn[weekday_index] : kDaysSv[weekday_index]) + " " + date::format("%H:%M", local);
    if (state.open) return (en ? "open now, closes " : "öppet nu, stänger ") + when;
    return (en ? "closed, opens " : "stängt, öppnar ") + when;
}

int run_import(sqlite::Database& db, const std::string& bundle_dir) {
    auto loaded = content::load_bundle(bundle_dir);
    for (const auto& error : loaded.errors) std::cerr << bundle_dir << "/" << error.to_string() << "\n";
    if (!loaded.ok()) {
        std::cerr << "Nothing was imported: the bundle has " << loaded.errors.size() << " problem(s).\n";
        return 1;
    }
    const auto counts = replica::replace_all_content(db, loaded.bundle);
    std::cout << "Imported " << counts.guidance << " guidance articles, " << counts.contacts << " contacts, "
              << counts.support_lines << " support lines, " << counts.checklists << " checklists and " << counts.events
              << " events.\n";
    return 0;
}

int run_search(sqlite::Database& db, const std::vector<std::string>& words, const std::string& language) {
    std::string text;
    for (const auto& word : words) text += word + " ";
    const auto hits = replica::search_guidance(db, text, language);
    if (hits.empty()) std::cout << (language == "en" ? "No guidance found.\n" : "Ingen vägledning hittades.\n");
    for (const auto& hit : hits) {
        std::cout << hit.title << "  [" << hit.id << ", " << hit.language << "]\n    ";
        for (const auto& part : hit.snippet) std::cout << (part.highlighted ? "»" + part.text + "«" : part.text);
        std::cout << "\n";
    }
    return 0;
}

int run_contacts(sqlite::Database& db, const replica::ContactFilter& filter, const std::string& language) {
    for (const auto& c : replica::find_contacts(db, filter)) {
        std::cout << c.name << " (" << c.kind << (c.municipality ? ", " + *c.municipality : std::string()) << ")  " << c.phone << "\n";
        if (c.hours) std::cout << "    " << describe_open_now(*c.hours, language) << "  (" << describe_hours(*c.hours, language) << ")\n";
    }
    return 0;
}

int run_lines(sqlite::Database& db, const std::optional<std::string>& audience, const std::string& language) {
    for (const auto& line : replica::support_lines(db, audience)) {
        std::cout << line.name << "  " << line.number << "  – " << describe_open_now(line.hours, language) << "  ("
                  << describe_hours(line.hours, language) << ")\n    "
                  << line.who.in(language) << "\n";
    }
    return 0;
}

std::string describe_time(const std::optional<std::chrono::system_clock::time_point>& when) {
    if (!when) return "never";
    const std::time_t t = std::chrono::system_clock::to_time_t(*when);
    std::tm local{};
    localtime_r(&t, &local);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &local);
    return text;
}

int run_status(sqlite::Database& db, const std::string& path, const sync::EngineSettings& settings) {
    const auto counts = replica::count_content(db);
    std::cout << "Replica: " << path << " (schema version " << db.user_version() << ")\n"
              << "  " << counts.guidance << " guidance articles, " << counts.contacts << " contacts, " << counts.support_lines
              << " support lines, " << counts.checklists << " checklists, " << counts.events << " events\n";
    if (counts.guidance == 0) std::cout << "  Empty: enroll and sync, or run `faltstod import assets/content`.\n";
    const auto credentials = sync::load_credentials(settings.credentials_path);
    std::cout << "Server: " << (credentials ? credentials->server_url + " (device " + credentials->device_id + ")" : "not enrolled")
              << "\n";
    const auto last = sync::sync_state(db, sync::kLastSuccessKey);
    std::cout << "Last successful sync: "
              << describe_time(last ? std::optional(std::chrono::system_clock::time_point(std::chrono::seconds(std::stoll(*last))))
                                    : std::nullopt)
              << ", content version " << sync::stored_cursor(db).value_or(0) << "\n";
    std::cout << "Outbox: " << sync::outbox_size(db) << " waiting, " << sync::quarantined_count(db) << " rejected by the server\n";
    for (const auto& record : sync::quarantined_records(db))
        std::cout << "  rejected log " << record.id.substr(0, 8) << ": " << record.reason << "\n";
    return 0;
}

// A sync or enrollment problem on stderr: the sentence in the chosen language, then its code
// (for an administrator or a bug report); never the server's or a library's text.
void print_problem(const char* what, const sync::SyncError& error) {
    std::cerr << "faltstod: " << what << ": " << app::sync_problem_text(error) << " [" << sync::problem_name(error.problem) << "]\n";
}

int run_sync_once(const sync::EngineSettings& settings) {
    sync::SyncEngine engine(settings);
    const auto error = engine.run_once();
    const auto status = engine.status();
    if (status.insecure) std::cerr << "faltstod: " << app::insecure_connection_warning() << "\n";
    if (error) {
        print_problem(app::tr("synken misslyckades"), error);
        std::cerr << "  (outbox " << status.outbox_size << ", last success " << describe_time(status.last_success) << ")\n";
        return 1;
    }
    std::cout << "Synced: content version " << status.content_version.value_or(0) << ", outbox " << status.outbox_size
              << " waiting, " << status.quarantined << " rejected.\n";
    return 0;
}

int run_enroll(const sync::EngineSettings& settings, const std::string& server, const std::string& code,
               const std::optional<std::string>& name, bool insecure) {
    if (name) {
        std::cerr << "faltstod: --name is no longer used. The server gives every laptop a generated name "
                     "(Enhet 0001, Enhet 0002, …), so no free text about a person can end up in the device list. "
                     "Run the same command without --name.\n";
        return 2;
    }
    // No name is sent: the server generates one (docs/safety.md, "Every field").
    const auto error = sync::enroll_device(settings, server, code, "", insecure);
    if (error) {
        print_problem(app::tr("registreringen misslyckades"), error);
        return 1;
    }
    std::cout << "Enrolled with " << server << ". The token is stored in " << settings.credentials_path.string()
              << " (readable only by you).\n";
    if (insecure && !sync::check_server_address(server, true).address.loopback)
        std::cerr << "faltstod: " << app::insecure_connection_warning() << "\n";
    return 0;
}

// The CA certificates of --ca-file, read now: they are saved with the enrollment, so the file
// may be moved or removed afterwards.
std::string read_ca_file(const std::string& path) {
    if (path.empty()) return "";
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in || text.str().find("-----BEGIN CERTIFICATE-----") == std::string::npos)
        throw std::runtime_error(path + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    return text.str();
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Fältstöd – offline guidance, contacts and support lines for professionals.\n"
                 "Without a subcommand the kiosk window opens; the subcommands use the local replica."};
    app.set_version_flag("--version", std::string("faltstod ") + faltstod::kVersion);
    std::string db_path = app::default_replica_path().string();
    std::string language = "sv";
    app.add_option("--db", db_path, "Replica database file")->capture_default_str();
    auto* lang_option = app.add_option("--lang", language, "Language of the output (the window remembers its own choice)")
                            ->check(CLI::IsMember({"sv", "en"}))
                            ->capture_default_str();

    ui::KioskOptions kiosk;
    std::string size = "1280x800";
    app.add_option("--screenshot", kiosk.screenshot, "Render one screen to this PNG file and exit");
    app.add_option("--screen", kiosk.screen, "Screen for --screenshot: home, guidance, article, contacts, contact, lines, "
                                             "checklists, checklist, calendar, log, stats, settings, quick-exit, show-to-person (--item line/…)")
        ->capture_default_str();
    app.add_option("--item", kiosk.item, "Article, contact or checklist id for a detail screen");
    app.add_option("--search", kiosk.search, "Text typed into the search field (screenshots)");
    app.add_option("--size", size, "Window size WxH")->capture_default_str();
    bool no_sync = false;
    app.add_flag("--no-sync", no_sync, "Do not start the background sync (offline use)");
    app.add_flag("--kiosk", kiosk.kiosk,
                 "Kiosk mode: fullscreen, back to Home when idle, quit only with the PIN (set one first: faltstod pin set)");

    std::string pin_action;
    auto* pin_cmd = app.add_subcommand("pin", "Set, remove or check the PIN that unlocks the kiosk (read from the terminal, never an argument)");
    pin_cmd->add_option("action", pin_action, "set, remove or status")->required()->check(CLI::IsMember({"set", "remove", "status"}));

    std::string bundle_dir;
    auto* import_cmd = app.add_subcommand("import", "Load a content bundle folder into the replica (replaces content)");
    import_cmd->add_option("bundle", bundle_dir, "Bundle folder, e.g. assets/content")->required()->check(CLI::ExistingDirectory);

    std::vector<std::string> words;
    auto* search_cmd = app.add_subcommand("search", "Search guidance (å/ä/ö optional, prefixes match)");
    search_cmd->add_option("words", words, "What to look for")->required();

    replica::ContactFilter filter;
    auto* contacts_cmd = app.add_subcommand("contacts", "List contacts");
    contacts_cmd->add_option("--county", filter.county_code, "County code, e.g. 05");
    contacts_cmd->add_option("--municipality", filter.municipality, "Municipality name, e.g. Linköping");
    contacts_cmd->add_option("--kind", filter.kind, "socialjour, polis, resurscentrum, …");

    std::optional<std::string> audience;
    auto* lines_cmd = app.add_subcommand("lines", "List support lines");
    lines_cmd->add_option("--audience", audience, "Only lines for this audience, e.g. barn");

    app.add_subcommand("status", "Show what the replica holds, the server and the outbox");

    std::string server_url, code, ca_file;
    std::optional<std::string> device_name;
    bool insecure = false;
    auto* enroll_cmd = app.add_subcommand("enroll", "Enroll this device with a one-time code from an administrator "
                                                    "(the server names the device itself: Enhet 0001, Enhet 0002, …)");
    enroll_cmd->add_option("--server", server_url, "Server address, e.g. https://stod.example.se")->required();
    enroll_cmd->add_option("--code", code, "The one-time code (XXXX-XXXX-XXXX)")->required();
    // Kept only to say why it is gone: a free-text name was a place for personal data.
    enroll_cmd->add_option("--name", device_name)->group("");
    enroll_cmd->add_flag("--insecure", insecure,
                         "Allow plain http:// to another computer: tokens and content cross the network unencrypted. "
                         "Saved with the enrollment and shown as a warning");
    const char* ca_help = "CA certificates (PEM) to trust for the server instead of the system's; saved at enrollment";
    app.add_option("--ca-file", ca_file, ca_help)->check(CLI::ExistingFile);
    enroll_cmd->add_option("--ca-file", ca_file, ca_help)->check(CLI::ExistingFile);

    bool once = false;
    auto* sync_cmd = app.add_subcommand("sync", "Sync with the server: deliver the outbox, then fetch changes");
    sync_cmd->add_flag("--once", once, "One sync, then exit with 0 on success (the only mode on the command line)");

    protocol::ConsultationRecord record;
    std::string topics;
    auto* log_cmd = app.add_subcommand("log", "Log an anonymous consultation (no names or other personal data exist in it)");
    log_cmd->add_option("--date", record.date, "YYYY-MM-DD")->required();
    log_cmd->add_option("--county", record.county, "County code, e.g. 05")->required();
    log_cmd->add_option("--profession", record.profession, "Who asked: socialtjanst, skola, polis, …")->required();
    log_cmd->add_option("--topics", topics,
                        "Comma separated: hrv, barnaktenskap, tvangsaktenskap, konsstympning, bortforande, skyddad-identitet, annat")
        ->required();
    log_cmd->add_option("--age-band", record.age_band, "child, youth, adult or unknown")->required();
    log_cmd->add_option("--channel", record.channel, "phone, visit, digital or meeting")->required();
    log_cmd->add_option("--outcome", record.outcome, "advice_given, referred, joint_planning, report_made, follow_up or other")
        ->required();
    log_cmd->add_option("--note", record.note, "Optional short note; refused if it holds personal data");
    app.require_subcommand(0, 1);
    CLI11_PARSE(app, argc, argv);

    sync::EngineSettings settings;
    settings.replica_path = db_path;
    settings.credentials_path = std::filesystem::path(db_path).parent_path() / "device.json";


    try {
        settings.connection.ca_pem = read_ca_file(ca_file);
        if (app.get_subcommands().empty()) {
            const auto x = size.find('x');
            try {
                kiosk.width = std::stoi(size.substr(0, x));
                kiosk.height = std::stoi(size.substr(x + 1));
            } catch (const std::exception&) {
                kiosk.width = kiosk.height = 0;
            }
            if (x == std::string::npos || kiosk.width < 200 || kiosk.height < 200 || kiosk.width > 8192 || kiosk.height > 8192) {
                std::cerr << "faltstod: --size must be WIDTHxHEIGHT between 200 and 8192, e.g. 1280x800\n";
                return 2;
            }
            kiosk.replica_path = db_path;
            kiosk.engine = settings;
            if (*lang_option) kiosk.language = language;
            kiosk.settings_path = app::default_settings_path();
            kiosk.bundled_content = app::bundled_content_dir();
            kiosk.sync = !no_sync;
            kiosk.pin_path = app::default_pin_path();
            try {
                return ui::run_kiosk(kiosk);
            } catch (const ui::NoDisplayError& e) {
                std::cerr << "faltstod: " << e.what() << "\n";
                return 3;
            }
        }
        if (*pin_cmd) return app::run_pin_command(pin_action, app::default_pin_path(), std::cin, std::cout, std::cerr);
        if (*enroll_cmd || *sync_cmd) app::init_translations(app::default_locale_dir(), language);
        if (*enroll_cmd) return run_enroll(settings, server_url, code, device_name, insecure);
        if (*sync_cmd) return run_sync_once(settings);
        auto db = replica::open_replica(db_path);
        if (*log_cmd) {
            return app::run_log_command(db, settings, {record, topics, language, app::default_settings_path()}, std::cout, std::cerr);
        }
        if (*import_cmd) return run_import(db, bundle_dir);
        if (*search_cmd) return run_search(db, words, language);
        if (*contacts_cmd) return run_contacts(db, filter, language);
        if (*lines_cmd) return run_lines(db, audience, language);
        return run_status(db, db_path, settings);
    } catch (const std::exception& e) {
        std::cerr << "faltstod: " << e.what() << "\n";
        return 1;
    }
}
