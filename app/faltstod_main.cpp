// The `faltstod` program. Until the kiosk window lands (issue 5) it is the replica's command
// line: import a content bundle and query guidance, contacts and support lines offline.
#include "bundle_loader.hpp"
#include "content_store.hpp"
#include "replica_queries.hpp"
#include "replica_schema.hpp"
#include "value_formats.hpp"
#include "xdg_paths.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

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
        if (c.hours) std::cout << "    " << describe_hours(*c.hours, language) << "\n";
    }
    return 0;
}

int run_lines(sqlite::Database& db, const std::optional<std::string>& audience, const std::string& language) {
    for (const auto& line : replica::support_lines(db, audience)) {
        std::cout << line.name << "  " << line.number << "  (" << describe_hours(line.hours, language) << ")\n    "
                  << line.who.in(language) << "\n";
    }
    return 0;
}

int run_status(sqlite::Database& db, const std::string& path) {
    const auto counts = replica::count_content(db);
    std::cout << "Replica: " << path << " (schema version " << db.user_version() << ")\n"
              << "  " << counts.guidance << " guidance articles, " << counts.contacts << " contacts, " << counts.support_lines
              << " support lines, " << counts.checklists << " checklists, " << counts.events << " events\n";
    if (counts.guidance == 0) std::cout << "  Empty: run `faltstod import assets/content` to load the bundled content.\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Fältstöd – offline guidance, contacts and support lines for professionals.\n"
                 "The kiosk window comes with a later release; these commands use the local replica."};
    std::string db_path = app::default_replica_path().string();
    std::string language = "sv";
    app.add_option("--db", db_path, "Replica database file")->capture_default_str();
    app.add_option("--lang", language, "Language of the output")->check(CLI::IsMember({"sv", "en"}))->capture_default_str();

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

    app.add_subcommand("status", "Show what the replica holds");
    app.require_subcommand(0, 1);
    CLI11_PARSE(app, argc, argv);

    try {
        auto db = replica::open_replica(db_path);
        if (*import_cmd) return run_import(db, bundle_dir);
        if (*search_cmd) return run_search(db, words, language);
        if (*contacts_cmd) return run_contacts(db, filter, language);
        if (*lines_cmd) return run_lines(db, audience, language);
        return run_status(db, db_path);
    } catch (const std::exception& e) {
        std::cerr << "faltstod: " << e.what() << "\n";
        return 1;
    }
}
