// faltstod-bench-load: the reference for the first sync — the same rows loaded into an empty
// SQLite file from a local file, in one transaction, with no network and no server.
//   faltstod-bench-load prepare --server-db server.db --rows-out rows.json
//       writes the published rows (what /v1/snapshot sends, read from the server database
//       after `faltstod-server publish`) as a file in the snapshot's format:
//       {"cursor": 1, "count": N, "rows": [{table, key, data}, …]}
//   faltstod-bench-load replica --rows rows.json --db new.db
//       a fresh replica (schema, FTS5, triggers) filled by the sync engine's own
//       apply_snapshot_file: the kiosk's cost of storing the rows, without the network
//   faltstod-bench-load raw --rows rows.json --db new.db
//       the floor: one table (table, key, data JSON text), rows parsed one at a time
// Prints one JSON line: rows, milliseconds, peak RSS.
#include "bench_stats.hpp"
#include "replica_schema.hpp"
#include "replica_sync.hpp"
#include "sqlite_db.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>

namespace {
using nlohmann::json;
namespace fs = std::filesystem;

int prepare(const std::string& server_db, const std::string& rows_out) {
    faltstod::sqlite::Database db(server_db, faltstod::sqlite::Database::Mode::ReadOnly);
    auto rows = db.prepare("SELECT tbl, key, data FROM content_rows WHERE deleted = 0 ORDER BY seq");
    std::ofstream out(rows_out, std::ios::binary);
    out << "{\"cursor\":1,\"rows\":[";
    std::int64_t count = 0;
    while (rows.step())
        out << (count++ ? "," : "") << "{\"table\":" << json(rows.column_text(0)).dump()
            << ",\"key\":" << json(rows.column_text(1)).dump() << ",\"data\":" << rows.column_text(2) << "}";
    out << "],\"count\":" << count << "}";
    out.close();
    if (!out) return 1;
    std::cout << json{{"rows", count}, {"bytes", fs::file_size(rows_out)}}.dump() << "\n";
    return 0;
}

std::int64_t load_raw(const std::string& rows_file, const std::string& db_path) {
    faltstod::sqlite::Database db(db_path);
    db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
    db.exec("CREATE TABLE content(tbl TEXT NOT NULL, key TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (tbl, key))");
    faltstod::sqlite::Transaction tx(db);
    auto insert = db.prepare("INSERT INTO content(tbl, key, data) VALUES (?1, ?2, ?3)");
    std::int64_t rows = 0;
    std::ifstream in(rows_file, std::ios::binary);
    const json::parser_callback_t on_value = [&](int depth, json::parse_event_t event, json& parsed) {
        if (depth == 2 && event == json::parse_event_t::object_end) {
            insert.bind(1, parsed.at("table").get<std::string>())
                .bind(2, parsed.at("key").get<std::string>())
                .bind(3, parsed.at("data").dump())
                .run();
            insert.reset();
            ++rows;
            return false;
        }
        return true;
    };
    const json top = json::parse(in, on_value);
    if (!top.contains("count") || top.at("count").get<std::int64_t>() != rows) throw std::runtime_error("incomplete rows file");
    tx.commit();
    return rows;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"The local-load reference of the first-sync benchmark"};
    app.require_subcommand(1);
    std::string server_db, rows_file, db_path;
    auto* prep = app.add_subcommand("prepare", "Write the published rows of a server database in the snapshot format");
    prep->add_option("--server-db", server_db)->required()->check(CLI::ExistingFile);
    prep->add_option("--rows-out", rows_file)->required();
    auto* replica = app.add_subcommand("replica", "Load the rows into a new replica with the sync engine's code");
    auto* raw = app.add_subcommand("raw", "Load the rows into a plain table");
    for (auto* sub : {replica, raw}) {
        sub->add_option("--rows", rows_file)->required()->check(CLI::ExistingFile);
        sub->add_option("--db", db_path, "New database file (must not exist)")->required();
    }
    CLI11_PARSE(app, argc, argv);
    try {
        if (*prep) return prepare(server_db, rows_file);
        if (fs::exists(db_path)) throw std::runtime_error(db_path + " exists");
        const faltstod::bench::Stopwatch clock;
        std::int64_t rows = 0;
        if (*replica) {
            auto db = faltstod::replica::open_replica(db_path);
            rows = faltstod::sync::apply_snapshot_file(db, rows_file);
        } else {
            rows = load_raw(rows_file, db_path);
        }
        const double ms = clock.ms();
        std::cout << json{{"mode", *replica ? "replica" : "raw"}, {"rows", rows}, {"ms", ms},
                          {"peak_rss_kib", faltstod::bench::peak_rss_kib()}}
                         .dump()
                  << "\n";
    } catch (const std::exception& e) {
        std::cerr << "faltstod-bench-load: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
