// Debian's cpp-httplib 0.11 is a compiled library that listens with a backlog of 5
// (CPPHTTPLIB_LISTEN_BACKLOG, fixed when the library was built). Five connections waiting to be
// accepted is too few for a fleet of laptops coming online together: with the accept loop busy,
// further connections are dropped or reset, which the load test saw as failed enrollments.
#pragma once

#include <sys/socket.h>

namespace faltstod::server {

// Finds this process's listening TCP socket on `port` and calls listen() on it again with
// `backlog` (Linux then uses the new length). Returns false when no such socket was found.
bool raise_listen_backlog(int port, int backlog = SOMAXCONN);

}  // namespace faltstod::server
