// Work off the UI thread whose result shows at once: the value is set first, then `wake` is
// called (KioskWindow::wake, glfwPostEmptyEvent), so the frame it causes finds the result ready
// instead of waiting for the next redraw (up to half a second). The screens poll the future as
// before; a thread that outlives the window only calls a wake that does nothing then.
#pragma once

#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <thread>
#include <type_traits>

namespace faltstod::ui {

template <class Work>
std::future<std::invoke_result_t<Work>> in_background(Work work, std::function<void()> wake) {
    using Result = std::invoke_result_t<Work>;
    auto promise = std::make_shared<std::promise<Result>>();
    auto result = promise->get_future();
    std::thread([promise, work = std::move(work), wake = std::move(wake)]() mutable {
        try {
            promise->set_value(work());
        } catch (...) {
            promise->set_exception(std::current_exception());
        }
        if (wake) wake();
    }).detach();
    return result;
}

}  // namespace faltstod::ui
