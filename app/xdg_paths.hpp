// Where the kiosk keeps its files: under the XDG base folders, never the working directory.
#pragma once

#include <filesystem>

namespace faltstod::app {

// $XDG_DATA_HOME/faltstod (default ~/.local/share/faltstod): the replica, the token.
std::filesystem::path data_dir();
// $XDG_CONFIG_HOME/faltstod (default ~/.config/faltstod): settings.
std::filesystem::path config_dir();
std::filesystem::path default_replica_path();
// Where exports for a person go (the Statistik screen's CSV): $XDG_DOCUMENTS_DIR when set to an
// absolute path, else ~/Documents when it exists, else the home folder.
std::filesystem::path documents_dir();
// The content bundle shipped with the program (<prefix>/share/faltstod/content), or the
// source tree's assets/content when running from a build folder.
std::filesystem::path bundled_content_dir();

}  // namespace faltstod::app
