// The one way background work reports back to the kiosk's screens. Work runs off the UI thread
// (PIN hashing, enrollment, a statistics request, a log the writer stores); its result arrives
// as a message, and the frame drains all messages at its start, on the UI thread, so a result
// changes what is shown in one place and never while a screen is half drawn. Posting a message
// calls `wake` (KioskWindow::wake: glfwPostEmptyEvent), so the result shows at once instead of
// at the next redraw.
//
// The inbox also knows how much work is still out: `wait_idle` lets tests and screenshots wait
// for it, and the destructor waits too, so no thread outlives the screens that started it
// (its message would otherwise point at a screen that is gone).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <type_traits>
#include <utility>

namespace faltstod::app {

class Inbox {
    struct Shared {
        std::mutex mutex;
        std::condition_variable changed;
        std::deque<std::function<void()>> messages;
        std::size_t out = 0;  // replies promised and not yet posted (or dropped)
        std::function<void()> wake;
    };

public:
    explicit Inbox(std::function<void()> wake = {});
    ~Inbox();
    Inbox(const Inbox&) = delete;
    Inbox& operator=(const Inbox&) = delete;

    // A reply to come, from any thread: calling it posts `message`; it counts as work still out
    // until then. Dropped uncalled (e.g. a writer task that never ran), it stops counting.
    class Reply {
    public:
        void operator()(std::function<void()> message);

    private:
        friend class Inbox;
        struct Ticket;
        std::shared_ptr<Ticket> ticket_;  // shared: a Reply is copied into std::function
    };
    Reply expect_reply();

    // Runs `work` on a thread of its own; its result goes to `deliver` on the UI thread, at the
    // next drain. An exception from `work` is thrown again there, where a std::future's get()
    // used to throw it.
    template <class Work, class Deliver>
    void run(Work work, Deliver deliver) {
        std::thread([reply = expect_reply(), work = std::move(work), deliver = std::move(deliver)]() mutable {
            try {
                reply([deliver = std::move(deliver), result = work()]() mutable { deliver(std::move(result)); });
            } catch (...) {
                reply([error = std::current_exception()] { std::rethrow_exception(error); });
            }
        }).detach();
    }

    // UI thread, once per frame: runs every message posted so far, in the order posted. Returns
    // how many ran.
    std::size_t drain();
    // Whether any reply is still to come.
    bool busy() const;
    // Blocks until no reply is still to come, then drains (tests, screenshots, shutdown).
    void wait_idle();

private:
    std::shared_ptr<Shared> shared_;
};

}  // namespace faltstod::app
