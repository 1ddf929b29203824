// GLFW window, OpenGL 3 context and ImGui backends; see kiosk_window.hpp.
#include "kiosk_window.hpp"

#include "ui_theme.hpp"

#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#define GLFW_INCLUDE_NONE
#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <stb_image_write.h>

#include <mutex>
#include <vector>

namespace faltstod::ui {

namespace {
std::string g_glfw_error;
// wake() may come from any thread, also while the window is being closed: it posts only while
// GLFW is initialised (the destructor clears the flag under the lock before glfwTerminate).
std::mutex g_wake_mutex;
bool g_window_alive = false;
void remember_glfw_error(int, const char* description) { g_glfw_error = description ? description : "unknown error"; }
}  // namespace

KioskWindow::KioskWindow(const WindowOptions& options) {
    glfwSetErrorCallback(remember_glfw_error);
    if (!glfwInit())
        throw NoDisplayError("no display (" + g_glfw_error +
                             "). Run the kiosk on a desktop, under `xvfb-run faltstod`, or use the command line: `faltstod --help`.");
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
    GLFWmonitor* monitor = options.fullscreen ? glfwGetPrimaryMonitor() : nullptr;
    int width = options.width, height = options.height;
    if (monitor) {
        const GLFWvidmode* mode = glfwGetVideoMode(monitor);
        width = mode->width;
        height = mode->height;
    }
    window_ = glfwCreateWindow(width, height, options.title.c_str(), monitor, nullptr);
    title_ = options.title;
    if (!window_) {
        glfwTerminate();
        throw NoDisplayError("could not open an OpenGL 3 window (" + g_glfw_error + ").");
    }
    glfwMakeContextCurrent(window_);
    glfwSwapInterval(1);
    {
        const std::lock_guard lock(g_wake_mutex);
        g_window_alive = true;
    }
    float xscale = 1, yscale = 1;
    glfwGetWindowContentScale(window_, &xscale, &yscale);
    dpi_scale_ = std::max(1.0f, std::max(xscale, yscale));

    // Our callbacks go in before ImGui's backend, which keeps and calls them from its own.
    glfwSetWindowUserPointer(window_, this);
    glfwSetKeyCallback(window_, &KioskWindow::on_key);
    glfwSetWindowCloseCallback(window_, &KioskWindow::on_close);
    glfwSetWindowContentScaleCallback(window_, &KioskWindow::on_content_scale);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // nothing about what was open is written to disk
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    ImGui_ImplGlfw_InitForOpenGL(window_, true);
    ImGui_ImplOpenGL3_Init("#version 130");
}

KioskWindow::~KioskWindow() {
    {
        const std::lock_guard lock(g_wake_mutex);
        g_window_alive = false;
    }
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window_);
    glfwTerminate();
}

void KioskWindow::on_key(GLFWwindow* window, int key, int, int action, int) {
    auto* self = static_cast<KioskWindow*>(glfwGetWindowUserPointer(window));
    if (self && action == GLFW_PRESS && (key == GLFW_KEY_LEFT_SHIFT || key == GLFW_KEY_RIGHT_SHIFT))
        self->shift_presses_.push_back(std::chrono::steady_clock::now());
}

void KioskWindow::on_close(GLFWwindow* window) {
    auto* self = static_cast<KioskWindow*>(glfwGetWindowUserPointer(window));
    if (self && !self->close_allowed_) {
        glfwSetWindowShouldClose(window, GLFW_FALSE);
        self->close_refused_ = true;
    }
}

void KioskWindow::on_content_scale(GLFWwindow* window, float xscale, float yscale) {
    auto* self = static_cast<KioskWindow*>(glfwGetWindowUserPointer(window));
    if (!self) return;
    const float scale = std::max(1.0f, std::max(xscale, yscale));
    if (scale != self->dpi_scale_) {
        self->dpi_scale_ = scale;
        self->scale_changed_ = true;
    }
}

std::vector<std::chrono::steady_clock::time_point> KioskWindow::take_shift_presses() { return std::exchange(shift_presses_, {}); }

bool KioskWindow::should_close() const { return glfwWindowShouldClose(window_); }
void KioskWindow::request_close() { glfwSetWindowShouldClose(window_, GLFW_TRUE); }
void KioskWindow::wait_events(double seconds) { glfwWaitEventsTimeout(seconds); }

void KioskWindow::wake() {
    const std::lock_guard lock(g_wake_mutex);
    if (g_window_alive) glfwPostEmptyEvent();
}

void KioskWindow::apply_style(app::Theme theme, int text_size_percent) {
    const float scale = dpi_scale_ * static_cast<float>(text_size_percent) / 100.0f;
    apply_theme(theme, scale);
    load_fonts(scale);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
}

void KioskWindow::frame(const std::function<void(ImVec2)>& draw, const std::function<void(ImGuiIO&)>& input,
                        const std::filesystem::path& screenshot) {
    glfwPollEvents();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    if (input) input(ImGui::GetIO());
    ImGui::NewFrame();
    int width = 0, height = 0;
    glfwGetFramebufferSize(window_, &width, &height);
    draw(ImGui::GetIO().DisplaySize);
    ImGui::Render();
    glViewport(0, 0, width, height);
    const ImVec4 background = ImGui::GetStyleColorVec4(ImGuiCol_WindowBg);
    glClearColor(background.x, background.y, background.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (!screenshot.empty()) write_framebuffer_png(screenshot, width, height);
    glfwSwapBuffers(window_);
}

void write_framebuffer_png(const std::filesystem::path& file, int width, int height) {
    std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    // OpenGL's first row is the bottom one; PNG's is the top one.
    const int stride = width * 4;
    stbi_flip_vertically_on_write(1);
    if (!stbi_write_png(file.c_str(), width, height, 4, pixels.data(), stride))
        throw std::runtime_error("could not write " + file.string());
    stbi_flip_vertically_on_write(0);
}

void KioskWindow::set_title(const std::string& title) {
    if (title == title_) return;
    title_ = title;
    glfwSetWindowTitle(window_, title_.c_str());
}

}  // namespace faltstod::ui
