// faltstod-bench-mutate: changes N published rows in a server database through the real
// publisher (server::publish_rows), for the incremental-sync benchmark. Half the changed rows
// are articles (their summary), half contacts (their Swedish description), spread evenly; the
// text of round R is appended, so every round is a real change. Loading a 100k bundle from
// files is slow (see docs/performance.md), so the rows come from the database itself.
//   faltstod-bench-mutate --db server.db --changed 100 --round 1
#include "content_publisher.hpp"
#include "content_rows.hpp"
#include "sqlite_db.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <vector>

int main(int argc, char** argv) {
    CLI::App app{"Change rows in a server database through the publisher"};
    std::string db_path;
    int changed = 100;
    int round = 1;
    app.add_option("--db", db_path)->required()->check(CLI::ExistingFile);
    app.add_option("--changed", changed)->capture_default_str();
    app.add_option("--round", round)->capture_default_str();
    CLI11_PARSE(app, argc, argv);
    try {
        faltstod::sqlite::Database db(db_path, faltstod::sqlite::Database::Mode::ReadWrite);
        std::vector<faltstod::protocol::ContentRow> rows;
        std::vector<std::size_t> articles, contacts;
        {
            auto select = db.prepare("SELECT tbl, key, data FROM content_rows WHERE deleted = 0 ORDER BY seq");
            while (select.step()) {
                rows.push_back({select.column_text(0), select.column_text(1), nlohmann::json::parse(select.column_text(2))});
                if (rows.back().table == "guidance") articles.push_back(rows.size() - 1);
                if (rows.back().table == "contacts") contacts.push_back(rows.size() - 1);
            }
        }
        const std::string note = " Ändrad i omgång " + std::to_string(round) + ".";
        const auto change = [&](const std::vector<std::size_t>& which, int wanted, auto&& edit) {
            if (wanted <= 0 || which.empty()) return;
            const std::size_t stride = std::max<std::size_t>(1, which.size() / static_cast<std::size_t>(wanted));
            for (int i = 0; i < wanted && static_cast<std::size_t>(i) * stride < which.size(); ++i)
                edit(rows[which[static_cast<std::size_t>(i) * stride]].data);
        };
        const int changed_articles = articles.empty() ? 0 : changed / 2;
        change(articles, changed_articles, [&](nlohmann::json& data) { data["summary"] = data["summary"].get<std::string>() + note; });
        change(contacts, changed - changed_articles, [&](nlohmann::json& data) {
            auto& description = data["description"];
            description["sv"] = (description.contains("sv") ? description["sv"].get<std::string>() : std::string()) + note;
        });
        const auto result = faltstod::server::publish_rows(db, rows, faltstod::server::server_cli_actor());
        std::cout << nlohmann::json{{"updated", result.updated}, {"inserted", result.inserted}, {"deleted", result.deleted},
                                    {"last_seq", result.last_seq}}
                         .dump()
                  << "\n";
        return result.updated == changed ? 0 : 1;
    } catch (const std::exception& e) {
        std::cerr << "faltstod-bench-mutate: " << e.what() << "\n";
        return 1;
    }
}
