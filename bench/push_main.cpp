// faltstod-bench-push: server pushes per second. Several clients (keep-alive connections) each
// POST /v1/push batches of anonymous consultation logs to the real server; the server answers
// only after its transaction is on disk (synchronous=FULL), so every answer is a durable write.
// Bounded: stops after --batches batches or --seconds seconds, whichever comes first.
//   faltstod-bench-push --port 8470 --credentials device.json --clients 4 --batches 400
// Prints one JSON line: batches and records per second, latency p50/p90/p99/max, outcomes.
#include "bench_stats.hpp"
#include "device_credentials.hpp"

#include <CLI/CLI.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

namespace {
using nlohmann::json;

std::string uuid_v4(std::mt19937_64& rng) {
    const std::uint64_t high = rng(), low = rng();
    char text[37];
    std::snprintf(text, sizeof text, "%08x-%04x-4%03x-%04x-%012llx", static_cast<unsigned>(high >> 32),
                  static_cast<unsigned>((high >> 16) & 0xffff), static_cast<unsigned>(high & 0x0fff),
                  static_cast<unsigned>(0x8000 | ((low >> 48) & 0x3fff)),
                  static_cast<unsigned long long>(low & 0xffffffffffffull));
    return text;
}

json batch(std::mt19937_64& rng, int size) {
    static const char* topics[] = {"hrv", "barnaktenskap", "tvangsaktenskap", "konsstympning", "bortforande"};
    static const char* channels[] = {"phone", "visit", "digital", "meeting"};
    json records = json::array();
    for (int i = 0; i < size; ++i)
        records.push_back({{"id", uuid_v4(rng)},
                           {"kind", "consultation"},
                           {"data",
                            {{"date", "2026-11-" + std::to_string(10 + static_cast<int>(rng() % 10))},
                             {"county", "05"},
                             {"profession", "skola"},
                             {"topics", {topics[rng() % 5]}},
                             {"age_band", "youth"},
                             {"channel", channels[rng() % 4]},
                             {"outcome", "advice_given"}}}});
    return {{"records", records}};
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Server pushes per second, batches of consultation logs"};
    int port = 0, clients = 4, batches = 400, batch_size = 50, seconds = 60;
    std::string credentials_file;
    app.add_option("--port", port)->required();
    app.add_option("--credentials", credentials_file, "device.json of an enrolled device")->required()->check(CLI::ExistingFile);
    app.add_option("--clients", clients)->capture_default_str()->check(CLI::Range(1, 64));
    app.add_option("--batches", batches, "Total batches (all clients)")->capture_default_str()->check(CLI::Range(1, 100000));
    app.add_option("--batch-size", batch_size)->capture_default_str()->check(CLI::Range(1, 200));
    app.add_option("--seconds", seconds, "Time limit")->capture_default_str()->check(CLI::Range(1, 600));
    CLI11_PARSE(app, argc, argv);
    const auto credentials = faltstod::sync::load_credentials(credentials_file);
    if (!credentials) {
        std::cerr << "cannot read " << credentials_file << "\n";
        return 1;
    }

    std::atomic<int> next_batch{0};
    std::mutex mutex;
    std::vector<double> latencies;
    int applied = 0, other = 0, failed = 0;
    const faltstod::bench::Stopwatch total;
    const double limit_ms = seconds * 1000.0;
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c)
        threads.emplace_back([&, c] {
            std::mt19937_64 rng(std::random_device{}() + static_cast<unsigned>(c));  // fresh ids every run
            httplib::Client client("127.0.0.1", port);
            client.set_keep_alive(true);
            client.set_tcp_nodelay(true);  // as the kiosk's ServerConnection
            const httplib::Headers headers = {{"Authorization", "Bearer " + credentials->token}, {"X-Faltstod-Protocol", "1"}};
            while (next_batch++ < batches && total.ms() < limit_ms) {
                const std::string body = batch(rng, batch_size).dump();
                const faltstod::bench::Stopwatch clock;
                const auto res = client.Post("/v1/push", headers, body, "application/json");
                const double ms = clock.ms();
                int ok = 0, not_ok = 0;
                if (res && res->status == 200) {
                    const auto answer = json::parse(res->body);  // alive for the loop below
                    for (const auto& result : answer.at("results"))
                        (result.at("status") == "applied" ? ok : not_ok)++;
                }
                std::lock_guard lock(mutex);
                if (!res || res->status != 200) ++failed;
                latencies.push_back(ms);
                applied += ok;
                other += not_ok;
            }
        });
    for (auto& thread : threads) thread.join();
    const double seconds_taken = total.ms() / 1000.0;
    const auto done = static_cast<double>(latencies.size());
    std::cout << json{{"clients", clients}, {"batch_size", batch_size}, {"batches", latencies.size()},
                      {"seconds", seconds_taken}, {"batches_per_s", done / seconds_taken},
                      {"records_per_s", applied / seconds_taken}, {"applied", applied}, {"not_applied", other},
                      {"failed_requests", failed}, {"p50_ms", faltstod::bench::percentile(latencies, 50)},
                      {"p90_ms", faltstod::bench::percentile(latencies, 90)},
                      {"p99_ms", faltstod::bench::percentile(latencies, 99)},
                      {"max_ms", faltstod::bench::percentile(latencies, 100)}}
                     .dump()
              << "\n";
    return failed == 0 && other == 0 ? 0 : 1;
}
