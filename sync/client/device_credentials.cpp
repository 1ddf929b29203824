// Reading and writing the device's credentials file; see device_credentials.hpp.
#include "device_credentials.hpp"

#include "private_file.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace faltstod::sync {

namespace fs = std::filesystem;

std::optional<DeviceCredentials> load_credentials(const fs::path& file) {
    if (!fs::exists(file)) return std::nullopt;
    std::ifstream in(file);
    if (!in) throw std::runtime_error("cannot read " + file.string());
    try {
        const auto data = nlohmann::json::parse(in);
        DeviceCredentials c;
        c.server_url = data.at("server_url").get<std::string>();
        c.device_id = data.at("device_id").get<std::string>();
        c.token = data.at("token").get<std::string>();
        c.role = data.value("role", "reader");
        if (data.contains("county") && data.at("county").is_string()) c.county = data.at("county").get<std::string>();
        c.insecure = data.value("insecure", false);
        c.ca_pem = data.value("ca_pem", "");
        c.content_key = data.value("content_key", "");
        return c;
    } catch (const nlohmann::json::exception&) {
        throw std::runtime_error(file.string() + " is damaged; enroll the device again");
    }
}

void save_credentials(const fs::path& file, const DeviceCredentials& c) {
    const nlohmann::json data = {{"server_url", c.server_url}, {"device_id", c.device_id}, {"token", c.token},
                                 {"role", c.role}, {"county", c.county ? nlohmann::json(*c.county) : nlohmann::json(nullptr)},
                                 {"insecure", c.insecure}, {"ca_pem", c.ca_pem}, {"content_key", c.content_key}};
    write_private_file(file, data.dump(2) + "\n");
}

bool erase_credentials(const fs::path& file) { return erase_private_file(file); }

}  // namespace faltstod::sync
