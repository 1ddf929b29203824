// Drives the real kiosk window in tests: a GLFW window with an OpenGL 3 context (under Xvfb in
// CI), the real KioskUi over a real replica, and input simulated at ImGui's IO level after the
// platform backend has run — a click is a pointer move, a press and a release over the rectangle
// where the text was drawn, exactly as a person's would be.
#pragma once

#include "bundle_loader.hpp"
#include "content_store.hpp"
#include "i18n.hpp"
#include "kiosk_ui.hpp"
#include "kiosk_window.hpp"
#include "local_writer.hpp"
#include "replica_schema.hpp"
#include "support/temp_dir.hpp"
#include "ui_kit.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <memory>
#include <GLFW/glfw3.h>

#include <chrono>
#include <memory>
#include <thread>
#include <string>

namespace faltstod::test {

class KioskDriver {
public:
    // `kiosk_home_after`: kiosk mode's idle return, an hour unless a test is about it (slow PIN
    // hashing in a sanitizer build once took longer than a short one, and the idle return
    // cleared what the test waited for).
    explicit KioskDriver(int width = 1280, int height = 800, const std::string& language = "sv", bool kiosk_mode = false,
                         std::chrono::seconds kiosk_home_after = std::chrono::hours(1))
        : db_(make_replica(dir_.path() / "replica.db")),
          window_(ui::WindowOptions{width, height, false, "Fältstöd test"}),
          writer_((dir_.path() / "replica.db").string()) {
        app::init_translations(FALTSTOD_BUILD_LOCALEDIR, language);
        app::KioskSettings settings;
        settings.language = language;
        settings.pin_offer_answered = true;  // the first start's offer only in the tests about it (offer_pin_at_start)
        window_.apply_style(settings.theme, settings.text_size_percent);
        settings_ = settings;
        auto& environment = environment_;
        environment.db = &db_;
        environment.writer = &writer_;
        environment.engine_settings.credentials_path = dir_.path() / "device.json";
        environment.settings_path = dir_.path() / "settings.json";
        environment.pin_path = dir_.path() / "pin.json";
        environment.kiosk_mode = kiosk_mode;
        environment.kiosk_home_after = kiosk_home_after;
        environment.wake = [wakes = wakes_] { ++*wakes; };  // counted: the window would draw at once
        ui_ = std::make_unique<ui::KioskUi>(environment, settings);
        window_.set_close_allowed(ui_->window_close_allowed());  // as run_kiosk does, every frame
        ui::ShownLog::set_recording(true);
        frames(3);
    }
    ~KioskDriver() { ui::ShownLog::set_recording(false); }

    // How often background work has woken the window so far (KioskEnvironment::wake).
    int wakes() const { return wakes_->load(); }

    static sqlite::Database make_replica(const std::filesystem::path& path) {
        auto db = replica::open_replica(path.string());
        auto loaded = content::load_bundle(FALTSTOD_SOURCE_DIR "/assets/content");
        REQUIRE(loaded.ok());
        replica::replace_all_content(db, loaded.bundle);
        return db;
    }

    void frames(int count) {
        for (int i = 0; i < count; ++i) {
            window_.set_close_allowed(ui_->window_close_allowed());  // as run_kiosk's loop does
            window_.frame(
                [this](ImVec2 size) {
                    ui_->note_shift_presses(window_.take_shift_presses());  // as the program's loop does
                    ui_->draw(size);
                },
                [this](ImGuiIO& io) { apply_input(io); });
            window_.set_title(ui_->window_title());  // as run_kiosk's loop does, after the frame
            if (ui_->take_style_change() || window_.take_scale_changed())
                window_.apply_style(ui_->settings().theme, ui_->settings().text_size_percent);
        }
    }

    // The first clickable item of the last frame whose text contains `text`; fails the test when none.
    // With `exact`, the whole text must be `text` (a drop-down's "Välj län" beside an error's "Välj län.").
    ui::ShownItem find(const std::string& text, bool clickable = true, bool exact = false) const {
        for (const auto& item : ui::ShownLog::last_frame())
            if ((!clickable || item.clickable) && (exact ? item.text == text : item.text.find(text) != std::string::npos)) return item;
        FAIL("nothing " << (clickable ? "clickable " : "") << "showing '" << text << "'; shown: " << shown_summary());
        return {};
    }

    bool shows_clickable(const std::string& text, bool exact) const {
        for (const auto& item : ui::ShownLog::last_frame())
            if (item.clickable && (exact ? item.text == text : item.text.find(text) != std::string::npos)) return true;
        return false;
    }

    bool shows(const std::string& text) const {
        for (const auto& item : ui::ShownLog::last_frame())
            if (item.text.find(text) != std::string::npos) return true;
        return false;
    }

    std::size_t count_shown(const std::string& text) const {
        std::size_t n = 0;
        for (const auto& item : ui::ShownLog::last_frame()) n += item.text.find(text) != std::string::npos;
        return n;
    }

    std::string shown_summary() const {
        std::string all;
        for (const auto& item : ui::ShownLog::last_frame()) all += "[" + item.text.substr(0, 40) + "] ";
        return all;
    }

    void click(const std::string& text, bool exact = false) {
        // In a narrow window (or at large text) the tabs are behind the "☰" menu: open it
        // first, as a person would.
        if (!shows_clickable(text, exact) && shows_clickable("☰", false)) {
            click("☰");
            frames(1);
        }
        auto item = find(text, true, exact);
        const ImVec2 display = ImGui::GetIO().DisplaySize;
        // Below the window's edge, or under a footer: scroll the screen with the wheel, as a
        // person would.
        const auto bottom = [&] { return std::min(display.y, item.visible_max.y); };
        const auto top = [&] { return std::max(0.0f, item.visible_min.y); };
        // The wheel over the window that holds the item (an open drop-down list scrolls itself).
        const auto over_its_window = [&] {
            const float x = (std::max(0.0f, item.visible_min.x) + std::min(display.x, item.visible_max.x)) / 2;
            const float y = (std::max(0.0f, item.visible_min.y) + std::min(display.y, item.visible_max.y)) / 2;
            return ImVec2(x, y);
        };
        for (int i = 0; i < 40 && item.max.y > bottom(); ++i) {
            mouse_ = over_its_window();
            scroll(-2);
            item = find(text, true, exact);
        }
        for (int i = 0; i < 40 && item.min.y < top(); ++i) {
            mouse_ = over_its_window();
            scroll(2);
            item = find(text, true, exact);
        }
        mouse_ = ImVec2((item.min.x + item.max.x) / 2, (item.min.y + item.max.y) / 2);
        REQUIRE_MESSAGE((mouse_.x >= 0 && mouse_.y >= 0 && mouse_.x < display.x && mouse_.y < display.y),
                        "'" << text << "' is drawn outside the window (scrolled away)");
        frames(1);  // hover
        mouse_down_ = true;
        frames(1);
        mouse_down_ = false;
        frames(3);  // release: buttons fire here; then let the new screen lay out
    }

    // A press and release where the pointer is (point_at first).
    void click_here() {
        frames(1);
        mouse_down_ = true;
        frames(1);
        mouse_down_ = false;
        frames(3);
    }

    void type(const std::string& utf8) {
        pending_text_ = utf8;
        frames(3);
    }

    void press(int glfw_key, bool ctrl = false) {
        key_ = glfw_key;
        ctrl_ = ctrl;
        frames(1);
        key_ = -1;
        ctrl_ = false;
        frames(3);
    }

    // A Shift key press as GLFW delivers it: through the key callback chain that ImGui's backend
    // installed over the window's own (the same path a real key takes).
    void press_shift() {
        GLFWwindow* handle = window_.handle();
        const GLFWkeyfun installed = glfwSetKeyCallback(handle, nullptr);
        glfwSetKeyCallback(handle, installed);
        REQUIRE(static_cast<bool>(installed));
        installed(handle, GLFW_KEY_LEFT_SHIFT, 0, GLFW_PRESS, GLFW_MOD_SHIFT);
        installed(handle, GLFW_KEY_LEFT_SHIFT, 0, GLFW_RELEASE, 0);  // released before the next frame
    }

    // Frames until the kiosk's background PIN and save work is done and shown.
    void settle() {
        ui_->finish_background_work();
        frames(3);
    }

    // A window-manager close request (Alt+F4, the title bar's ×), through GLFW's close callback.
    bool close_from_window_manager() {
        GLFWwindow* handle = window_.handle();
        const GLFWwindowclosefun installed = glfwSetWindowCloseCallback(handle, nullptr);
        glfwSetWindowCloseCallback(handle, installed);
        REQUIRE(static_cast<bool>(installed));
        glfwSetWindowShouldClose(handle, GLFW_TRUE);
        installed(handle);
        if (window_.take_close_refused()) ui_->close_refused();
        frames(1);
        return window_.should_close();
    }

    ui::KioskWindow& window() { return window_; }

    // The program started again on the same replica and files (what a restart reads at start).
    // The text size chosen in Settings, from the next start on.
    void set_text_size(int percent) {
        settings_.text_size_percent = percent;
        window_.apply_style(settings_.theme, percent);
        restart_ui();
    }

    // A first start with no PIN: Home offers one.
    void offer_pin_at_start() {
        settings_.pin_offer_answered = false;
        restart_ui();
    }

    void restart_ui() {
        ui_ = std::make_unique<ui::KioskUi>(environment_, settings_);
        frames(3);
    }

    // A fixed clock from now on (the program started again with it): screens that say "open
    // now" or "closes in" draw the same in two runs a minute apart.
    void use_fixed_clock(std::chrono::sys_seconds now) {
        environment_.fixed_now = now;
        restart_ui();
    }

    void scroll(float wheel) {
        wheel_ = wheel;
        frames(1);
        wheel_ = 0;
        frames(2);
    }

    void point_at(ImVec2 position) {
        mouse_ = position;
        frames(1);
    }

    // Enrolls this kiosk with `code` at `server_url` and starts the window again without a sync
    // engine, as `faltstod --no-sync` does on an enrolled laptop.
    void enroll_and_restart_offline(const std::string& server_url, const std::string& code, bool insecure) {
        sync::EngineSettings settings;
        settings.replica_path = dir_.path() / "replica.db";
        settings.credentials_path = dir_.path() / "device.json";
        REQUIRE_FALSE(sync::enroll_device(settings, server_url, code, "GUI-test", insecure));
        ui_ = std::make_unique<ui::KioskUi>(environment_, settings_);
        frames(3);
    }

    // Starts a real sync engine on this kiosk's replica, enrolled with `code` at `server_url`.
    void attach_engine(const std::string& server_url, const std::string& code, bool insecure = false) {
        sync::EngineSettings settings;
        settings.replica_path = dir_.path() / "replica.db";
        settings.credentials_path = dir_.path() / "device.json";
        settings.backoff_min = std::chrono::milliseconds(100);
        REQUIRE_FALSE(sync::enroll_device(settings, server_url, code, "GUI-test", insecure));
        engine_ = std::make_unique<sync::SyncEngine>(settings);
        engine_->start();
        ui_->set_engine(engine_.get());
    }

    // Draws frames until `text` is shown or `seconds` pass; says what was shown instead.
    bool wait_until_shown(const std::string& text, double seconds = 20) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
        while (std::chrono::steady_clock::now() < deadline) {
            frames(1);
            if (shows(text)) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        MESSAGE("never shown: '" << text << "'; shown: " << shown_summary()
                                 << (engine_ ? "; engine: " + sync::to_log_text(engine_->status().last_error) : std::string()));
        return false;
    }

    ui::KioskUi& ui() { return *ui_; }
    sqlite::Database& db() { return db_; }
    app::LocalWriter& writer() { return writer_; }
    const std::filesystem::path& dir() const { return dir_.path(); }

private:
    void apply_input(ImGuiIO& io) {
        io.MousePos = mouse_;
        io.MouseDown[0] = mouse_down_;
        io.MouseWheel += wheel_;
        if (!pending_text_.empty()) {
            io.AddInputCharactersUTF8(pending_text_.c_str());
            pending_text_.clear();
        }
        io.KeyCtrl = ctrl_;
        for (int key : {GLFW_KEY_ESCAPE, GLFW_KEY_F, GLFW_KEY_ENTER, GLFW_KEY_A}) io.KeysDown[key] = key == key_;
    }

    TempDir dir_;
    sqlite::Database db_;
    ui::KioskWindow window_;
    app::LocalWriter writer_;
    std::unique_ptr<sync::SyncEngine> engine_;  // declared before ui_, so the UI that reads it goes first
    std::unique_ptr<ui::KioskUi> ui_;
    ui::KioskEnvironment environment_;
    std::shared_ptr<std::atomic<int>> wakes_ = std::make_shared<std::atomic<int>>(0);
    app::KioskSettings settings_;
    ImVec2 mouse_{-1, -1};
    bool mouse_down_ = false;
    bool ctrl_ = false;
    int key_ = -1;
    float wheel_ = 0;
    std::string pending_text_;
};

}  // namespace faltstod::test
