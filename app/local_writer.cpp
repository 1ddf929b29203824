// The background writer; see local_writer.hpp.
#include "local_writer.hpp"

#include "replica_schema.hpp"

#include <optional>

namespace faltstod::app {

LocalWriter::LocalWriter(std::string replica_path) : path_(std::move(replica_path)), thread_([this] { run(); }) {}

LocalWriter::~LocalWriter() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    thread_.join();
}

void LocalWriter::post(Job job) {
    {
        std::lock_guard lock(mutex_);
        jobs_.push_back(std::move(job));
    }
    changed_.notify_all();
}

void LocalWriter::flush() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return jobs_.empty() && !busy_; });
}

std::string LocalWriter::last_error() const {
    std::lock_guard lock(mutex_);
    return last_error_;
}

void LocalWriter::run() {
    std::optional<sqlite::Database> db;
    for (;;) {
        Job job;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
            if (jobs_.empty()) return;  // stopping, and the queue is done
            job = std::move(jobs_.front());
            jobs_.pop_front();
            busy_ = true;
        }
        std::string error;
        try {
            if (!db) db.emplace(replica::open_replica(path_));
            job(*db);
        } catch (const std::exception& e) {
            error = e.what();
        }
        {
            std::lock_guard lock(mutex_);
            busy_ = false;
            if (!error.empty()) last_error_ = error;
        }
        changed_.notify_all();
    }
}

}  // namespace faltstod::app
