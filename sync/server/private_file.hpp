// The server's files are readable and writable by its own user only (mode 0600), whatever the
// umask of whoever started it: the database holds device token hashes and consultation logs.
#pragma once

#include <string>

namespace faltstod::server {

// Makes `path` a file of mode 0600: creates it empty when it is missing (SQLite then opens it as
// a new database and gives its -wal and -shm files the same mode), and tightens it, and its
// -wal and -shm files, when they exist with more. Throws std::runtime_error when it cannot.
void make_private_file(const std::string& path);

}  // namespace faltstod::server
