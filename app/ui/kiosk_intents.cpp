// KioskUi::apply: what the screens asked for while drawing (intents.hpp), carried out after the
// frame. Everything here may write, start background work or call the engine; a screen may not.
#include "kiosk_ui.hpp"

#include <type_traits>

namespace faltstod::ui {

void KioskUi::apply(Intent wanted) {
    std::visit(
        [this](auto&& asked) {
            using Asked = std::decay_t<decltype(asked)>;
            if constexpr (std::is_same_v<Asked, intent::ToggleFavourite>) {
                toggle_favourite(asked.article_id);
            } else if constexpr (std::is_same_v<Asked, intent::SaveSettings>) {
                // Written whole, atomically, by the writer's thread; the latest settings win.
                if (env_.settings_path.empty()) return;
                env_.writer->post([path = env_.settings_path, copy = session_.settings](sqlite::Database&) { app::save_settings(path, copy); });
            } else if constexpr (std::is_same_v<Asked, intent::SyncNow>) {
                if (env_.engine) env_.engine->sync_now();
            } else if constexpr (std::is_same_v<Asked, intent::SetSyncInterval>) {
                if (env_.engine) env_.engine->set_interval(std::chrono::minutes(asked.minutes));
            } else if constexpr (std::is_same_v<Asked, intent::ReadDevice>) {
                read_device();
            } else if constexpr (std::is_same_v<Asked, intent::Enroll>) {
                enroll(std::move(asked.server), std::move(asked.code));
            } else if constexpr (std::is_same_v<Asked, intent::FetchStats>) {
                fetch_stats();
            } else if constexpr (std::is_same_v<Asked, intent::ExportStatsCsv>) {
                export_stats_csv();
            } else if constexpr (std::is_same_v<Asked, intent::SaveLog>) {
                save_log();
            } else if constexpr (std::is_same_v<Asked, intent::DiscardRejected>) {
                env_.writer->post([id = std::move(asked.record_id)](sqlite::Database& db) { sync::discard_quarantined(db, id); });
            } else if constexpr (std::is_same_v<Asked, intent::StartPinJob>) {
                start_pin_job(asked.kind);
            } else if constexpr (std::is_same_v<Asked, intent::CheckPin>) {
                check_pin(std::move(asked.attempt));
            } else {
                static_assert(!sizeof(Asked), "every intent is carried out");
            }
        },
        std::move(wanted));
}

}  // namespace faltstod::ui
