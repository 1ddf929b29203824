// Where the kiosk keeps its files: the XDG base directories, never the working directory.
#include "pin_store.hpp"
#include "kiosk_settings.hpp"
#include "xdg_paths.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <optional>
#include <string>

using namespace faltstod;

namespace {

// Sets an environment variable for one scope and puts the old value back.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        if (value) ::setenv(name, value, 1);
        else ::unsetenv(name);
    }
    ~ScopedEnv() {
        if (old_) ::setenv(name_, old_->c_str(), 1);
        else ::unsetenv(name_);
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* name_;
    std::optional<std::string> old_;
};

}  // namespace

TEST_CASE("XDG folders are used when set to absolute paths") {
    ScopedEnv data("XDG_DATA_HOME", "/srv/data");
    ScopedEnv config("XDG_CONFIG_HOME", "/srv/config");
    CHECK(app::data_dir() == "/srv/data/faltstod");
    CHECK(app::default_replica_path() == "/srv/data/faltstod/replica.db");
    CHECK(app::config_dir() == "/srv/config/faltstod");
    CHECK(app::default_settings_path() == "/srv/config/faltstod/settings.json");
    CHECK(app::default_pin_path() == "/srv/config/faltstod/pin.json");
}

TEST_CASE("unset, empty or relative XDG folders fall back to the home folder") {
    ScopedEnv home("HOME", "/home/socialsekreterare");
    {
        ScopedEnv data("XDG_DATA_HOME", nullptr);
        ScopedEnv config("XDG_CONFIG_HOME", "");
        CHECK(app::data_dir() == "/home/socialsekreterare/.local/share/faltstod");
        CHECK(app::config_dir() == "/home/socialsekreterare/.config/faltstod");
    }
    // The spec says relative values are invalid: a relative path would follow the working folder.
    ScopedEnv data("XDG_DATA_HOME", "relative/data");
    CHECK(app::data_dir() == "/home/socialsekreterare/.local/share/faltstod");
}
