// Files that only this user may read (mode 0600 from the moment they exist, whatever the
// umask), written atomically: a temporary file, fsync, then rename. For the device's secrets
// and anything that names the device.
#pragma once

#include <filesystem>
#include <string>

namespace faltstod::sync {

// Throws std::runtime_error when the file cannot be written; the old file then stays as it was.
void write_private_file(const std::filesystem::path& file, const std::string& text);

// Overwrites the file with zeros, then removes it; true when there was one.
bool erase_private_file(const std::filesystem::path& file);

}  // namespace faltstod::sync
