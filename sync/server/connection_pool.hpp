// SQLite connections for the HTTP worker threads: one connection per request at a time, reused
// afterwards. Connections are made on demand, so the pool grows to the number of concurrent
// requests (bounded by the HTTP thread pool) and never blocks a request waiting for another.
//
// Thread safety: acquire() and the Lease destructor may be called from any thread.
#pragma once

#include "sqlite_db.hpp"

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace faltstod::server {

class ConnectionPool {
public:
    explicit ConnectionPool(std::string path) : path_(std::move(path)) {}

    class Lease {
    public:
        Lease(ConnectionPool& pool, std::unique_ptr<sqlite::Database> db) : pool_(pool), db_(std::move(db)) {}
        ~Lease() {
            if (db_) pool_.give_back(std::move(db_));
        }
        Lease(Lease&& other) noexcept : pool_(other.pool_), db_(std::move(other.db_)) {}
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        Lease& operator=(Lease&&) = delete;
        sqlite::Database& operator*() { return *db_; }
        sqlite::Database* operator->() { return db_.get(); }

    private:
        ConnectionPool& pool_;
        std::unique_ptr<sqlite::Database> db_;
    };

    Lease acquire();

private:
    void give_back(std::unique_ptr<sqlite::Database> db);
    std::string path_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<sqlite::Database>> idle_;
};

}  // namespace faltstod::server
