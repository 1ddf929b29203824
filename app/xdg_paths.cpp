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

std::filesystem::path documents_dir() {
    if (const char* value = std::getenv("XDG_DOCUMENTS_DIR"); value && *value && std::filesystem::path(value).is_absolute())
        return value;
    const char* home = std::getenv("HOME");
    const std::filesystem::path home_dir = home && *home ? home : "/tmp";
    std::error_code ignored;
    return std::filesystem::is_directory(home_dir / "Documents", ignored) ? home_dir / "Documents" : home_dir;
}

std::filesystem::path bundled_content_dir() {
    std::error_code error;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", error);
    if (!error) {
        const auto installed = exe.parent_path().parent_path() / "share" / "faltstod" / "content";
        if (std::filesystem::exists(installed / "topics.json")) return installed;
    }
#ifdef FALTSTOD_SOURCE_CONTENT
    if (std::filesystem::exists(FALTSTOD_SOURCE_CONTENT)) return FALTSTOD_SOURCE_CONTENT;
#endif
    return {};
}

}  // namespace faltstod::app
