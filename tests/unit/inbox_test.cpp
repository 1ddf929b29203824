// The inbox background work reports through: results arrive only when drained, on the
// draining thread, in order; each posted result wakes the window; work still out is known
// and waited for, also when a reply is dropped without being sent.
#include "inbox.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using faltstod::app::Inbox;

TEST_CASE("a background result changes nothing until the frame drains the inbox, on the draining thread") {
    std::atomic<int> wakes{0};
    Inbox inbox([&] { ++wakes; });
    std::promise<void> go;
    auto gate = go.get_future().share();
    std::string shown;
    std::thread::id delivered_on;
    inbox.run([gate] { gate.wait(); return std::string("klar"); },
              [&](std::string result) {
                  shown = result;
                  delivered_on = std::this_thread::get_id();
              });
    CHECK(inbox.busy());
    CHECK(inbox.drain() == 0);  // the work has not finished: nothing to run
    go.set_value();
    // Finished work waits in the inbox: the screen's state is untouched until the drain.
    for (int i = 0; i < 500 && wakes == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    CHECK(wakes == 1);
    CHECK(shown.empty());
    inbox.wait_idle();
    CHECK(shown == "klar");
    CHECK(delivered_on == std::this_thread::get_id());
    CHECK_FALSE(inbox.busy());
}

TEST_CASE("messages are delivered in the order they were posted") {
    Inbox inbox;
    std::vector<int> order;
    auto first = inbox.expect_reply();
    auto second = inbox.expect_reply();
    second([&] { order.push_back(2); });
    first([&] { order.push_back(1); });
    CHECK(inbox.drain() == 2);
    CHECK(order == std::vector<int>{2, 1});
    CHECK_FALSE(inbox.busy());
}

TEST_CASE("a reply dropped without being sent no longer counts as work still out") {
    Inbox inbox;
    {
        auto reply = inbox.expect_reply();
        CHECK(inbox.busy());
    }  // e.g. a writer task that was never run
    CHECK_FALSE(inbox.busy());
    inbox.wait_idle();  // returns instead of waiting for ever
}

TEST_CASE("an exception thrown by background work is thrown again where the inbox is drained") {
    Inbox inbox;
    bool delivered = false;
    inbox.run([]() -> int { throw std::runtime_error("disken är full"); }, [&](int) { delivered = true; });
    CHECK_THROWS_WITH(inbox.wait_idle(), "disken är full");
    CHECK_FALSE(delivered);
}

TEST_CASE("the inbox waits in its destructor for work still running") {
    std::atomic<bool> finished{false};
    {
        Inbox inbox;
        inbox.run(
            [&] {
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
                finished = true;
                return 0;
            },
            [](int) {});
    }
    CHECK(finished);
}
