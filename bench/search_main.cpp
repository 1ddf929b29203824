// faltstod-bench-search: search per keystroke. Someone types realistic Swedish queries into the
// kiosk's search field one character at a time; after each character the kiosk runs
// replica::search_guidance (as Guidance's search does) or, with --everything, Home's search for
// everything (app::EverythingSearch: articles, lines, contacts, checklists; its index is built
// once first and that time reported) or, with --contacts, Contacts' own text filter
// (replica::contact_ids with typed words, as the list reads its ids): `folded` with the contacts
// folded once (the kiosk's way, from Home's index), `rows` folding every row at each key. Every
// call is timed on a replica holding the search dataset (10k articles + 20k contacts, made with
// `faltstod import`).
//   faltstod-bench-search --db replica.db --passes 5 [--everything | --contacts folded|rows]
// Prints one JSON line: calls, p50/p90/p99/max in milliseconds, hits of the full queries.
#include "bench_stats.hpp"
#include "everything_search.hpp"
#include "replica_queries.hpp"
#include "sqlite_db.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace {

// The prefixes a person's typing produces: one per UTF-8 character.
std::vector<std::string> keystrokes(const std::string& text) {
    std::vector<std::string> prefixes;
    for (std::size_t i = 1; i <= text.size(); ++i)
        if (i == text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) prefixes.push_back(text.substr(0, i));
    return prefixes;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Search per keystroke on the kiosk's replica"};
    std::string db_path;
    int passes = 5;
    app.add_option("--db", db_path)->required()->check(CLI::ExistingFile);
    app.add_option("--passes", passes, "How often every query is typed")->capture_default_str()->check(CLI::Range(1, 100));
    bool everything = false;
    app.add_flag("--everything", everything, "Time Home's search for everything instead of articles only");
    std::string contacts_mode;
    app.add_option("--contacts", contacts_mode, "Time Contacts' text filter: with the folded copies, or folding every row")
        ->check(CLI::IsMember({"folded", "rows"}))
        ->excludes("--everything");
    CLI11_PARSE(app, argc, argv);

    const std::vector<std::string> contact_queries = {"socialjour", "linköping", "polisen malmö", "resurscentrum",
                                                      "socialtjänst göteborg", "länsstyrelsen", "region skåne", "ideell"};
    const std::vector<std::string> article_queries = {
        "barnäktenskap",        "tvångsäktenskap", "orosanmälan",         "skyddad identitet", "könsstympning",
        "hedersrelaterat våld", "socialjouren",    "tolk i samtal",       "säkerhet hembesök", "anmälningsplikt skola",
        "utreseförbud",         "riskbedömning",   "sakerhet",            "unga hbtqi",        "polisen kontaktförbud",
        "bortförande utomlands", "avidentifiera",  "vårdnadshavare kontroll", "sommarlovet resa", "stödtelefonen"};
    try {
        faltstod::sqlite::Database db(db_path, faltstod::sqlite::Database::Mode::ReadOnly);
        std::vector<double> all, first_pass;
        std::map<std::string, double> slowest_of_prefix;  // the worst time each prefix took
        std::size_t full_query_hits = 0;
        // Home's index: folded lines, contacts and checklists, made once per content change.
        const auto lines = faltstod::replica::support_lines(db);
        const auto checklists = faltstod::replica::all_checklists(db);
        const auto& queries = contacts_mode.empty() ? article_queries : contact_queries;
        std::optional<faltstod::app::EverythingSearch> index;
        double index_ms = 0;
        if (everything || contacts_mode == "folded") {
            const faltstod::bench::Stopwatch clock;
            index.emplace(db, lines, checklists, "sv");
            index_ms = clock.ms();
        }
        for (int pass = 0; pass < passes; ++pass)
            for (const auto& query : queries)
                for (const auto& prefix : keystrokes(query)) {
                    const faltstod::bench::Stopwatch clock;
                    std::size_t hits = 0;
                    if (everything) {
                        hits = index->search(db, prefix, "sv", std::string("05"), 5).total();
                    } else if (!contacts_mode.empty()) {
                        faltstod::replica::ContactFilter filter;
                        filter.text = prefix;
                        if (index) filter.folded = &index->folded_contacts();
                        hits = faltstod::replica::contact_ids(db, filter).size();
                    } else {
                        hits = faltstod::replica::search_guidance(db, prefix, "sv").size();
                    }
                    const double ms = clock.ms();
                    all.push_back(ms);
                    slowest_of_prefix[prefix] = std::max(slowest_of_prefix[prefix], ms);
                    if (pass == 0) first_pass.push_back(ms);
                    if (pass == 0 && prefix == query) full_query_hits += hits;
                }
        // The ten slowest keystrokes (worst of the passes), to show where the tail comes from.
        std::vector<std::pair<double, std::string>> by_time;
        for (const auto& [prefix, ms] : slowest_of_prefix) by_time.emplace_back(ms, prefix);
        std::sort(by_time.rbegin(), by_time.rend());
        nlohmann::json slowest = nlohmann::json::array();
        for (std::size_t i = 0; i < by_time.size() && i < 10; ++i) slowest.push_back({{"text", by_time[i].second}, {"ms", by_time[i].first}});
        using faltstod::bench::percentile;
        const std::string name = everything ? "everything" : !contacts_mode.empty() ? "contacts-" + contacts_mode : "guidance";
        std::cout << nlohmann::json{{"search", name}, {"index_ms", index_ms},
                                    {"calls", all.size()}, {"queries", queries.size()}, {"passes", passes},
                                    {"p50_ms", percentile(all, 50)}, {"p90_ms", percentile(all, 90)},
                                    {"p99_ms", percentile(all, 99)}, {"max_ms", percentile(all, 100)},
                                    {"first_pass_p99_ms", percentile(first_pass, 99)},
                                    {"full_query_hits", full_query_hits}, {"slowest", slowest}}
                         .dump()
                  << "\n";
    } catch (const std::exception& e) {
        std::cerr << "faltstod-bench-search: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
