// A running faltstod-server for integration tests: a temporary database with the sample
// bundle published, the real binary on a free loopback port, and one enrolled device per role.
#pragma once

#include "support/sample_bundle.hpp"
#include "sqlite_db.hpp"
#include "support/server_process.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <memory>

namespace faltstod::test {

inline const std::string kServerBinary = FALTSTOD_SERVER_BIN;

struct Deployment {
    TempDir dir;
    std::string db = (dir.path() / "server.db").string();
    std::filesystem::path bundle = dir.path() / "bundle";
    std::unique_ptr<ServerProcess> server;
    struct Device {
        std::string token;
        std::string id;
    };
    Device admin, editor, reader;

    explicit Deployment(std::vector<std::string> extra_args = {}) {
        write_sample_bundle_at(bundle);
        REQUIRE(cli("publish " + shell_quote(bundle.string())).exit_code == 0);
        start(std::move(extra_args));
        admin = enroll("admin");
        editor = enroll("editor");
        reader = enroll("reader");
    }

    void start(std::vector<std::string> extra_args = {}) {
        server = std::make_unique<ServerProcess>(kServerBinary, db, dir.path() / "server.log", std::move(extra_args));
    }

    CommandResult cli(const std::string& args) const {
        return run_command(shell_quote(kServerBinary) + " --db " + shell_quote(db) + " " + args);
    }

    // A one-time code from the admin CLI (stdout holds only the code).
    std::string new_code(const std::string& role, const std::string& county = "") const {
        auto result = run_command(shell_quote(kServerBinary) + " --db " + shell_quote(db) + " enroll-code --role " + role +
                                  (county.empty() ? "" : " --county " + county) + " 2>/dev/null");
        REQUIRE(result.exit_code == 0);
        return result.output.substr(0, result.output.find('\n'));
    }

    Device enroll(const std::string& role, const std::string& county = "") {
        auto client = http();
        const nlohmann::json body = {{"code", new_code(role, county)}, {"device_name", "Testdator " + role}};
        auto res = client.Post("/v1/enroll", body.dump(), "application/json");
        REQUIRE(res);
        REQUIRE(res->status == 201);
        const auto answer = nlohmann::json::parse(res->body);
        return {answer.at("token").get<std::string>(), answer.at("device_id").get<std::string>()};
    }

    httplib::Client http() const {
        httplib::Client client("127.0.0.1", server->port());
        client.set_connection_timeout(5, 0);
        client.set_read_timeout(15, 0);
        client.set_write_timeout(15, 0);
        return client;
    }

    static httplib::Headers auth(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }
    static httplib::Headers auth(const Device& device) { return auth(device.token); }

private:
    static void write_sample_bundle_at(const std::filesystem::path& path) {
        // write_sample_bundle writes into a TempDir's root; mirror it into `path`.
        TempDir scratch;
        write_sample_bundle(scratch);
        std::filesystem::copy(scratch.path(), path, std::filesystem::copy_options::recursive);
    }
};

}  // namespace faltstod::test
