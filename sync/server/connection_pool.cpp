// The connection pool; see connection_pool.hpp.
#include "connection_pool.hpp"

#include "server_schema.hpp"

namespace faltstod::server {

ConnectionPool::Lease ConnectionPool::acquire() {
    {
        std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            auto db = std::move(idle_.back());
            idle_.pop_back();
            return Lease(*this, std::move(db));
        }
    }
    // Opening outside the lock: other threads need not wait for the file to open.
    return Lease(*this, std::make_unique<sqlite::Database>(open_server_db(path_)));
}

void ConnectionPool::give_back(std::unique_ptr<sqlite::Database> db) {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(db));
}

}  // namespace faltstod::server
