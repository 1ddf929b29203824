// A real full disk (issue 8): the real faltstod-server with its database on a 2 MiB tmpfs that a
// filler file has nearly filled. Pushes go on until the disk is full; the answer must say so
// (507, "disk is full") and the server must stay up; once the filler is deleted pushing resumes,
// and every acknowledged record is in a sound database.
//
// Mounting needs root and a kernel that allows it. Anywhere else the program exits 77 before any
// test runs, and CTest reports the test as skipped (SKIP_RETURN_CODE), not passed.
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

#include "sqlite_db.hpp"
#include "support/log_dates.hpp"

#include <doctest/doctest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <sys/statvfs.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <set>

using faltstod::test::run_command;
using faltstod::test::shell_quote;
using nlohmann::json;

namespace {

const std::string kServerBinary = FALTSTOD_SERVER_BIN;
constexpr int kSkip = 77;

// A small tmpfs mounted for the test and unmounted in every case (also when a check fails).
class TinyTmpfs {
public:
    explicit TinyTmpfs(const std::filesystem::path& where) : path_(where) {
        std::filesystem::create_directories(path_);
        if (geteuid() != 0) skip("not running as root, so no tmpfs can be mounted");
        const auto mounted = run_command("mount -t tmpfs -o size=2m faltstod-test " + shell_quote(path_.string()));
        if (mounted.exit_code != 0) skip("mount -t tmpfs failed here: " + mounted.output);
    }
    ~TinyTmpfs() {
        if (run_command("umount " + shell_quote(path_.string())).exit_code != 0)
            run_command("umount -l " + shell_quote(path_.string()));
    }
    TinyTmpfs(const TinyTmpfs&) = delete;
    TinyTmpfs& operator=(const TinyTmpfs&) = delete;
    const std::filesystem::path& path() const { return path_; }

    std::uint64_t free_bytes() const {
        struct statvfs info {};
        REQUIRE(statvfs(path_.c_str(), &info) == 0);
        return static_cast<std::uint64_t>(info.f_bavail) * info.f_frsize;
    }

private:
    // exit() unwinds nothing, so the temporary folder (the mount point's parent) goes first.
    [[noreturn]] void skip(const std::string& why) {
        std::error_code ignored;
        std::filesystem::remove_all(path_.parent_path(), ignored);
        std::cout << "SKIPPED: the tmpfs disk-full test needs a tmpfs: " << why << std::endl;
        std::exit(kSkip);
    }
    std::filesystem::path path_;
};

std::string uuid(int n) {
    char text[37];
    std::snprintf(text, sizeof text, "00000000-0000-4000-8000-%012d", n);
    return text;
}

json consultation() {
    return {{"date", faltstod::test::days_ago(10)}, {"county", "05"}, {"profession", "skola"}, {"topics", {"barnaktenskap"}},
            {"age_band", "youth"}, {"channel", "phone"}, {"outcome", "advice_given"}};
}

}  // namespace

TEST_CASE("tmpfs: the server on a full disk says so, stays up, loses nothing, and resumes when space returns") {
    faltstod::test::TempDir dir;
    TinyTmpfs disk(dir.path() / "disk");
    const std::string db = (disk.path() / "server.db").string();
    const auto code = run_command(shell_quote(kServerBinary) + " --db " + shell_quote(db) + " enroll-code --role reader 2>/dev/null");
    REQUIRE(code.exit_code == 0);

    std::set<std::string> acknowledged;
    int pushes = 0, full_answers = 0;
    {
        faltstod::test::ServerProcess server(kServerBinary, db, dir.path() / "server.log");
        httplib::Client client("127.0.0.1", server.port());
        client.set_connection_timeout(5, 0);
        client.set_read_timeout(30, 0);
        auto enrolled = client.Post("/v1/enroll", json{{"code", code.output.substr(0, code.output.find('\n'))}, {"device_name", "Testdator"}}.dump(),
                                    "application/json");
        REQUIRE(enrolled);
        REQUIRE(enrolled->status == 201);
        const httplib::Headers auth = {{"Authorization", "Bearer " + json::parse(enrolled->body).at("token").get<std::string>()}};

        // Leave about 200 KiB free, so a few dozen pushes fill the disk.
        const auto filler = disk.path() / "filler.bin";
        {
            const std::uint64_t size = disk.free_bytes() > 200 * 1024 ? disk.free_bytes() - 200 * 1024 : 0;
            std::ofstream out(filler, std::ios::binary);
            const std::string block(4096, '\0');
            for (std::uint64_t written = 0; written + block.size() <= size; written += block.size()) out.write(block.data(), block.size());
        }
        int next_id = 1;
        auto push = [&](int count) {
            json body = {{"records", json::array()}};
            std::vector<std::string> ids;
            for (int i = 0; i < count; ++i) {
                ids.push_back(uuid(next_id++));
                body["records"].push_back({{"id", ids.back()}, {"kind", "consultation"}, {"data", consultation()}});
            }
            ++pushes;
            auto res = client.Post("/v1/push", auth, body.dump(), "application/json");
            REQUIRE(res);  // the server answers, full disk or not
            if (res->status == 200) {
                const auto answer = json::parse(res->body);  // kept alive: the loop refers into it
                for (const auto& r : answer.at("results"))
                    if (r.at("status") == "applied") acknowledged.insert(r.at("id").get<std::string>());
            }
            return res;
        };

        bool full = false;
        for (int round = 0; round < 3000 && !full; ++round) {
            const auto res = push(20);
            if (res->status == 200) continue;
            full = true;
            ++full_answers;
            CHECK(res->status == 507);
            CAPTURE(res->body);
            CHECK(json::parse(res->body).at("error").at("message").get<std::string>().find("disk is full") != std::string::npos);
        }
        REQUIRE(full);
        CHECK(disk.free_bytes() < 64 * 1024);
        // Still full: the server is up and says so again.
        auto health = client.Get("/healthz");
        REQUIRE(health);
        CHECK(health->status == 200);
        const auto still = push(20);
        if (still->status != 200) {
            ++full_answers;
            CHECK(still->status == 507);
        }

        // Space returns: the same server, without a restart, stores pushes again.
        std::filesystem::remove(filler);
        for (int i = 0; i < 5; ++i) {
            const auto res = push(20);
            CHECK(res->status == 200);
        }
        CHECK(server.stop() == 0);
    }
    // Every acknowledged record is in a sound database.
    faltstod::sqlite::Database check_db(db, faltstod::sqlite::Database::Mode::ReadOnly);
    auto check = check_db.prepare("PRAGMA integrity_check");
    REQUIRE(check.step());
    CHECK(check.column_text(0) == "ok");
    auto find = check_db.prepare("SELECT count(*) FROM consultations WHERE id = ?");
    int found = 0;
    for (const auto& id : acknowledged) {
        find.reset();
        find.bind(1, id);
        find.step();
        found += static_cast<int>(find.column_int(0));
    }
    CHECK(found == static_cast<int>(acknowledged.size()));
    MESSAGE("tmpfs: " << pushes << " pushes, " << full_answers << " answered 507, " << acknowledged.size()
                      << " acknowledged records all found after the disk was freed");
}
