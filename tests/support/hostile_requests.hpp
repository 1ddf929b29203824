// The attacks of issue 17 ("the server must survive any client"), as data a test can run against
// any endpoint: the server directly, or nginx in front of it. Each sends its flood over a raw
// connection and reports what came back. None needs a token.
//
//  - a chunked POST of 150 MiB, a POST of 150 MiB with no length (ended by closing the sending
//    side), a 150 KiB gzip body that inflates to 150 MiB, a 256 MiB request line, 64 MiB of
//    header lines: each pushed the server from ~11 MB to 0.5-1.1 GB before the fix;
//  - SlowClients: sockets that send one byte of a request every few seconds (12 of them, one
//    byte every 4 s, left /healthz unanswered for 20 s before the fix).
#pragma once

#include "support/raw_connection.hpp"

#include <zlib.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <thread>
#include <string>
#include <vector>

namespace faltstod::test {

struct AttackOutcome {
    int status = 0;            // the answer's status, 0 for none
    std::uint64_t bytes_sent = 0;  // what the other side took before it answered or closed
    std::string answer;
};

struct Attack {
    std::string name;
    std::function<AttackOutcome(Endpoint)> run;
};

constexpr std::uint64_t kMiB = 1024 * 1024;

// `size` bytes of spaces, gzip-compressed (a valid JSON body once inflated: whitespace).
inline const std::string& gzip_bomb(std::uint64_t size) {
    static std::string compressed;
    if (!compressed.empty()) return compressed;
    z_stream z{};
    REQUIRE(deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) == Z_OK);
    const std::string block(kMiB, ' ');
    std::string out(64 * 1024, '\0');
    for (std::uint64_t done = 0; done < size; done += block.size()) {
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(block.data()));
        z.avail_in = static_cast<uInt>(block.size());
        const int flush = done + block.size() >= size ? Z_FINISH : Z_NO_FLUSH;
        do {
            z.next_out = reinterpret_cast<Bytef*>(out.data());
            z.avail_out = static_cast<uInt>(out.size());
            deflate(&z, flush);
            compressed.append(out.data(), out.size() - z.avail_out);
        } while (z.avail_out == 0);
    }
    deflateEnd(&z);
    return compressed;
}

// Sends `head`, then `pattern` up to `total` bytes, then `tail`; reads the answer.
inline AttackOutcome flood(Endpoint endpoint, const std::string& head, const std::string& pattern, std::uint64_t total,
                           const std::string& tail, bool close_sending_side = false) {
    RawConnection connection(endpoint);
    AttackOutcome outcome;
    if (connection.send(head) && connection.send_repeated(pattern, total) == total) connection.send(tail);
    if (close_sending_side) connection.finish_sending();
    outcome.bytes_sent = connection.sent();
    outcome.answer = connection.receive(std::chrono::seconds(30), true);
    outcome.status = status_of(outcome.answer);
    return outcome;
}

inline std::vector<Attack> byte_floods() {
    const std::string post = "POST /v1/enroll HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
    return {
        {"a chunked POST of 150 MiB",
         [post](Endpoint e) {
             const std::string chunk = "100000\r\n" + std::string(kMiB, ' ') + "\r\n";
             return flood(e, post + "Transfer-Encoding: chunked\r\n\r\n", chunk, 150 * chunk.size(), "0\r\n\r\n");
         }},
        {"a POST of 150 MiB with no length",
         [post](Endpoint e) { return flood(e, post + "\r\n", std::string(kMiB, ' '), 150 * kMiB, "", true); }},
        {"a gzip body of 150 KiB that inflates to 150 MiB",
         [post](Endpoint e) {
             const auto& body = gzip_bomb(150 * kMiB);
             return flood(e, post + "Content-Encoding: gzip\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body,
                          "", 0, "");
         }},
        {"a request line of 256 MiB",
         [](Endpoint e) {
             return flood(e, "GET /healthz?", std::string(kMiB, 'a'), 256 * kMiB, " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
         }},
        {"64 MiB of header lines",
         [](Endpoint e) {
             return flood(e, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n", "X-Filler: " + std::string(1000, 'a') + "\r\n",
                          64 * kMiB, "\r\n");
         }},
    };
}

// `count` connections that each send one byte of a never-ending request every `interval`,
// while the caller keeps asking /healthz. Tracks when the other side gave up on each.
class SlowClients {
public:
    SlowClients(Endpoint endpoint, int count) {
        for (int i = 0; i < count; ++i) connections_.push_back(std::make_unique<RawConnection>(endpoint));
        closed_at_.assign(static_cast<std::size_t>(count), -1);
        start_ = std::chrono::steady_clock::now();
    }

    // One more byte on every connection still open.
    void trickle() {
        const std::string request = "POST /v1/enroll HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + std::string(4096, 'a');
        for (std::size_t i = 0; i < connections_.size(); ++i) {
            if (closed_at_[i] >= 0) continue;
            if (connections_[i]->answered_or_closed(std::chrono::milliseconds(0)) ||
                !connections_[i]->send(std::string(1, request[position_ % request.size()])))
                closed_at_[i] = elapsed();
        }
        ++position_;
    }

    // Notes which connections the other side answered or closed since the last look.
    void look() {
        for (std::size_t i = 0; i < connections_.size(); ++i)
            if (closed_at_[i] < 0 && connections_[i]->answered_or_closed(std::chrono::milliseconds(0))) closed_at_[i] = elapsed();
    }

    double elapsed() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count(); }
    // Seconds after the start at which each connection was answered or closed (-1: still open).
    const std::vector<double>& closed_at() const { return closed_at_; }

private:
    std::vector<std::unique_ptr<RawConnection>> connections_;
    std::vector<double> closed_at_;
    std::size_t position_ = 0;
    std::chrono::steady_clock::time_point start_;
};

// What /healthz did while slow clients trickled: its slowest answer, how many were not 200.
struct HealthUnderSlowClients {
    double slowest = 0;
    int failures = 0;
    int asked = 0;
};

// For 8.5 s: one byte on every slow client each 4 s, and /healthz asked on a new connection
// every 200 ms. The byte every 4 s would never trip a timeout per read, only a deadline for the
// whole request.
inline HealthUnderSlowClients ask_health_while_trickling(Endpoint endpoint, SlowClients& slow) {
    HealthUnderSlowClients health;
    double next_byte = 0;
    while (slow.elapsed() < 8.5) {
        if (slow.elapsed() >= next_byte) {
            slow.trickle();
            next_byte += 4;
        }
        const auto answer = ask_health(endpoint);
        ++health.asked;
        if (answer.status != 200) ++health.failures;
        health.slowest = std::max(health.slowest, answer.seconds);
        slow.look();
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return health;
}

// Asks /healthz every 200 ms on a new connection until stopped; keeps the slowest answer.
class HealthWatch {
public:
    explicit HealthWatch(Endpoint endpoint)
        : thread_([this, endpoint] {
              while (!stop_) {
                  const auto answer = ask_health(endpoint);
                  if (answer.status != 200) ++failures_;
                  slowest_ = std::max(slowest_.load(), answer.seconds);
                  ++asked_;
                  std::this_thread::sleep_for(std::chrono::milliseconds(200));
              }
          }) {}
    ~HealthWatch() { finish(); }
    void finish() {
        stop_ = true;
        if (thread_.joinable()) thread_.join();
    }
    int failures() const { return failures_; }
    int asked() const { return asked_; }
    double slowest() const { return slowest_; }

private:
    std::atomic<bool> stop_{false};
    std::atomic<int> failures_{0}, asked_{0};
    std::atomic<double> slowest_{0};
    std::thread thread_;
};

}  // namespace faltstod::test
