// faltstod-bench-sync: incremental sync and idle poll with the real SyncEngine against the real
// server, through a counting proxy (bytes on the wire, round trips, body sizes).
//   faltstod-bench-sync --replica r.db --credentials device.json --rounds 5
//       --change-cmd 'faltstod-bench-mutate --db server.db --changed 100 --round {r}'
// The replica must already hold a first sync. One warm-up run opens the engine's connection and
// learns the ETag; then each round runs the change command (not timed), an incremental sync of
// what it changed, and two idle polls with nothing changed. One JSON line per measured run.
#include "bench_stats.hpp"
#include "counting_proxy.hpp"
#include "device_credentials.hpp"
#include "sync_engine.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <regex>

namespace {
using nlohmann::json;
using faltstod::bench::CountingProxy;

bool all_ok = true;

json measure(faltstod::sync::SyncEngine& engine, CountingProxy& proxy, const std::string& kind, int round) {
    proxy.take();
    const faltstod::bench::Stopwatch clock;
    const auto error = engine.run_once();
    const double ms = clock.ms();
    if (error) all_ok = false;
    // What the engine's thread does next, when nothing waits on it: measured on its own.
    const faltstod::bench::Stopwatch checkpoint_clock;
    engine.checkpoint();
    const double checkpoint_ms = checkpoint_clock.ms();
    // The engine has read every answer before run_once returns; give the proxy's threads a
    // moment to finish counting the last bytes they forwarded.
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    const auto wire = proxy.take();
    json answers = json::array();
    std::size_t body = 0;
    for (const auto& answer : wire.answers) {
        answers.push_back({{"status", answer.status}, {"header_bytes", answer.header_bytes}, {"body_bytes", answer.body_bytes}});
        body += answer.body_bytes;
    }
    return {{"kind", kind},           {"round", round},          {"ms", ms}, {"checkpoint_ms", checkpoint_ms},
            {"ok", !error},           {"error", error ? faltstod::sync::to_log_text(error) : ""},
            {"round_trips", wire.answers.size()}, {"connections", wire.connections},
            {"bytes_up", wire.bytes_up}, {"bytes_down", wire.bytes_down}, {"body_bytes", body}, {"answers", answers}};
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Incremental sync and idle poll through a counting proxy"};
    std::string replica, credentials_file, change_cmd;
    int rounds = 3;
    app.add_option("--replica", replica)->required()->check(CLI::ExistingFile);
    app.add_option("--credentials", credentials_file, "device.json of an enrolled replica")->required()->check(CLI::ExistingFile);
    app.add_option("--rounds", rounds)->capture_default_str()->check(CLI::Range(1, 50));
    app.add_option("--change-cmd", change_cmd, "Shell command that changes rows on the server; {r} is the round")->required();
    CLI11_PARSE(app, argc, argv);
    try {
        auto credentials = faltstod::sync::load_credentials(credentials_file);
        if (!credentials) throw std::runtime_error("cannot read " + credentials_file);
        std::smatch port_match;
        if (!std::regex_search(credentials->server_url, port_match, std::regex(R"(:(\d+)/?$)")))
            throw std::runtime_error("the server URL has no port");
        CountingProxy proxy(std::stoi(port_match[1]));
        // The engine talks to the proxy: a copy of the credentials with the proxy's address.
        const auto proxied = std::filesystem::path(replica).parent_path() / "bench-proxied-device.json";
        credentials->server_url = "http://127.0.0.1:" + std::to_string(proxy.port());
        faltstod::sync::save_credentials(proxied, *credentials);

        faltstod::sync::EngineSettings settings;
        settings.replica_path = replica;
        settings.credentials_path = proxied;
        faltstod::sync::SyncEngine engine(settings);
        std::cout << measure(engine, proxy, "warm-up", 0).dump() << std::endl;
        for (int round = 1; round <= rounds; ++round) {
            const std::string command = std::regex_replace(change_cmd, std::regex(R"(\{r\})"), std::to_string(round));
            if (std::system(command.c_str()) != 0) throw std::runtime_error("change command failed: " + command);
            std::cout << measure(engine, proxy, "incremental", round).dump() << std::endl;
            // The first poll after a change asks with the new cursor, whose page the engine has no
            // ETag for yet (an empty page comes back); the next one is the steady idle poll.
            std::cout << measure(engine, proxy, "idle-after-change", round).dump() << std::endl;
            std::cout << measure(engine, proxy, "idle", round).dump() << std::endl;
        }
        std::filesystem::remove(proxied);
        if (!all_ok) {
            std::cerr << "faltstod-bench-sync: a sync failed (see \"error\" above)\n";
            return 1;
        }
    } catch (const std::exception& e) {
        std::cerr << "faltstod-bench-sync: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
