// XDG base directory lookup; see xdg_paths.hpp.
#include "xdg_paths.hpp"

#include <cstdlib>

namespace faltstod::app {

namespace {

std::filesystem::path base(const char* variable, const char* fallback_under_home) {
    if (const char* value = std::getenv(variable); value && *value && std::filesystem::path(value).is_absolute())
        return value;
    const char* home = std::getenv("HOME");
    return std::filesystem::path(home && *home ? home : "/tmp") / fallback_under_home;
}

}  // namespace

std::filesystem::path data_dir() { return base("XDG_DATA_HOME", ".local/share") / "faltstod"; }
std::filesystem::path config_dir() { return base("XDG_CONFIG_HOME", ".config") / "faltstod"; }
std::filesystem::path default_replica_path() { return data_dir() / "replica.db"; }

}  // namespace faltstod::app
