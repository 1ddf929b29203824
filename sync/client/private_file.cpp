// Writing and erasing files only this user may read; see private_file.hpp.
#include "private_file.hpp"

#include <fcntl.h>
#include <fstream>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace faltstod::sync {

namespace fs = std::filesystem;

void write_private_file(const fs::path& file, const std::string& text) {
    fs::create_directories(fs::absolute(file).parent_path());  // a relative "device.json" has an empty parent
    const fs::path temporary = file.string() + ".tmp";
    // Created with 0600 from the start: never readable by others, not even briefly. fchmod as
    // well, since open() applies the umask and a file left by a crash keeps its old mode.
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) throw std::runtime_error("cannot write " + temporary.string());
    const bool written = ::fchmod(fd, 0600) == 0 && ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                         ::fsync(fd) == 0;
    ::close(fd);
    if (!written) {
        std::error_code ignored;
        fs::remove(temporary, ignored);
        throw std::runtime_error("cannot write " + temporary.string());
    }
    fs::rename(temporary, file);
}

bool erase_private_file(const fs::path& file) {
    if (!fs::exists(file)) return false;
    {
        // Overwrite first, so the secret is not left in the freed blocks of a plain unlink.
        const auto size = fs::file_size(file);
        std::ofstream out(file, std::ios::binary | std::ios::in);
        out << std::string(size, '\0');
    }
    return fs::remove(file);
}

}  // namespace faltstod::sync
