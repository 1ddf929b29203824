// The `faltstod` program: without a subcommand it opens the kiosk window (or, with
// --screenshot, renders one screen to a PNG); its subcommands are the replica's command line —
// import a content bundle, query guidance, contacts and support lines offline, enroll, sync.
// This file only parses the command line; each subcommand lives in app/cli/.
#include "faltstod_version.hpp"
#include "i18n.hpp"
#include "kiosk_app.hpp"
#include "kiosk_window.hpp"
#include "log_command.hpp"
#include "pin_command.hpp"
#include "pin_store.hpp"
#include "replica_commands.hpp"
#include "replica_schema.hpp"
#include "sync_commands.hpp"
#include "xdg_paths.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

using namespace faltstod;

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
                                             "checklists, checklist, calendar, log, log-problems (--search: the note), stats, settings, quick-exit, "
                                             "show-to-person (--item line/…)")
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
    contacts_cmd->add_option("--text", filter.text, "Words in the name, municipality or kind (å/ä/ö optional), e.g. \"linkoping socialjour\"");

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
        settings.connection.ca_pem = app::read_ca_file(ca_file);
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
        // Every subcommand speaks the chosen language, with the kiosk's own sentences.
        app::init_translations(app::default_locale_dir(), language);
        if (*pin_cmd) return app::run_pin_command(pin_action, app::default_pin_path(), std::cin, std::cout, std::cerr);
        if (*enroll_cmd) return app::run_enroll(settings, server_url, code, device_name, insecure);
        if (*sync_cmd) return app::run_sync_once(settings);
        auto db = replica::open_replica(db_path);
        if (*log_cmd) {
            return app::run_log_command(db, settings, {record, topics, language, app::default_settings_path()}, std::cout, std::cerr);
        }
        if (*import_cmd) return app::run_import(db, bundle_dir, std::cout, std::cerr);
        if (*search_cmd) return app::run_search(db, words, std::cout);
        if (*contacts_cmd) return app::run_contacts(db, filter, std::cout);
        if (*lines_cmd) return app::run_lines(db, audience, std::cout);
        return app::run_status(db, db_path, settings, std::cout);
    } catch (const std::exception& e) {
        std::cerr << "faltstod: " << e.what() << "\n";
        return 1;
    }
}
