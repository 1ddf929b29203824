// Writes the kiosk makes on a person's action (a favourite, the settings file) run here, on a
// thread of their own with their own SQLite connection, so no frame ever waits for a write
// transaction or the disk. Jobs run in order; the destructor finishes the queue.
#pragma once

#include "sqlite_db.hpp"

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace faltstod::app {

class LocalWriter {
public:
    using Job = std::function<void(sqlite::Database&)>;

    explicit LocalWriter(std::string replica_path);
    ~LocalWriter();
    LocalWriter(const LocalWriter&) = delete;
    LocalWriter& operator=(const LocalWriter&) = delete;

    void post(Job job);
    // Blocks until every job posted so far has run (tests, shutdown).
    void flush();
    // The last job's failure, if any ("" when all went well); shown in Settings → About.
    std::string last_error() const;

private:
    void run();

    std::string path_;
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<Job> jobs_;
    bool busy_ = false;
    bool stopping_ = false;
    std::string last_error_;
    std::thread thread_;
};

}  // namespace faltstod::app
