// The sync engine against the real faltstod-server over HTTPS (issue 8). The test makes its own
// certificate authority with the `openssl` command: a server certificate it signed syncs; a
// certificate from another CA, an expired one, one issued for another host name, and the right
// certificate checked against the wrong CA file are all refused with a clear certificate error,
// and nothing is stored on either side.
#include "kiosk_fixture.hpp"

#include "content_store.hpp"
#include "replica_queries.hpp"

#include <doctest/doctest.h>

using faltstod::test::Kiosk;
using faltstod::test::ServerProcess;
using faltstod::test::TempDir;
using faltstod::test::run_command;
using faltstod::test::shell_quote;
using namespace faltstod;

namespace {

// Certificates made in a temporary folder; every server certificate shares one key.
struct TestPki {
    TempDir dir;
    std::string path(const std::string& name) const { return (dir.path() / name).string(); }

    void run(const std::string& command) const {
        const auto result = run_command("cd " + shell_quote(dir.path().string()) + " && " + command);
        INFO(command << "\n" << result.output);
        REQUIRE(result.exit_code == 0);
    }

    void make_ca(const std::string& name) const {
        run("openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj '/CN=" + name + "' -keyout " + name + ".key -out " + name + ".pem");
    }

    // A certificate for server.key signed by `ca`, for the names in `san`; `prefix` runs openssl
    // under another clock (faketime) to make an expired one.
    void make_cert(const std::string& name, const std::string& ca, const std::string& san, const std::string& prefix = "") const {
        dir.write(name + ".ext", "subjectAltName=" + san + "\n");
        run("openssl req -new -key server.key -subj '/CN=" + name + "' -out " + name + ".csr");
        run(prefix + "openssl x509 -req -in " + name + ".csr -CA " + ca + ".pem -CAkey " + ca + ".key -CAcreateserial -days 2 -extfile " +
            name + ".ext -out " + name + ".pem");
    }

    TestPki() {
        make_ca("ca");
        make_ca("other-ca");
        run("openssl genrsa -out server.key 2048");
        make_cert("good", "ca", "DNS:localhost,IP:127.0.0.1");
        make_cert("foreign", "other-ca", "DNS:localhost,IP:127.0.0.1");
        make_cert("elsewhere", "ca", "DNS:other.example");
        make_cert("expired", "ca", "DNS:localhost,IP:127.0.0.1", "faketime '2020-01-01 00:00:00' ");
        // The expired certificate really is expired (and the good one is not).
        CHECK(run_command("openssl x509 -checkend 0 -noout -in " + shell_quote(path("expired.pem"))).exit_code != 0);
        CHECK(run_command("openssl x509 -checkend 0 -noout -in " + shell_quote(path("good.pem"))).exit_code == 0);
    }
};

// The published sample content on a server database, served over HTTPS with one certificate.
struct TlsDeployment {
    TempDir dir;
    std::string db = (dir.path() / "server.db").string();

    TlsDeployment() {
        TempDir scratch;
        test::write_sample_bundle(scratch);
        const auto result = run_command(shell_quote(test::kServerBinary) + " --db " + shell_quote(db) + " publish " +
                                        shell_quote(scratch.path().string()));
        REQUIRE(result.exit_code == 0);
    }

    std::unique_ptr<ServerProcess> serve(const TestPki& pki, const std::string& cert) const {
        return std::make_unique<ServerProcess>(test::kServerBinary, db, dir.path() / "server.log",
                                               std::vector<std::string>{"--tls-cert", pki.path(cert + ".pem"), "--tls-key", pki.path("server.key")});
    }

    std::string new_code() const {
        auto result = run_command(shell_quote(test::kServerBinary) + " --db " + shell_quote(db) + " enroll-code --role reader 2>/dev/null");
        REQUIRE(result.exit_code == 0);
        return result.output.substr(0, result.output.find('\n'));
    }

    int consultations() const {
        sqlite::Database server_db(db, sqlite::Database::Mode::ReadOnly);
        auto count = server_db.prepare("SELECT count(*) FROM consultations");
        count.step();
        return static_cast<int>(count.column_int(0));
    }
};

std::string https_url(const ServerProcess& server) { return "https://127.0.0.1:" + std::to_string(server.port()); }

// A kiosk with an empty replica and one log waiting, holding a valid token for `url`, trusting
// the CA certificates in `ca_file` (saved with the credentials, as at enrollment; none: the system's).
void prepare(Kiosk& kiosk, const sync::DeviceCredentials& credentials, const std::string& url, const std::string& ca_file) {
    auto copy = credentials;
    copy.server_url = url;
    copy.ca_pem = ca_file.empty() ? "" : test::read_file(ca_file);
    sync::save_credentials(kiosk.settings.credentials_path, copy);
    kiosk.log();
}

// The engine refuses this server: a certificate error in its status, nothing stored.
void check_refused(Kiosk& kiosk, const TlsDeployment& d, sync::SyncProblem expected) {
    const int on_server = d.consultations();
    sync::SyncEngine engine(kiosk.settings);
    const auto error = engine.run_once();
    REQUIRE(error);
    CAPTURE(sync::to_log_text(error));
    CHECK(error.kind == sync::SyncErrorKind::Network);
    CHECK(error.problem == expected);
    const auto status = engine.status();
    CHECK(status.last_error.problem == error.problem);
    CHECK(status.phase == sync::SyncPhase::WaitingToRetry);
    auto db = kiosk.db();
    CHECK_FALSE(sync::stored_cursor(db).has_value());  // no content taken from it
    CHECK(replica::count_content(db).guidance == 0);
    CHECK(sync::outbox_size(db) == 1);  // the log stays, unsent
    CHECK(d.consultations() == on_server);  // and the server got nothing
}

}  // namespace

TEST_CASE("TLS: the engine syncs with a server certificate from the test CA and refuses a foreign, an expired and a misnamed one") {
    TestPki pki;
    TlsDeployment d;
    const std::string ca = pki.path("ca.pem");

    // The good certificate, trusted through --ca-file: enrollment and a full sync work.
    sync::DeviceCredentials credentials;
    {
        auto server = d.serve(pki, "good");
        REQUIRE(server->first_line().find("https://") != std::string::npos);
        Kiosk kiosk;
        kiosk.settings.connection.ca_pem = test::read_file(ca);
        const auto enrolled = sync::enroll_device(kiosk.settings, https_url(*server), d.new_code(), "Testlaptop");
        REQUIRE_MESSAGE(!enrolled, sync::to_log_text(enrolled));
        credentials = *sync::load_credentials(kiosk.settings.credentials_path);
        CHECK(credentials.ca_pem == test::read_file(ca));  // saved with the enrollment
        kiosk.log();
        // The background sync runs without --ca-file: the saved certificates are used.
        kiosk.settings.connection.ca_pem.clear();
        sync::SyncEngine engine(kiosk.settings);
        const auto error = engine.run_once();
        REQUIRE_MESSAGE(!error, sync::to_log_text(error));
        auto db = kiosk.db();
        CHECK(replica::count_content(db).guidance == 3);
        CHECK(engine.status().outbox_size == 0);
        CHECK(d.consultations() == 1);

        // The right certificate checked against another CA file: refused.
        Kiosk wrong_ca;
        prepare(wrong_ca, credentials, https_url(*server), pki.path("other-ca.pem"));
        check_refused(wrong_ca, d, sync::SyncProblem::TlsUntrusted);
        // The system's CAs alone do not trust the test CA either.
        Kiosk system_ca;
        prepare(system_ca, credentials, https_url(*server), "");
        check_refused(system_ca, d, sync::SyncProblem::TlsUntrusted);
    }
    struct Case {
        const char* cert;
        sync::SyncProblem reason;
    };
    for (const Case c : {Case{"foreign", sync::SyncProblem::TlsUntrusted}, Case{"expired", sync::SyncProblem::TlsExpired},
                         Case{"elsewhere", sync::SyncProblem::TlsWrongName}}) {
        CAPTURE(c.cert);
        auto server = d.serve(pki, c.cert);
        Kiosk kiosk;
        prepare(kiosk, credentials, https_url(*server), ca);
        check_refused(kiosk, d, c.reason);
        // Enrolling through it fails too, and leaves no credentials behind.
        Kiosk fresh;
        fresh.settings.connection.ca_pem = test::read_file(ca);
        const auto enrolled = sync::enroll_device(fresh.settings, https_url(*server), d.new_code(), "Testlaptop");
        CHECK(enrolled.kind == sync::SyncErrorKind::Network);
        CHECK(enrolled.problem == c.reason);
        CHECK_FALSE(std::filesystem::exists(fresh.settings.credentials_path));
    }
}

// Issue 17: the server owns its TLS settings (sync/server/tls_context.hpp). A TLS 1.2 client is
// served only with ECDHE key exchange (forward secrecy), TLS 1.1 not at all, TLS 1.3 yes; and a
// renewed certificate is taken on SIGHUP without a restart, while unusable files keep the old one.
// Before: cpp-httplib's SSLServer accepted AES128-GCM-SHA256 (RSA key exchange, no forward
// secrecy), and SIGHUP ended the server.
TEST_CASE("TLS: the server speaks TLS 1.2 only with forward secrecy, and takes a renewed certificate on SIGHUP without a restart") {
    TestPki pki;
    pki.make_cert("renewed", "ca", "DNS:localhost,IP:127.0.0.1");
    TlsDeployment d;
    std::filesystem::copy_file(pki.path("good.pem"), pki.path("live.pem"));
    ServerProcess server(test::kServerBinary, d.db, d.dir.path() / "server.log",
                         {"--tls-cert", pki.path("live.pem"), "--tls-key", pki.path("server.key")});
    const std::string connect = "timeout 10 openssl s_client -connect 127.0.0.1:" + std::to_string(server.port()) + " ";
    const auto handshake = [&](const std::string& options) { return run_command(connect + options + " </dev/null").exit_code == 0; };
    CHECK_FALSE(handshake("-tls1_2 -cipher AES128-GCM-SHA256"));      // RSA key exchange: no forward secrecy
    CHECK_FALSE(handshake("-tls1_2 -cipher AES256-SHA256"));          // and no AEAD either
    CHECK_FALSE(handshake("-tls1_2 -cipher DHE-RSA-AES128-GCM-SHA256"));  // finite-field DH is not offered
    CHECK_FALSE(handshake("-tls1_1 -cipher DEFAULT@SECLEVEL=0"));
    CHECK(handshake("-tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256"));
    CHECK(handshake("-tls1_2 -cipher ECDHE-RSA-CHACHA20-POLY1305"));
    CHECK(handshake("-tls1_3"));

    const auto served_serial = [&] {
        return run_command(connect + "</dev/null 2>/dev/null | openssl x509 -noout -serial").output;
    };
    const auto serial_of = [&](const std::string& name) {
        return run_command("openssl x509 -noout -serial -in " + shell_quote(pki.path(name))).output;
    };
    REQUIRE(serial_of("good.pem") != serial_of("renewed.pem"));
    CHECK(served_serial() == serial_of("good.pem"));
    std::filesystem::copy_file(pki.path("renewed.pem"), pki.path("live.pem"), std::filesystem::copy_options::overwrite_existing);
    REQUIRE(::kill(server.pid(), SIGHUP) == 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK(served_serial() == serial_of("renewed.pem"));
    CHECK(server.log().find("reloaded the TLS certificate") != std::string::npos);
    // A broken file on the next reload: the renewed certificate stays in use.
    pki.dir.write("live.pem", "not a certificate\n");
    REQUIRE(::kill(server.pid(), SIGHUP) == 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK(served_serial() == serial_of("renewed.pem"));
    CHECK(server.log().find("kept the TLS certificate in use") != std::string::npos);
    CHECK(server.stop() == 0);  // the same process all along, stopped only now
}
