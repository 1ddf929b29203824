// faltstod-bench-gen: writes a generated content bundle for the benchmarks, e.g.
//   faltstod-bench-gen --rows 100000 --seed 7 --out /tmp/b100k
//   faltstod-bench-gen --articles 10000 --contacts 20000 --lines 0 --out /tmp/search
//   faltstod-bench-gen --rows 100000 --changed 100 --round 1 --out /tmp/b100k-r1
// Prints one JSON line with what it wrote.
#include "dataset_generator.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>

int main(int argc, char** argv) {
    CLI::App app{"Generate a benchmark content bundle (docs/performance.md)"};
    int rows = 0;
    faltstod::bench::DatasetSpec spec;
    std::string out;
    std::string assets = FALTSTOD_SOURCE_CONTENT;
    app.add_option("--rows", rows, "Content rows in the standard mix (10 % articles, 1 % lines, the rest contacts)");
    app.add_option("--articles", spec.articles, "Guidance articles (instead of --rows)");
    app.add_option("--contacts", spec.contacts, "Contacts (instead of --rows)");
    app.add_option("--lines", spec.lines, "Support lines (instead of --rows)");
    app.add_option("--seed", spec.seed, "Seed")->capture_default_str();
    app.add_option("--changed", spec.changed, "Rows that differ from round 0 (half articles, half contacts)");
    app.add_option("--round", spec.round, "Which later version the changed rows show")->capture_default_str();
    app.add_option("--assets", assets, "The real bundle (topics, counties, events, checklists are copied)")->capture_default_str();
    app.add_option("--out", out, "New bundle folder")->required();
    CLI11_PARSE(app, argc, argv);
    if (rows > 0) {
        const auto changed = spec.changed;
        const auto round = spec.round;
        spec = faltstod::bench::spec_for_rows(rows, spec.seed);
        spec.changed = changed;
        spec.round = round;
    }
    try {
        const auto summary = faltstod::bench::write_bundle(spec, assets, out);
        std::cout << nlohmann::json{{"articles", summary.articles}, {"contacts", summary.contacts}, {"lines", summary.lines},
                                    {"article_bytes", summary.article_bytes}, {"seed", spec.seed}, {"changed", spec.changed},
                                    {"round", spec.round}}
                         .dump()
                  << "\n";
    } catch (const std::exception& e) {
        std::cerr << "faltstod-bench-gen: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
