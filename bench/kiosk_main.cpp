// faltstod-bench-kiosk: the kiosk window's start, frame time and memory, under Xvfb.
//   faltstod-bench-kiosk empty --frames 200
//       the reference: the same KioskWindow (GLFW + OpenGL 3 + ImGui) drawing an empty frame
//   faltstod-bench-kiosk kiosk --db replica.db [--screen contacts] [--open-after 30] --frames 200
//       the real KioskUi over a replica, opened as run_kiosk does (translations, replica,
//       window and fonts, background writer, UI), without the sync engine. With --open-after N
//       the kiosk starts on Home, draws N frames there, then opens the screen as a tap on its
//       tab does, and times that frame: the first frame of the screen, without the start's
//       one-off work (fonts, shaders) in it.
// Cold start is from main() to the end of the first frame (glfwSwapBuffers included). Frame CPU
// time is the draw callback: the UI code and its ImGui calls, between NewFrame and Render.
// Prints one JSON line, with the milliseconds since main() at which each step of the start ended.
#include "bench_stats.hpp"
#include "i18n.hpp"
#include "kiosk_settings.hpp"
#include "kiosk_ui.hpp"
#include "kiosk_window.hpp"
#include "local_writer.hpp"
#include "navigation.hpp"
#include "content_store.hpp"
#include "replica_queries.hpp"
#include "replica_schema.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>
#include <optional>

namespace {

long current_rss_kib() {
    std::ifstream status("/proc/self/status");
    std::string key;
    long value = 0;
    while (status >> key) {
        if (key == "VmRSS:") {
            status >> value;
            return value;
        }
        status.ignore(4096, '\n');
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const faltstod::bench::Stopwatch since_main;
    CLI::App app{"Kiosk window start, frame time and memory"};
    app.require_subcommand(1);
    std::string db_path, screen = "home";
    int frames = 200, open_after = 0;
    auto* empty = app.add_subcommand("empty", "An empty ImGui window (the reference)");
    auto* kiosk = app.add_subcommand("kiosk", "The real kiosk UI over a replica");
    kiosk->add_option("--db", db_path)->required()->check(CLI::ExistingFile);
    kiosk->add_option("--screen", screen, "home, contacts, guidance, …")->capture_default_str();
    kiosk->add_option("--open-after", open_after, "frames on Home before the screen is opened (0: start on it)")
        ->capture_default_str()
        ->check(CLI::Range(0, 10000));
    for (auto* sub : {empty, kiosk}) sub->add_option("--frames", frames)->capture_default_str()->check(CLI::Range(1, 10000));
    CLI11_PARSE(app, argc, argv);

    namespace ui = faltstod::ui;
    try {
        std::vector<double> draw_ms, frame_ms;
        double first_frame_ms = 0;
        nlohmann::json extra = nlohmann::json::object();
        // Before the timed frames: `open_screen` (when set) runs after `open_after` frames, and
        // the frame that follows it is timed on its own.
        std::function<void()> open_screen;
        const auto run_frames = [&](ui::KioskWindow& window, const std::function<void(ImVec2)>& draw) {
            const auto timed_draw = [&](ImVec2 size) {
                const faltstod::bench::Stopwatch clock;
                draw(size);
                draw_ms.push_back(clock.ms());
            };
            window.frame(timed_draw);
            first_frame_ms = since_main.ms();
            if (open_screen) {
                for (int i = 1; i < open_after; ++i) window.frame(timed_draw);
                open_screen();
                draw_ms.clear();
                const faltstod::bench::Stopwatch clock;
                window.frame(timed_draw);
                extra["screen_frame_ms"] = clock.ms();
                extra["screen_frame_cpu_ms"] = draw_ms.at(0);
                extra["home_frames_before"] = open_after;
            }
            draw_ms.clear();  // the first frame loads what the screen shows; it is in the start time
            for (int i = 0; i < frames; ++i) {
                const faltstod::bench::Stopwatch clock;
                window.frame(timed_draw);
                frame_ms.push_back(clock.ms());
            }
        };
        if (*empty) {
            ui::KioskWindow window(ui::WindowOptions{1280, 800, false, "Fältstöd bench"});
            extra["window_ms"] = since_main.ms();
            run_frames(window, [](ImVec2) {});
        } else {
            faltstod::app::KioskSettings settings;
            faltstod::app::init_translations(FALTSTOD_BUILD_LOCALEDIR, settings.language);
            auto db = faltstod::replica::open_replica(db_path);
            extra["replica_open_ms"] = since_main.ms();
            ui::KioskWindow window(ui::WindowOptions{1280, 800, false, "Fältstöd bench"});
            extra["window_ms"] = since_main.ms();
            window.apply_style(settings.theme, settings.text_size_percent);
            extra["fonts_ms"] = since_main.ms();
            faltstod::app::LocalWriter writer(db_path);
            ui::KioskEnvironment environment;
            environment.db = &db;
            environment.writer = &writer;
            ui::KioskUi kiosk_ui(environment, settings);
            extra["ui_ms"] = since_main.ms();
            const auto target = faltstod::app::screen_from_name(screen);
            if (!target) throw std::invalid_argument("unknown screen " + screen);
            if (open_after > 0)
                open_screen = [&] { kiosk_ui.navigator().switch_tab(faltstod::app::tab_of(*target)); };
            else
                kiosk_ui.navigator().switch_tab(faltstod::app::tab_of(*target));
            run_frames(window, [&](ImVec2 size) {
                kiosk_ui.note_shift_presses(window.take_shift_presses());
                kiosk_ui.draw(size);
            });
            kiosk_ui.finish_background_work();
            writer.flush();
            // Counted, not loaded: loading every contact here, after the frames and before the RSS
            // is read, put the bench's own allocations into the kiosk's "RSS after the frames".
            extra["contacts"] = faltstod::replica::count_content(db).contacts;
        }
        using faltstod::bench::percentile;
        nlohmann::json out = {{"mode", *empty ? "empty" : "kiosk"},
                              {"screen", *empty ? "" : screen},
                              {"first_frame_ms", first_frame_ms},
                              {"frames", frames},
                              {"frame_cpu_p50_ms", percentile(draw_ms, 50)},
                              {"frame_cpu_p99_ms", percentile(draw_ms, 99)},
                              {"frame_cpu_max_ms", percentile(draw_ms, 100)},
                              {"frame_wall_p50_ms", percentile(frame_ms, 50)},
                              {"frame_wall_p99_ms", percentile(frame_ms, 99)},
                              {"rss_kib", current_rss_kib()},
                              {"peak_rss_kib", faltstod::bench::peak_rss_kib()}};
        out.update(extra);
        std::cout << out.dump() << "\n";
    } catch (const std::exception& e) {
        std::cerr << "faltstod-bench-kiosk: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
