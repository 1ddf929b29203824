// The PIN on the command line; see pin_command.hpp.
#include "pin_command.hpp"

#include "i18n.hpp"
#include "pin_backoff.hpp"
#include "pin_store.hpp"

#include <termios.h>
#include <unistd.h>

#include <iostream>

namespace faltstod::app {

namespace {

// One line, without echo when standard input is a terminal.
std::string read_secret(const char* prompt, std::istream& in, std::ostream& out) {
    const bool terminal = &in == &std::cin && ::isatty(STDIN_FILENO);
    termios saved{};
    if (terminal) {
        out << prompt << std::flush;
        ::tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    std::string line;
    std::getline(in, line);
    if (terminal) {
        ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        out << "\n";
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

// "30 s", "2 min 30 s".
std::string duration_words(std::chrono::seconds wait) {
    const auto minutes = wait.count() / 60, seconds = wait.count() % 60;
    if (minutes == 0) return std::to_string(seconds) + " s";
    return std::to_string(minutes) + " min" + (seconds ? " " + std::to_string(seconds) + " s" : std::string());
}

using Clock = std::function<std::chrono::system_clock::time_point()>;

// Asks for the current PIN when one is set, under the back-off; true when it may go on.
bool current_pin_ok(const std::filesystem::path& pin_file, std::istream& in, std::ostream& out, std::ostream& err, const Clock& clock) {
    const auto stored = load_pin(pin_file);
    if (!stored) return true;
    const auto attempts_file = pin_attempts_path(pin_file);
    auto attempts = load_pin_attempts(attempts_file);
    if (const auto wait = pin_wait(attempts, clock()); wait.count() > 0) {
        err << tr("För många felaktiga PIN-koder: vänta") << " " << duration_words(wait) << " " << tr("innan nästa försök. Inget ändrades.") << "\n";
        return false;
    }
    // No upgrade of an old hash here: set and remove replace the file anyway.
    const bool right = pin_matches(*stored, read_secret(tr("Nuvarande PIN-kod: "), in, out));
    count_pin_attempt(attempts, right, clock());
    save_pin_attempts(attempts_file, attempts);
    if (right) return true;
    err << tr("Fel PIN-kod; inget ändrades.");
    if (const auto wait = pin_wait(attempts, clock()); wait.count() > 0)
        err << " " << tr("Vänta") << " " << duration_words(wait) << " " << tr("innan nästa försök.");
    err << "\n";
    return false;
}

}  // namespace

int run_pin_command(const std::string& action, const std::filesystem::path& pin_file, std::istream& in, std::ostream& out,
                    std::ostream& err, const Clock& clock) {
    if (action == "status") {
        out << (load_pin(pin_file) ? tr("En PIN-kod är vald") : tr("Ingen PIN-kod är vald")) << " (" << pin_file.string() << ").\n";
        return 0;
    }
    if (action == "remove") {
        if (!load_pin(pin_file)) {
            out << tr("Ingen PIN-kod är vald") << ".\n";
            return 0;
        }
        if (!current_pin_ok(pin_file, in, out, err, clock)) return 1;
        remove_pin(pin_file);
        out << tr("PIN-koden är borttagen.") << "\n";
        return 0;
    }
    if (action != "set") {
        err << tr("Okänd åtgärd") << " '" << action << "': " << tr("använd set, remove eller status.") << "\n";
        return 2;
    }
    if (!current_pin_ok(pin_file, in, out, err, clock)) return 1;
    const std::string pin = read_secret(tr("Ny PIN-kod (4–8 siffror): "), in, out);
    if (const char* problem = pin_problem(pin); *problem) {
        err << tr(problem) << "\n";
        return 1;
    }
    if (&in == &std::cin && ::isatty(STDIN_FILENO) && read_secret(tr("Upprepa den: "), in, out) != pin) {
        err << tr("PIN-koderna är inte lika; inget ändrades.") << "\n";
        return 1;
    }
    save_pin(pin_file, hash_pin(pin));
    out << tr("PIN-koden är sparad") << " (" << pin_file.string() << ", " << tr("bara ett saltat hashvärde") << ").\n";
    return 0;
}

}  // namespace faltstod::app
