// The kiosk's run loop and screenshot mode; see kiosk_app.hpp.
#include "kiosk_app.hpp"

#include "bundle_loader.hpp"
#include "content_store.hpp"
#include "i18n.hpp"
#include "kiosk_ui.hpp"
#include "kiosk_window.hpp"
#include "local_writer.hpp"
#include "pin_store.hpp"
#include "replica_schema.hpp"
#include "ui_kit.hpp"

#include <cfloat>
#include <iostream>
#include <memory>

namespace faltstod::ui {

namespace {

// A first start without a network still has everything: the content shipped with the program.
void fill_empty_replica(sqlite::Database& db, const std::filesystem::path& bundle) {
    if (replica::count_content(db).guidance > 0 || bundle.empty() || !std::filesystem::exists(bundle)) return;
    auto loaded = content::load_bundle(bundle.string());
    if (!loaded.ok()) {
        std::cerr << "faltstod: the bundled content in " << bundle << " has " << loaded.errors.size() << " problem(s); starting empty\n";
        return;
    }
    replica::replace_all_content(db, loaded.bundle);
}

std::unique_ptr<sync::SyncEngine> start_engine(const KioskOptions& options, const app::KioskSettings& settings) {
    if (!options.sync) return nullptr;
    try {
        if (!sync::load_credentials(options.engine.credentials_path)) return nullptr;
    } catch (const std::exception& e) {
        std::cerr << "faltstod: " << e.what() << "\n";
        return nullptr;
    }
    auto engine_settings = options.engine;
    engine_settings.interval = std::chrono::minutes(settings.sync_interval_minutes);
    auto engine = std::make_unique<sync::SyncEngine>(engine_settings);
    engine->start();
    return engine;
}

// Puts the UI on the screen a screenshot asks for.
void navigate_for_screenshot(KioskUi& ui, const KioskOptions& options) {
    if (options.screen == "quick-exit") {  // the neutral view, for the documentation
        ui.quick_exit();
        return;
    }
    if (options.screen == "log-problems") {  // the log form after a refused save (--search: the note)
        ui.show_log_problems(options.search);
        return;
    }
    if (options.screen == "show-to-person") {  // "Visa för den du möter" for the line --item names
        if (!ui.show_line_to_person(options.item)) throw std::invalid_argument("no support line '" + options.item + "' (--item line/…)");
        return;
    }
    const auto screen = app::screen_from_name(options.screen);
    if (!screen) throw std::invalid_argument("unknown screen '" + options.screen + "'");
    ui.navigator().switch_tab(app::tab_of(*screen));
    if (app::tab_of(*screen) != *screen) {
        if (options.item.empty()) throw std::invalid_argument("screen '" + options.screen + "' needs --item <id>");
        ui.navigator().open(app::Route{*screen, options.item});
    }
    ui.search_text() = options.search;
}

}  // namespace

int run_kiosk(const KioskOptions& options) {
    auto settings = options.settings_path.empty() ? app::KioskSettings{} : app::load_settings(options.settings_path);
    if (options.language) settings.language = *options.language;
    app::init_translations(app::default_locale_dir(), settings.language);

    auto db = replica::open_replica(options.replica_path);
    fill_empty_replica(db, options.bundled_content);
    const bool screenshot = !options.screenshot.empty();

    if (options.kiosk && !screenshot && !app::load_pin(options.pin_path)) {
        std::cerr << "faltstod: --kiosk needs a PIN, or nobody could ever quit it. Set one first: `faltstod pin set`.\n";
        return 2;
    }
    KioskWindow window(WindowOptions{options.width, options.height, options.kiosk && !screenshot, "Fältstöd"});
    window.set_close_allowed(!options.kiosk);
    window.apply_style(settings.theme, settings.text_size_percent);
    app::LocalWriter writer(options.replica_path);
    auto engine = screenshot ? nullptr : start_engine(options, settings);

    KioskEnvironment environment;
    environment.db = &db;
    environment.writer = &writer;
    environment.engine = engine.get();
    environment.engine_settings = options.engine;
    environment.settings_path = screenshot ? std::filesystem::path() : options.settings_path;
    environment.pin_path = screenshot ? std::filesystem::path() : options.pin_path;
    environment.kiosk_mode = options.kiosk && !screenshot;
    environment.wake = &KioskWindow::wake;
    KioskUi ui(environment, settings);
    const auto draw = [&ui, &window](ImVec2 size) {
        ui.note_shift_presses(window.take_shift_presses());
        ui.draw(size);
    };

    if (screenshot) {
        navigate_for_screenshot(ui, options);
        // A few frames first: ImGui sizes some things (tables, wrapped text) from the frame before.
        // The pointer is kept off the window so no row is drawn hovered.
        const auto no_pointer = [](ImGuiIO& io) { io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX); };
        for (int i = 0; i < 2; ++i) window.frame(draw, no_pointer);
        ui.finish_background_work();  // e.g. the statistics request the first frame started
        for (int i = 0; i < 3; ++i) window.frame(draw, no_pointer);
        window.frame(draw, no_pointer, options.screenshot);
        std::cout << "Wrote " << options.screenshot.string() << " (" << options.screen << ", " << options.width << "×" << options.height
                  << ", " << settings.language << ")\n";
        return 0;
    }

    while (!window.should_close()) {
        window.set_close_allowed(ui.window_close_allowed());  // the PIN first when it hides the content
        window.frame(draw);
        window.set_title(ui.window_title());  // after the frame: a quick exit in it renames the window at once
        if (window.take_close_refused()) ui.close_refused();
        if (ui.take_quit_request()) window.request_close();
        if (ui.take_style_change() || window.take_scale_changed())
            window.apply_style(ui.settings().theme, ui.settings().text_size_percent);
        if (ui.take_enrolled()) {
            if (!engine) {
                engine = start_engine(options, ui.settings());
                ui.set_engine(engine.get());
            } else {
                ui.set_engine(engine.get());  // enrolled again after a revoke: the engine reads the new token
                engine->sync_now();
            }
        }
        // Redraw at least twice a second (open-now, sync state); at once on any input.
        window.wait_events(0.5);
    }
    if (engine) engine->stop();
    ui.finish_background_work();
    writer.flush();
    return 0;
}

}  // namespace faltstod::ui
