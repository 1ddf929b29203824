// The sentence a person reads for a sync, enrollment or statistics problem, in the interface
// language (Swedish, or English through po/en.po). Built from the problem code alone: never
// the server's words or a library's text, which may be in another language, meaningless to a
// social worker, or written by an attacker on the network.
#pragma once

#include "sync_error.hpp"

#include <string>

namespace faltstod::app {

std::string sync_problem_text(const sync::SyncError& error);

// The permanent warning for a device enrolled with --insecure.
const char* insecure_connection_warning();

}  // namespace faltstod::app
