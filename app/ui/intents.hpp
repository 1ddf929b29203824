// What a screen asks for while it draws. A screen reads the session and the person's state and
// changes only what the person has in front of them (PersonState, navigation, ImGui); anything
// that writes a file, starts background work, reads device.json or talks to the sync engine it
// asks for with an intent, and KioskUi::apply carries the intents out once the frame is drawn.
// So one place does effects, and what a screen may do can be read off this list.
#pragma once

#include <string>
#include <variant>

namespace faltstod::ui {

// The PIN jobs Settings offers (hashing is slow on purpose, so each runs in the background).
enum class PinJobKind { Set, Remove, Quit };

namespace intent {
struct ToggleFavourite {
    std::string article_id;
};
struct SaveSettings {};  // the settings file, written by the writer's thread
struct SyncNow {};
struct SetSyncInterval {
    int minutes = 15;
};
struct ReadDevice {};  // device.json again: an enrollment made on the command line shows
struct Enroll {
    std::string server, code;
};
struct FetchStats {};  // for the filters in PersonState
struct ExportStatsCsv {};
struct SaveLog {};  // the form in PersonState, if it passes its checks
struct DiscardRejected {
    std::string record_id;
};
struct StartPinJob {
    PinJobKind kind = PinJobKind::Set;
};
struct CheckPin {
    std::string attempt;  // taken out of the field: the screen keeps no copy
};
}  // namespace intent

using Intent = std::variant<intent::ToggleFavourite, intent::SaveSettings, intent::SyncNow, intent::SetSyncInterval, intent::ReadDevice,
                            intent::Enroll, intent::FetchStats, intent::ExportStatsCsv, intent::SaveLog, intent::DiscardRejected,
                            intent::StartPinJob, intent::CheckPin>;

}  // namespace faltstod::ui
