// Fuzz target: the bundle's JSON files (json_bundle_files.cpp): topics, counties, contacts,
// support lines, checklists and events. Every reader gets every input, since a valid file of
// one kind is an almost-valid file of the others. Contract: bad content never throws; each
// problem is a ValidationError naming the file and a line inside it.
#include "bundle_files.hpp"
#include "fuzz_check.hpp"

#include <algorithm>
#include <functional>

using faltstod::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace content = faltstod::content;
    namespace detail = faltstod::content::detail;
    const std::string text(faltstod::fuzz::as_text(data, size));
    const int lines = 1 + static_cast<int>(std::count(text.begin(), text.end(), '\n'));

    using Reader = std::function<void(const detail::FileInput&, content::Bundle&, std::vector<content::ValidationError>&)>;
    const std::pair<const char*, Reader> readers[] = {
        {"topics.json", detail::read_topics},
        {"counties.json", detail::read_counties},
        {"contacts/stockholm.json",
         [](const auto& f, auto& b, auto& e) { detail::read_contacts(f, "stockholm", b, e); }},
        {"support_lines.json", detail::read_support_lines},
        {"checklists/fuzz.json", [](const auto& f, auto& b, auto& e) { detail::read_checklist(f, "fuzz", b, e); }},
        {"events.json", detail::read_events},
    };
    for (const auto& [label, read] : readers) {
        const detail::FileInput file{label, text};
        content::Bundle bundle;
        std::vector<content::ValidationError> errors;
        read(file, bundle, errors);
        for (const auto& error : errors) {
            check(error.file == file.label, "an error names another file");
            check(error.line >= 0 && error.line <= lines, "an error on a line the file does not have");
            check(!error.message.empty(), "an error without a message");
        }
    }
    return 0;
}
