// Files of mode 0600; see private_database_file.hpp.
//
// Never open() a file SQLite may have open in this process: closing any descriptor of a file
// drops every POSIX lock the process holds on it, SQLite's included (a first version of this
// opened the -wal and -shm files on each new pooled connection, and readers then missed
// committed pushes). An existing file is tightened with chmod(), which takes no descriptor; only a
// file that did not exist (O_EXCL) is opened, to create it.
#include "private_database_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace faltstod::sqlite {

namespace {

constexpr mode_t kPrivate = S_IRUSR | S_IWUSR;

void tighten(const std::string& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
        if (errno == ENOENT) return;
        throw std::runtime_error("cannot read the mode of " + path + ": " + std::strerror(errno));
    }
    if ((info.st_mode & 0777) != kPrivate && ::chmod(path.c_str(), kPrivate) != 0)
        throw std::runtime_error("cannot make " + path + " private (mode 0600): " + std::strerror(errno));
}

}  // namespace

void make_private_database_file(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, kPrivate);
    if (fd >= 0) ::close(fd);  // new and empty: nothing in this process holds a lock on it yet
    else if (errno != EEXIST) throw std::runtime_error("cannot create " + path + ": " + std::strerror(errno));
    tighten(path);  // also when a umask took bits off the new file's mode
    tighten(path + "-wal");
    tighten(path + "-shm");
}

}  // namespace faltstod::sqlite
