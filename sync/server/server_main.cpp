// The `faltstod-server` program: serve protocol v1, publish and validate content bundles, and
// administer devices. Settings come from flags or a config file (--config, TOML: `db` at the top,
// serve options under [serve]); an unknown key in the file is an error that names it.
#include "audit_trail.hpp"
#include "bundle_loader.hpp"
#include "content_publisher.hpp"
#include "consultation_stats.hpp"
#include "content_rows.hpp"
#include "device_registry.hpp"
#include "faltstod_version.hpp"
#include "server_backup.hpp"
#include "server_schema.hpp"
#include "stats_tables.hpp"
#include "sync_server.hpp"
#include "utc_clock.hpp"

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <iostream>
#include <pthread.h>
#include <sys/stat.h>
#include <thread>

namespace {

using namespace faltstod;

bool is_loopback(const std::string& host) {
    return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

// Loads and validates a bundle; prints every problem and returns false if there are any.
bool load_valid_bundle(const std::string& dir, content::Bundle& bundle) {
    auto result = content::load_bundle(dir);
    for (const auto& error : result.errors) std::cerr << dir << "/" << error.to_string() << "\n";
    if (!result.ok()) {
        std::cerr << result.errors.size() << " problem(s) found; fix them and try again. Nothing was changed.\n";
        return false;
    }
    bundle = std::move(result.bundle);
    return true;
}

int run_validate(const std::string& dir) {
    content::Bundle b;
    if (!load_valid_bundle(dir, b)) return 1;
    std::cout << "Bundle OK: " << b.guidance.size() << " guidance articles, " << b.contacts.size() << " contacts in "
              << b.counties.size() << " counties, " << b.support_lines.size() << " support lines, " << b.checklists.size()
              << " checklists, " << b.events.size() << " events.\n";
    return 0;
}

int run_publish(const std::string& db_path, const std::string& dir) {
    content::Bundle bundle;
    if (!load_valid_bundle(dir, bundle)) return 1;
    auto db = server::open_server_db(db_path);
    const auto result = server::publish_rows(db, protocol::rows_from_bundle(bundle), server::server_cli_actor());
    std::cout << "Published " << dir << ": " << result.inserted << " new, " << result.updated << " changed, " << result.deleted
              << " removed, " << result.unchanged << " unchanged; change number is now " << result.last_seq << ".\n";
    return 0;
}

int run_serve(server::ServerConfig config) {
    // Block the stop signals (and SIGHUP, "reload the certificate") in every thread; one thread
    // waits for them.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    if (!config.tls_cert.empty() != !config.tls_key.empty()) {
        std::cerr << "faltstod-server: --tls-cert and --tls-key go together\n";
        return 2;
    }
    server::SyncServer server(config);
    const int port = server.bind();
    spdlog::info("faltstod-server {} serving {} on {}:{} ({})", kVersion, config.db_path, config.host, port,
                 server.uses_tls() ? "HTTPS" : "plain HTTP");
    if (server.metrics_port() >= 0) {
        spdlog::info("metrics without a token on http://{}:{}/metrics", config.metrics_host, server.metrics_port());
        if (!is_loopback(config.metrics_host))
            spdlog::warn("metrics-listen {} is not a loopback address: anyone who can reach it reads the metrics", config.metrics_host);
    }
    if (!server.uses_tls() && !is_loopback(config.host)) {
        spdlog::warn("serving plain HTTP on {}: device tokens would cross the network unencrypted. "
                     "Use --tls-cert/--tls-key, or listen on 127.0.0.1 behind a TLS proxy.", config.host);
    }
    // server.stop() has no effect before the listener runs, and a signal can arrive in that
    // moment (right after the line below is printed): keep stopping until listen() returned.
    std::atomic<bool> finished{false};
    std::thread stopper([&server, &finished, signals] {
        int signal = 0;
        for (;;) {
            sigwait(&signals, &signal);
            if (finished) return;
            if (signal != SIGHUP) break;
            try {
                server.reload_tls();
                spdlog::info("reloaded the TLS certificate and key (signal {}); new connections use them", signal);
            } catch (const std::exception& e) {
                spdlog::error("kept the TLS certificate in use: {}", e.what());
            }
        }
        spdlog::info("stopping (signal {})", signal);
        while (!finished) {
            server.stop();
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    });
    std::cout << "faltstod-server listening on " << (server.uses_tls() ? "https" : "http") << "://" << config.host << ":" << port
              << std::endl;
    const bool ok = server.listen();
    finished = true;
    pthread_kill(stopper.native_handle(), SIGTERM);  // wakes the waiting thread if the listener ended by itself
    stopper.join();
    return ok ? 0 : 1;
}

// Shown under --help: the config file format, as docs/protocol.md shows it too.
constexpr const char* kConfigExample =
    "Config file example (faltstod-server --config /etc/faltstod/server.toml serve):\n"
    "  db = \"/var/lib/faltstod/server.db\"\n"
    "  [serve]\n"
    "  listen = \"127.0.0.1\"\n"
    "  port = 8470\n"
    "  read-timeout = 10\n"
    "  write-timeout = 30\n"
    "  metrics-port = 8471\n"
    "  trusted-proxy = [\"127.0.0.1\"]\n"
    "Flags given on the command line win over the file.";

// CLI11 says "INI was not able to parse serve.prot"; say which key and where it belongs instead.
int report_config_error(const CLI::App& app, const CLI::App& serve, const CLI::ConfigError& error) {
    const std::string prefix = "INI was not able to parse ";
    const std::string what = error.what();
    if (what.rfind(prefix, 0) != 0) {
        std::cerr << "faltstod-server: config file: " << what << "\n";
        return error.get_exit_code();
    }
    std::string key = what.substr(prefix.size());
    // A section CLI11 does not know shows up as its opening marker, "srve.++".
    if (key.size() > 3 && (key.ends_with(".++") || key.ends_with(".--"))) {
        key.resize(key.size() - 3);
        std::cerr << "faltstod-server: unknown section [" << key << "] in the config file "
                  << app.get_config_ptr()->as<std::string>() << ". The only section is [serve].\n";
        return error.get_exit_code();
    }
    std::cerr << "faltstod-server: unknown key '" << key << "' in the config file " << app.get_config_ptr()->as<std::string>()
              << ".";
    if (key.find('.') == std::string::npos && serve.get_option_no_throw("--" + key) != nullptr)
        std::cerr << " '" << key << "' is a serve option: put it under a [serve] section.";
    else
        std::cerr << " Keys are the long flag names without '--' (see faltstod-server --help and serve --help).";
    std::cerr << "\n";
    return error.get_exit_code();
}

}  // namespace

int main(int argc, char** argv) {
    // Every file the server makes (database, -wal, -shm, backups) is its user's alone, whatever
    // umask it was started with (private_database_file.hpp also makes the database 0600 explicitly).
    ::umask(077);
    spdlog::set_default_logger(spdlog::stderr_color_mt("faltstod-server"));
    spdlog::set_pattern("%Y-%m-%dT%H:%M:%S%z %l %v");

    CLI::App app{"faltstod-server: the Fältstöd sync server.\n"
                 "Serves content to field devices and receives their anonymous consultation logs."};
    app.set_version_flag("--version", std::string("faltstod-server ") + kVersion);
    app.set_config("--config", "",
                   "Read settings from a TOML file. Keys are the long flag names without '--': db at the top, "
                   "serve options under a [serve] section (see the example below). An unknown key is an error.");
    // A misspelt key must not be silently ignored: the server would run with a default instead.
    app.allow_config_extras(CLI::config_extras_mode::error);
    app.footer(kConfigExample);
    std::string db_path = "faltstod-server.db";
    app.add_option("--db", db_path, "Server database file (SQLite; created if missing)")->capture_default_str()->configurable();
    int stats_threshold = protocol::kDefaultStatsThreshold;
    app.add_option("--stats-threshold", stats_threshold,
                   "Statistics show counts below this as \"< N\" (and hide what would reveal them); at least 3")
        ->capture_default_str()
        ->configurable()
        ->check(CLI::Range(protocol::kLowestStatsThreshold, 1000));

    server::ServerConfig config;
    auto* serve = app.add_subcommand("serve", "Serve protocol v1 over HTTP or HTTPS");
    serve->add_option("--listen", config.host, "Address to listen on")->capture_default_str();
    serve->add_option("--port", config.port, "Port (0 picks a free one and prints it)")->capture_default_str()->check(CLI::Range(0, 65535));
    serve->add_option("--tls-cert", config.tls_cert, "PEM certificate: serve HTTPS directly")->check(CLI::ExistingFile);
    serve->add_option("--tls-key", config.tls_key, "PEM private key for --tls-cert")->check(CLI::ExistingFile);
    serve->add_option("--max-body-bytes", config.max_body_bytes, "Larger request bodies get 413")->capture_default_str();
    serve->add_option("--max-push-records", config.max_push_records, "Records per push")->capture_default_str()->check(CLI::Range(1, 10000));
    serve->add_option("--max-page", config.max_page, "Largest /v1/changes page")->capture_default_str()->check(CLI::Range(1, 100000));
    serve->add_option("--enroll-attempts-per-minute", config.enroll_attempts_per_minute, "Per client address")
        ->capture_default_str()->check(CLI::Range(1, 100000));
    serve->add_option("--read-timeout", config.read_timeout_seconds,
                      "Seconds a client has to send a whole request (request line, headers and body); a slower one gets 408 "
                      "and the connection is closed")
        ->capture_default_str()->check(CLI::Range(1, 300));
    serve->add_option("--max-header-bytes", config.max_header_bytes,
                      "Largest request line and headers together; more gets 431 (a request line over 8 KiB gets 414)")
        ->capture_default_str()->check(CLI::Range(1024, 1024 * 1024));
    serve->add_option("--workers", config.workers, "Connections served at once (threads)")
        ->capture_default_str()->check(CLI::Range(2, 1024));
    serve->add_option("--metrics-listen", config.metrics_host, "Address of the metrics listener (GET /metrics, no token)")
        ->capture_default_str();
    serve->add_option("--metrics-port", config.metrics_port,
                      "Port of the metrics listener; -1 (the default) serves none, 0 picks a free one")
        ->capture_default_str()->check(CLI::Range(-1, 65535));
    serve->add_option("--trusted-proxy", config.trusted_proxies,
                      "Address of a reverse proxy (such as nginx on 127.0.0.1) whose X-Forwarded-For header names the client; "
                      "repeat for several")
        ->take_all();
    serve->add_option("--write-timeout", config.write_timeout_seconds,
                      "Seconds to wait for a client to take more of an answer before closing the connection")
        ->capture_default_str()->check(CLI::Range(1, 600));
    serve->add_option("--log-window-months", config.log_window.months_back,
                      "A consultation log may be dated this many months back (and not after tomorrow); set the kiosks' "
                      "log_window_months to the same")
        ->capture_default_str()->check(CLI::Range(protocol::kMinWindowMonths, protocol::kMaxWindowMonths));
    serve->footer("In a --config file these options go under [serve], e.g.\n  [serve]\n  port = 8470\n  read-timeout = 10");

    std::string bundle_dir;
    auto* publish = app.add_subcommand("publish", "Validate a content bundle and publish what changed, in one transaction");
    publish->add_option("bundle", bundle_dir, "Bundle folder, e.g. assets/content")->required();
    auto* validate = app.add_subcommand("validate", "Check a content bundle; every problem is shown as file:line: message");
    validate->add_option("bundle", bundle_dir, "Bundle folder")->required();

    std::string role = "reader";
    std::optional<std::string> county;
    int valid_hours = 24;
    auto* code_cmd = app.add_subcommand("enroll-code", "Create a one-time enrollment code for a device");
    code_cmd->add_option("--role", role, "reader, editor or admin")->check(CLI::IsMember({"reader", "editor", "admin"}))->capture_default_str();
    code_cmd->add_option("--county", county, "Limit the device to one county (code, e.g. 05)");
    code_cmd->add_option("--valid-hours", valid_hours, "How long the code can be used")->capture_default_str()->check(CLI::Range(1, 720));

    auto* devices_cmd = app.add_subcommand("devices", "List enrolled devices");
    std::string device_id;
    auto* revoke_cmd = app.add_subcommand("revoke", "Revoke a device's access at once");
    revoke_cmd->add_option("device", device_id, "Device id")->required();
    auto* wipe_cmd = app.add_subcommand("wipe", "Order a device to erase its local logs and token");
    wipe_cmd->add_option("device", device_id, "Device id")->required();
    int older_than_days = 90;
    auto* compact_cmd = app.add_subcommand("compact", "Forget old tombstones (devices older than that must reset)");
    compact_cmd->add_option("--older-than-days", older_than_days, "Tombstone age")->capture_default_str()->check(CLI::Range(1, 3650));

    std::string backup_file;
    auto* backup_cmd = app.add_subcommand("backup", "Copy the database to a new file, consistently, also while serving");
    backup_cmd->add_option("file", backup_file, "The new file")->required();
    auto* restore_cmd = app.add_subcommand("restore", "Replace the database with a backup (stop the server first)");
    restore_cmd->add_option("file", backup_file, "A file made by 'backup'")->required()->check(CLI::ExistingFile);

    std::optional<std::string> stats_county, stats_from, stats_to;
    bool stats_json = false;
    auto* stats_cmd = app.add_subcommand("stats", "Count consultation logs per month, county, topic, profession, outcome, age band and channel");
    stats_cmd->add_option("--county", stats_county, "Only this county (code, e.g. 05; default: all counties)");
    stats_cmd->add_option("--from", stats_from, "First month, YYYY-MM (inclusive)");
    stats_cmd->add_option("--to", stats_to, "Last month, YYYY-MM (inclusive)");
    stats_cmd->add_flag("--json", stats_json, "Print the same JSON as GET /v1/stats");
    bool stats_csv = false, stats_exact = false;
    stats_cmd->add_flag("--csv", stats_csv, "Print the tables as CSV (table,key,count) for a spreadsheet or report")->excludes("--json");
    stats_cmd->add_flag("--exact", stats_exact,
                        "Admins only: every count as it is, small ones included; each use is written to the audit trail");
    int audit_limit = 0;
    auto* audit_cmd = app.add_subcommand("audit", "Show the audit trail: enrollment codes, revocations, wipes, publishing, exact statistics");
    audit_cmd->add_option("--last", audit_limit, "Only the newest N entries (default: all)")->check(CLI::Range(1, 1000000));

    app.require_subcommand(1);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ConfigError& e) {
        return report_config_error(app, *serve, e);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }

    try {
        if (*validate) return run_validate(bundle_dir);
        if (*publish) return run_publish(db_path, bundle_dir);
        if (*serve) {
            config.db_path = db_path;
            config.stats_threshold = stats_threshold;
            return run_serve(config);
        }
        if (*backup_cmd) {
            server::backup_database(db_path, backup_file);
            std::cout << "Backed up " << db_path << " to " << backup_file << ".\n";
            return 0;
        }
        if (*restore_cmd) {
            server::restore_database(backup_file, db_path);
            std::cout << "Restored " << db_path << " from " << backup_file << ".\n";
            return 0;
        }
        auto db = server::open_server_db(db_path);
        if (*code_cmd) {
            const auto code = server::create_enrollment_code(db, *server::parse_role(role), county, std::chrono::hours(valid_hours),
                                                             server::server_cli_actor());
            std::cout << code.code << "\n";
            std::cerr << "One-time " << role << " code" << (county ? " for county " + *county : std::string()) << ", valid until "
                      << code.expires_at << ". It is shown only now.\n";
            return 0;
        }
        if (*devices_cmd) {
            for (const auto& d : server::list_devices(db)) {
                const std::string state = d.wiped_at            ? "wiped at " + *d.wiped_at
                                          : d.wipe_requested_at ? "wipe ordered"
                                          : d.revoked_at        ? "revoked"
                                                                : "active";
                std::cout << d.id << "  " << server::role_name(d.role) << "  " << (d.county ? *d.county : "--") << "  " << state
                          << "  last seen " << d.last_seen_at.value_or("never") << "  " << d.name << "\n";
            }
            return 0;
        }
        if (*revoke_cmd || *wipe_cmd) {
            const auto actor = server::server_cli_actor();
            const bool found = *wipe_cmd ? server::request_wipe(db, device_id, actor) : server::revoke_device(db, device_id, actor);
            if (!found) {
                std::cerr << "faltstod-server: no device has the id " << device_id << "\n";
                return 1;
            }
            std::cout << (*wipe_cmd ? "Wipe ordered for " : "Revoked ") << device_id << "\n";
            return 0;
        }
        if (*stats_cmd) {
            std::string problem;
            const auto filter = server::parse_stats_filter(stats_county, stats_from, stats_to, problem);
            if (!filter) {
                std::cerr << "faltstod-server: " << problem << "\n";
                return 1;
            }
            protocol::StatsTables stats;
            if (stats_exact) {
                // The view is recorded before it is shown, in one transaction with nothing else.
                sqlite::Transaction tx(db);
                server::record_audit(db, server::server_cli_actor(), server::AuditAction::ExactStatsViewed, std::nullopt,
                                     {{"county", filter->county ? nlohmann::json(*filter->county) : nlohmann::json(nullptr)},
                                      {"from", filter->from ? nlohmann::json(*filter->from) : nlohmann::json(nullptr)},
                                      {"to", filter->to ? nlohmann::json(*filter->to) : nlohmann::json(nullptr)},
                                      {"format", stats_csv ? "csv" : stats_json ? "json" : "table"}});
                tx.commit();
                stats = server::read_exact_stats(db, *filter);
                stats.threshold = stats_threshold;
            } else {
                stats = server::read_protected_stats(db, *filter, stats_threshold);
            }
            if (stats_json) std::cout << protocol::to_json(stats).dump(2) << "\n";
            else if (stats_csv) std::cout << protocol::stats_to_csv(stats);
            else std::cout << server::stats_to_table(stats);
            return 0;
        }
        if (*audit_cmd) {
            std::cout << server::audit_to_table(server::read_audit(db, audit_limit));
            return 0;
        }
        if (*compact_cmd) {
            const auto cutoff = server::to_utc_iso(std::chrono::system_clock::now() - std::chrono::hours(24) * older_than_days);
            std::cout << "Removed " << server::purge_tombstones(db, cutoff) << " tombstone(s) older than " << older_than_days << " days.\n";
            return 0;
        }
    } catch (const std::exception& e) {
        std::cerr << "faltstod-server: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
