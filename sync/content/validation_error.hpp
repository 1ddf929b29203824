// A problem found in the content bundle, located so an editor can fix it.
#pragma once

#include <string>

namespace faltstod::content {

struct ValidationError {
    std::string file;  // path relative to the bundle root, e.g. "contacts/skane.json"
    int line = 0;      // 1-based; 0 when the problem is the file as a whole
    std::string message;

    // "contacts/skane.json:42: hours.weekly[0].open: '25:00' is not a time (HH:MM)"
    std::string to_string() const {
        return line > 0 ? file + ":" + std::to_string(line) + ": " + message : file + ": " + message;
    }
};

}  // namespace faltstod::content
