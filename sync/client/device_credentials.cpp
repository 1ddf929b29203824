// Reading and writing the device's credentials file; see device_credentials.hpp.
#include "device_credentials.hpp"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

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
        return c;
    } catch (const nlohmann::json::exception&) {
        throw std::runtime_error(file.string() + " is damaged; enroll the device again");
    }
}

void save_credentials(const fs::path& file, const DeviceCredentials& c) {
    fs::create_directories(fs::absolute(file).parent_path());  // a relative "device.json" has an empty parent
    const nlohmann::json data = {{"server_url", c.server_url}, {"device_id", c.device_id}, {"token", c.token},
                                 {"role", c.role}, {"county", c.county ? nlohmann::json(*c.county) : nlohmann::json(nullptr)}};
    const std::string text = data.dump(2) + "\n";
    const fs::path temporary = file.string() + ".tmp";
    // Created with 0600 from the start: the token is never readable by others, not even briefly.
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) throw std::runtime_error("cannot write " + temporary.string());
    const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!written) throw std::runtime_error("cannot write " + temporary.string());
    fs::rename(temporary, file);
}

bool erase_credentials(const fs::path& file) {
    if (!fs::exists(file)) return false;
    {
        // Overwrite first, so the token is not left in the freed blocks of a plain unlink.
        const auto size = fs::file_size(file);
        std::ofstream out(file, std::ios::binary | std::ios::in);
        out << std::string(size, '\0');
    }
    return fs::remove(file);
}

}  // namespace faltstod::sync
