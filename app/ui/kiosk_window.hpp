// The kiosk's window: GLFW + OpenGL 3 + Dear ImGui's backends. One frame at a time, so the
// program's loop, the screenshot mode and the GUI tests all drive the same real window.
#pragma once

#include "kiosk_settings.hpp"

#include <imgui.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

struct GLFWwindow;

namespace faltstod::ui {

struct WindowOptions {
    int width = 1280;
    int height = 800;
    bool fullscreen = false;
    std::string title = "Fältstöd";
};

// Thrown when there is no display or no OpenGL 3 context; the message says what to do.
struct NoDisplayError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class KioskWindow {
public:
    explicit KioskWindow(const WindowOptions& options);
    ~KioskWindow();
    KioskWindow(const KioskWindow&) = delete;
    KioskWindow& operator=(const KioskWindow&) = delete;

    bool should_close() const;
    void request_close();
    // Waits up to `seconds` for input (keeps an idle laptop's CPU and battery quiet).
    void wait_events(double seconds);
    // Ends a wait_events() at once; callable from any thread (background work with a result).
    static void wake();

    // Fonts and colours for a theme and text size, scaled by the screen's DPI.
    void apply_style(app::Theme theme, int text_size_percent);

    // Renders one frame with `draw`. `input` runs after the platform backend has read the real
    // mouse and keyboard, so tests can replace them. With `screenshot`, the frame is also
    // written there as a PNG.
    void frame(const std::function<void(ImVec2 size)>& draw, const std::function<void(ImGuiIO&)>& input = {},
               const std::filesystem::path& screenshot = {});

    // The title bar's and the task bar's text; set only when it changes.
    void set_title(const std::string& title);
    const std::string& title() const { return title_; }

    float dpi_scale() const { return dpi_scale_; }
    GLFWwindow* handle() const { return window_; }

    // Every Shift press since the last call, with when it happened. They are taken from GLFW's
    // key events as they arrive, not from the key state once a frame, so a tap shorter than a
    // frame still counts towards quick exit.
    std::vector<std::chrono::steady_clock::time_point> take_shift_presses();

    // In kiosk mode the window manager's close (Alt+F4, the title bar) is refused; the program
    // quits only through request_close(), which the UI calls after the PIN.
    void set_close_allowed(bool allowed) { close_allowed_ = allowed; }
    // True once when a close was refused since the last call.
    bool take_close_refused() { return std::exchange(close_refused_, false); }
    // True once after the window moved to a screen with another DPI scale: apply_style() again.
    bool take_scale_changed() { return std::exchange(scale_changed_, false); }

private:
    std::string title_;
    static void on_key(GLFWwindow* window, int key, int scancode, int action, int mods);
    static void on_close(GLFWwindow* window);
    static void on_content_scale(GLFWwindow* window, float xscale, float yscale);

    GLFWwindow* window_ = nullptr;
    float dpi_scale_ = 1.0f;
    std::vector<std::chrono::steady_clock::time_point> shift_presses_;
    bool close_allowed_ = true;
    bool close_refused_ = false;
    bool scale_changed_ = false;
};

// Writes the current framebuffer's `width` × `height` pixels as a PNG; throws on failure.
void write_framebuffer_png(const std::filesystem::path& file, int width, int height);

}  // namespace faltstod::ui
