// See inbox.hpp.
#include "inbox.hpp"

namespace faltstod::app {

struct Inbox::Reply::Ticket {
    std::shared_ptr<Shared> shared;
    bool posted = false;

    // Counted out once, whether posted or dropped; the wake comes before, so that an inbox
    // waiting for its work also waits for the last wake (the window may be gone after it).
    void settle() {
        std::lock_guard lock(shared->mutex);
        --shared->out;
        shared->changed.notify_all();
    }
    ~Ticket() {
        if (!posted) settle();
    }
};

Inbox::Inbox(std::function<void()> wake) : shared_(std::make_shared<Shared>()) { shared_->wake = std::move(wake); }

Inbox::~Inbox() {
    // Messages left undrained are dropped: they would change screens that are being destroyed.
    std::unique_lock lock(shared_->mutex);
    shared_->changed.wait(lock, [&] { return shared_->out == 0; });
    shared_->messages.clear();
}

Inbox::Reply Inbox::expect_reply() {
    {
        std::lock_guard lock(shared_->mutex);
        ++shared_->out;
    }
    Reply reply;
    reply.ticket_ = std::make_shared<Reply::Ticket>();
    reply.ticket_->shared = shared_;
    return reply;
}

void Inbox::Reply::operator()(std::function<void()> message) {
    Shared& shared = *ticket_->shared;
    {
        std::lock_guard lock(shared.mutex);
        shared.messages.push_back(std::move(message));
    }
    if (shared.wake) shared.wake();
    if (!std::exchange(ticket_->posted, true)) ticket_->settle();
}

std::size_t Inbox::drain() {
    std::deque<std::function<void()>> messages;
    {
        std::lock_guard lock(shared_->mutex);
        messages.swap(shared_->messages);
    }
    // Run outside the lock: a message may start more work, which posts here.
    std::size_t ran = 0;
    while (!messages.empty()) {
        auto message = std::move(messages.front());
        messages.pop_front();
        ++ran;
        message();
    }
    return ran;
}

bool Inbox::busy() const {
    std::lock_guard lock(shared_->mutex);
    return shared_->out > 0;
}

void Inbox::wait_idle() {
    {
        std::unique_lock lock(shared_->mutex);
        shared_->changed.wait(lock, [&] { return shared_->out == 0; });
    }
    drain();
}

}  // namespace faltstod::app
