// The wipe receipt file; see wipe_receipt.hpp.
#include "wipe_receipt.hpp"

#include "content_signature.hpp"
#include "private_file.hpp"

#include <fstream>

namespace faltstod::sync {

namespace fs = std::filesystem;

WipeReceipt make_wipe_receipt(const DeviceCredentials& erased) {
    return {erased.server_url, erased.insecure, erased.ca_pem, erased.device_id, protocol::sha256_hex_of(erased.token)};
}

nlohmann::json receipt_body(const WipeReceipt& receipt) { return {{"device_id", receipt.device_id}, {"proof", receipt.proof}}; }

fs::path wipe_receipt_path(const fs::path& credentials_path) { return credentials_path.parent_path() / "wipe-receipt.json"; }

void save_wipe_receipt(const fs::path& file, const WipeReceipt& r) {
    const nlohmann::json data = {{"server_url", r.server_url}, {"insecure", r.insecure}, {"ca_pem", r.ca_pem},
                                 {"device_id", r.device_id}, {"proof", r.proof}};
    write_private_file(file, data.dump(2) + "\n");
}

std::optional<WipeReceipt> load_wipe_receipt(const fs::path& file) {
    if (!fs::exists(file)) return std::nullopt;
    try {
        std::ifstream in(file);
        const auto data = nlohmann::json::parse(in);
        return WipeReceipt{data.at("server_url").get<std::string>(), data.value("insecure", false), data.value("ca_pem", ""),
                           data.at("device_id").get<std::string>(), data.at("proof").get<std::string>()};
    } catch (const nlohmann::json::exception&) {
        erase_private_file(file);
        return std::nullopt;
    }
}

void erase_wipe_receipt(const fs::path& file) { erase_private_file(file); }

}  // namespace faltstod::sync
