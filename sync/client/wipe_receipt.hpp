// After obeying a wipe order, the device tells the server it is done, so that an administrator
// sees "wiped at …" instead of "wipe ordered" for ever. The receipt names the device and carries
// the SHA-256 of the token it erased: the server keeps the same hash, so it can tell the receipt
// came from the device that held the token, while the hash itself opens nothing (the server
// hashes what it is given). It is kept in a file next to where the credentials were until the
// server has it: sent at once, again at every sync attempt, and with the next enrollment.
#pragma once

#include "device_credentials.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>

namespace faltstod::sync {

struct WipeReceipt {
    std::string server_url;
    bool insecure = false;
    std::string ca_pem;
    std::string device_id;
    std::string proof;  // SHA-256 (hex) of the erased token
};

WipeReceipt make_wipe_receipt(const DeviceCredentials& erased);
// The body of POST /v1/wipe-receipt, and of "wiped_device" in POST /v1/enroll.
nlohmann::json receipt_body(const WipeReceipt& receipt);

// The receipt file beside the credentials file.
std::filesystem::path wipe_receipt_path(const std::filesystem::path& credentials_path);
void save_wipe_receipt(const std::filesystem::path& file, const WipeReceipt& receipt);
// nullopt when there is none, or when it is damaged (then it is removed: nothing can be done with it).
std::optional<WipeReceipt> load_wipe_receipt(const std::filesystem::path& file);
void erase_wipe_receipt(const std::filesystem::path& file);

}  // namespace faltstod::sync
