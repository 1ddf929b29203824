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
        std::cerr << "  (outbox " << status.outbox_size << ", last success " << local_time_text(status.last_success) << ")\n";
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
        print_problem(tr("registreringen misslyckades"), error);
        return 1;
    }
    std::cout << "Enrolled with " << server << ". The token is stored in " << settings.credentials_path.string()
              << " (readable only by you).\n";
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
