// The `log` command; see log_command.hpp.
#include "log_command.hpp"

#include "consultation_form.hpp"
#include "device_credentials.hpp"
#include "i18n.hpp"
#include "kiosk_settings.hpp"
#include "log_rules.hpp"
#include "outbox.hpp"
#include "personal_data_guard.hpp"

#include <ostream>

namespace faltstod::app {

namespace {

std::vector<std::string> split_topics(const std::string& topics) {
    std::vector<std::string> out;
    for (std::size_t start = 0; start <= topics.size();) {
        const auto comma = std::min(topics.find(',', start), topics.size());
        if (comma > start) out.push_back(topics.substr(start, comma - start));
        start = comma + 1;
    }
    return out;
}

// Characters (code points) in the first `bytes` bytes: the terminal's columns, near enough.
std::size_t characters(const std::string& text, std::size_t bytes) {
    return note_characters(std::string_view(text).substr(0, std::min(bytes, text.size())));
}

// The note again with the first refused part marked below it, so the person sees what to take
// out. Only on the person's own terminal, where the note was typed; never in a log or a reason.
void mark_first_finding(const std::string& note, const protocol::PublishedContacts* published, std::ostream& err) {
    const auto findings = protocol::find_personal_data(note, published);
    if (findings.empty() || note.find('\n') != std::string::npos) return;
    const auto before = characters(note, findings.front().offset);
    const auto width = characters(note, findings.front().offset + findings.front().length) - before;
    err << "  " << note << "\n  " << std::string(before, ' ') << std::string(std::max<std::size_t>(width, 1), '^') << "\n";
}

}  // namespace

int run_log_command(sqlite::Database& replica, const sync::EngineSettings& engine, LogCommandInput input, std::ostream& out,
                    std::ostream& err) {
    init_translations(default_locale_dir(), input.language);
    input.record.topics = split_topics(input.topics);
    std::optional<std::string> county;
    try {
        if (const auto credentials = sync::load_credentials(engine.credentials_path)) county = credentials->county;
    } catch (const std::exception&) {
        // A damaged enrollment file: the county cannot be known here; the server still checks it.
    }
    const auto settings = load_settings(input.settings_path);
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    const auto rules = kiosk_log_rules(replica, county, settings.log_window_months, now);
    if (const auto problem = protocol::consultation_problem(input.record, rules, input.language); !problem.empty()) {
        err << tr("Inte loggad:") << " " << problem << "\n";
        mark_first_finding(input.record.note, rules.published.get(), err);
        return 1;
    }
    const auto id = sync::enqueue_consultation(replica, input.record, rules);
    out << tr("Loggad") << " (" << id << "). " << tr("Loggen når resurscentrumet vid nästa synk.") << "\n";
    return 0;
}

}  // namespace faltstod::app
