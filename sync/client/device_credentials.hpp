// The device's enrollment: which server it talks to and its secret token, kept in one file in
// the data folder with mode 0600 (readable by the user only). The token never goes to a log.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace faltstod::sync {

struct DeviceCredentials {
    std::string server_url;  // e.g. https://stod.example.se
    std::string device_id;
    std::string token;
    std::string role;
    std::optional<std::string> county;
    // Chosen at enrollment and kept with the address, so the background sync uses them too.
    bool insecure = false;    // plain HTTP across a network was allowed with --insecure
    std::string ca_pem;       // the CA certificates given with --ca-file (PEM), or empty
    std::string content_key;  // the server's Ed25519 public key (base64), pinned at enrollment
};

// nullopt when the file does not exist; throws std::runtime_error when it exists but cannot be
// read or is malformed (a damaged file must not look like "not enrolled" silently).
std::optional<DeviceCredentials> load_credentials(const std::filesystem::path& file);

// Writes atomically (temporary file, then rename) with mode 0600.
void save_credentials(const std::filesystem::path& file, const DeviceCredentials& credentials);

// Overwrites and removes the file; true when there was one.
bool erase_credentials(const std::filesystem::path& file);

}  // namespace faltstod::sync
