// The `faltstod-server` program. This release validates content bundles; serving the sync
// protocol and publishing come with the server issue (see docs/architecture.md).
#include "bundle_loader.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

namespace {

int run_validate(const std::string& bundle_dir) {
    const auto result = faltstod::content::load_bundle(bundle_dir);
    for (const auto& error : result.errors) std::cerr << bundle_dir << "/" << error.to_string() << "\n";
    if (!result.ok()) {
        std::cerr << result.errors.size() << " problem(s) found; fix them and validate again.\n";
        return 1;
    }
    const auto& b = result.bundle;
    std::cout << "Bundle OK: " << b.guidance.size() << " guidance articles, " << b.contacts.size() << " contacts in "
              << b.counties.size() << " counties, " << b.support_lines.size() << " support lines, " << b.checklists.size()
              << " checklists, " << b.events.size() << " events.\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Fältstöd central server"};
    std::string bundle_dir;
    auto* validate = app.add_subcommand("validate", "Check a content bundle; errors name file and line");
    validate->add_option("bundle", bundle_dir, "Bundle folder, e.g. assets/content")->required();
    app.require_subcommand(1);
    CLI11_PARSE(app, argc, argv);
    if (*validate) return run_validate(bundle_dir);
    return 0;
}
