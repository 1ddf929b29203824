// The server's subcommands; see sync_commands.hpp.
#include "sync_commands.hpp"

#include "i18n.hpp"
#include "replica_commands.hpp"
#include "sync_messages.hpp"

#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace faltstod::app {

namespace {

// A sync or enrollment problem on stderr: the sentence in the chosen language, then its code
// (for an administrator or a bug report); never the server's or a library's text.
void print_problem(const char* what, const sync::SyncError& error) {
    std::cerr << "faltstod: " << what << ": " << sync_problem_text(error) << " [" << sync::problem_name(error.problem) << "]\n";
}

}  // namespace

int run_sync_once(const sync::EngineSettings& settings) {
    sync::SyncEngine engine(settings);
    const auto error = engine.run_once();
    const auto status = engine.status();
    if (status.insecure) std::cerr << "faltstod: " << insecure_connection_warning() << "\n";
    if (error) {
        print_problem(tr("synken misslyckades"), error);
        std::cerr << "  (" << tr("att skicka:") << " " << outbox_text(status.outbox_size, status.quarantined) << "; " << tr("senaste lyckade synk:")
                  << " " << local_time_text(status.last_success) << ")\n";
        return 1;
    }
    std::cout << tr("Synkat:") << " " << tr("innehållsversion") << " " << status.content_version.value_or(0) << "; " << tr("att skicka:") << " "
              << outbox_text(status.outbox_size, status.quarantined) << ".\n";
    return 0;
}

int run_enroll(const sync::EngineSettings& settings, const std::string& server, const std::string& code,
               const std::optional<std::string>& name, bool insecure) {
    if (name) {
        std::cerr << "faltstod: "
                  << tr("--name används inte längre. Servern ger varje dator ett genererat namn (Enhet 0001, Enhet 0002, …), så att ingen fritext om en person kan hamna i listan över datorer. Kör samma kommando utan --name.")
                  << "\n";
        return 2;
    }
    // No name is sent: the server generates one (docs/safety.md, "Every field").
    const auto error = sync::enroll_device(settings, server, code, "", insecure);
    if (error) {
        print_problem(tr("registreringen misslyckades"), error);
        return 1;
    }
    std::cout << tr("Registrerad hos") << " " << server << ". " << tr("Nyckeln är sparad i") << " " << settings.credentials_path.string() << " ("
              << tr("bara du kan läsa filen") << ").\n";
    if (insecure && !sync::check_server_address(server, true).address.loopback)
        std::cerr << "faltstod: " << insecure_connection_warning() << "\n";
    return 0;
}

std::string read_ca_file(const std::string& path) {
    if (path.empty()) return "";
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in || text.str().find("-----BEGIN CERTIFICATE-----") == std::string::npos)
        throw std::runtime_error(path + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    return text.str();
}

}  // namespace faltstod::app
