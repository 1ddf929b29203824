// Runs the real faltstod-server binary for a test: `serve --port 0` on loopback, waits until it
// prints the port it listens on, and stops it (SIGTERM, then SIGKILL) when the test ends.
// Its stderr (the request log) goes to a file the test can read.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fcntl.h>
#include <fstream>
#include <poll.h>
#include <spawn.h>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace faltstod::test {

struct CommandResult {
    int exit_code = -1;
    std::string output;
};

// Runs a command line through the shell; returns its exit code and stdout+stderr.
inline CommandResult run_command(const std::string& command) {
    CommandResult result;
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buffer[4096];
    while (const size_t n = fread(buffer, 1, sizeof buffer, pipe)) result.output.append(buffer, n);
    const int status = pclose(pipe);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

inline std::string shell_quote(const std::string& text) { return "'" + text + "'"; }

class ServerProcess {
public:
    ServerProcess(const std::string& binary, const std::string& db_path, const std::filesystem::path& log_path,
                  std::vector<std::string> extra_args = {}, std::vector<std::string> program_args = {})
        : log_path_(log_path) {
        // program_args (such as --config) go before the subcommand, extra_args after it.
        std::vector<std::string> args = {binary, "--db", db_path};
        args.insert(args.end(), program_args.begin(), program_args.end());
        args.insert(args.end(), {"serve", "--port", "0"});
        if (std::find(extra_args.begin(), extra_args.end(), "--listen") == extra_args.end()) {
            args.push_back("--listen");
            args.push_back("127.0.0.1");
        }
        args.insert(args.end(), extra_args.begin(), extra_args.end());
        start(args);
    }
    ~ServerProcess() { stop(); }
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    int port() const { return port_; }
    pid_t pid() const { return pid_; }
    std::string first_line() const { return first_line_; }

    std::string log() const {
        std::ifstream in(log_path_);
        std::stringstream text;
        text << in.rdbuf();
        return text.str();
    }

    // Graceful stop; returns the exit code.
    int stop() {
        if (pid_ <= 0) return exit_code_;
        ::kill(pid_, SIGTERM);
        wait_for_exit(std::chrono::seconds(10));
        return exit_code_;
    }

    // A crash: no chance to flush or close anything.
    void kill_hard() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGKILL);
        wait_for_exit(std::chrono::seconds(10));
    }

private:
    void start(const std::vector<std::string>& args) {
        int out[2];
        REQUIRE(pipe(out) == 0);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, out[0]);
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
        std::vector<char*> argv;
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        const int rc = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        close(out[1]);
        REQUIRE(rc == 0);
        // Wait (at most 15 s) for "faltstod-server listening on http://127.0.0.1:PORT".
        std::string line;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
        while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
            pollfd fd{out[0], POLLIN, 0};
            if (poll(&fd, 1, 200) > 0) {
                char buffer[256];
                const ssize_t n = read(out[0], buffer, sizeof buffer);
                if (n <= 0) break;
                line.append(buffer, static_cast<size_t>(n));
            }
        }
        close(out[0]);
        first_line_ = line.substr(0, line.find('\n'));
        const auto colon = first_line_.rfind(':');
        INFO("server said: " << first_line_ << "\nlog:\n" << log());
        REQUIRE(colon != std::string::npos);
        port_ = std::stoi(first_line_.substr(colon + 1));
    }

    void wait_for_exit(std::chrono::seconds limit) {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        int status = 0;
        while (std::chrono::steady_clock::now() < deadline) {
            if (waitpid(pid_, &status, WNOHANG) == pid_) {
                exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
                pid_ = -1;
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        ::kill(pid_, SIGKILL);
        waitpid(pid_, &status, 0);
        exit_code_ = -1;
        pid_ = -1;
    }

    std::filesystem::path log_path_;
    pid_t pid_ = -1;
    int port_ = 0;
    int exit_code_ = -1;
    std::string first_line_;
};

}  // namespace faltstod::test
