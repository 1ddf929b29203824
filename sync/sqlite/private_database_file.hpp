// Database files readable and writable by their own user only (mode 0600), whatever the umask
// of whoever started the program: the server's database holds device token hashes and
// consultation logs, the kiosk's replica holds logs not yet sent.
#pragma once

#include <string>

namespace faltstod::sqlite {

// Makes `path` a file of mode 0600: creates it empty when it is missing (SQLite then opens it as
// a new database and gives its -wal and -shm files the same mode), and tightens it, and its
// -wal and -shm files, when they exist with more. Throws std::runtime_error when it cannot.
void make_private_database_file(const std::string& path);

}  // namespace faltstod::sqlite
