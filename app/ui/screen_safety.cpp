// Safety in the room: quick exit, the neutral view, unlocking with the PIN, auto-lock and
// kiosk-mode settings. The rules live in app/safety (SafetyState, the PIN store); this file
// only draws them and runs the slow PIN hashing off the UI thread.
#include "i18n.hpp"
#include "kiosk_ui.hpp"
#include "open_now.hpp"
#include "ui_kit.hpp"
#include "ui_theme.hpp"

#include <imgui_internal.h>  // ClearActiveID, ClosePopupToLevel: dropping ImGui's own copies

#include <array>
#include <utility>

namespace faltstod::ui {

using app::tr;

namespace {

using SteadyClock = std::chrono::steady_clock;

std::string wait_text(SteadyClock::time_point until) {
    const auto seconds = std::chrono::ceil<std::chrono::seconds>(until - SteadyClock::now()).count();
    return std::string(tr("För många felaktiga försök. Försök igen om")) + " " + std::to_string(std::max<long long>(seconds, 1)) + " s.";
}

}  // namespace

void KioskUi::note_shift_presses(const std::vector<SteadyClock::time_point>& presses) {
    pending_shifts_.insert(pending_shifts_.end(), presses.begin(), presses.end());
}

void KioskUi::quick_exit() {
    session_.safety.quick_exit();
    forget_what_was_shown();
}

bool KioskUi::take_quit_request() { return std::exchange(quit_requested_, false); }

bool KioskUi::window_close_allowed() const { return !env_.kiosk_mode && (!pin_ || session_.safety.showing_content()); }

std::string KioskUi::window_title() const { return session_.safety.showing_content() ? "Fältstöd" : tr("Klocka"); }

void KioskUi::close_refused() {
    close_refused_at_ = std::chrono::steady_clock::now();
    // Behind the neutral view: the PIN first. (Kiosk mode says how to quit in the header.)
    if (!session_.safety.showing_content()) person_.unlock_message = tr("Ange PIN-koden först.");
}

void KioskUi::count_pin_attempt(bool correct) {
    // The lock screen's count, kept on disk as `faltstod pin` keeps it, so that starting the
    // program again does not start it again. Written here, on the UI thread, on purpose: a
    // write queued for later could be lost by killing the program right after a wrong PIN,
    // which would make that a way round the pause. The file is a few bytes, once per try.
    session_.safety.pin_attempt(correct, SteadyClock::now());
    if (env_.pin_path.empty()) return;
    app::count_pin_attempt(pin_attempts_, correct, std::chrono::system_clock::now());
    try {
        app::save_pin_attempts(app::pin_attempts_path(env_.pin_path), pin_attempts_);
    } catch (const std::exception&) {
        // The count in memory still holds for this run.
    }
}

void KioskUi::finish_background_work() {
    env_.writer->flush();  // a log being saved replies from the writer's thread
    inbox_.wait_idle();
}

bool KioskUi::input_this_frame() const {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.MouseDelta.x != 0 || io.MouseDelta.y != 0 || io.MouseWheel != 0 || io.MouseWheelH != 0) return true;
    for (const bool down : io.MouseDown)
        if (down) return true;
    for (const bool down : io.KeysDown)
        if (down) return true;
    return !io.InputQueueCharacters.empty();
}

void KioskUi::forget_what_was_shown() {
    // Everything a person typed, opened, ticked, chose or scrolled goes, as one value
    // (person_state.hpp); cached content stays (it is the same for everyone). After this, every
    // screen draws as on a fresh start.
    if (!person_.copied.empty()) ImGui::SetClipboardText("");
    person_ = {};
    intents_.clear();  // anything asked for from what was on screen goes with it
    ++fresh_starts_;
    session_.nav.reset();
    // ImGui keeps its own copy of the field being edited and of an open list: drop both.
    ImGui::ClearActiveID();
    if (GImGui->OpenPopupStack.Size > 0) ImGui::ClosePopupToLevel(0, false);
}

void KioskUi::draw_neutral(ImVec2 size) {
    // What any idle screen shows: the time and the date. Nothing names the app or what was open,
    // and the way back is the same after a quick exit and after auto-lock.
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(size);
    ImGui::Begin("##neutral", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    const auto local = hours::to_stockholm(now_);
    const std::string clock = date::format("%H:%M", local);
    const std::string day = date::format("%Y-%m-%d", date::floor<date::days>(local));
    const float column = std::min(size.x - 2 * ImGui::GetStyle().WindowPadding.x, 360 * current_scale());
    const float left = (size.x - column) / 2;
    // The clock, the date and the keypad on one centre line.
    ImGui::PushFont(fonts().display);  // drawn from the font at its size: a scaled-up bitmap was blurry
    ImGui::SetCursorPos(ImVec2((size.x - ImGui::CalcTextSize(clock.c_str()).x) / 2, size.y * 0.18f));
    text(clock, false);
    ImGui::PopFont();
    ImGui::SetCursorPosX((size.x - ImGui::CalcTextSize(day.c_str()).x) / 2);
    text_muted(day, false);
    ImGui::Dummy(ImVec2(0, 24 * current_scale()));

    const auto steady = SteadyClock::now();
    ImGui::SetCursorPosX(left);
    ImGui::BeginGroup();
    if (pin_) {
        draw_pin_pad("unlock", person_.unlock_entry, column);
        if (const auto until = session_.safety.next_attempt_allowed(steady)) person_.unlock_message = wait_text(*until);
        else if (working_.unlock_check) person_.unlock_message = tr("Kontrollerar…");
    } else if (button(tr("Fortsätt##leave"), ImVec2(column, 0))) {
        session_.safety.leave(steady);
    }
    if (!person_.unlock_message.empty()) {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + column);
        text_colored(palette().warning, person_.unlock_message);
        ImGui::PopTextWrapPos();
    }
    ImGui::EndGroup();
    ImGui::End();
}

void KioskUi::draw_pin_pad(const char* id, std::string& entry, float column) {
    // A field for the keyboard and a keypad for touch screens; Enter or OK tries the PIN.
    ImGui::PushID(id);
    const float key = touch_height() * 1.5f;
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float width = key * 3 + spacing * 2;
    const float left = ImGui::GetCursorPosX() + std::max(0.0f, (column - width) / 2);  // centred in the column
    // The field takes the keyboard at once, so digits typed on the lock go in (they went nowhere
    // until the field was clicked); once per showing and after each try, never every frame (that
    // would take a keypad tap's press away from its button).
    const bool focus = !person_.pin_field_focused;
    person_.pin_field_focused = true;
    ImGui::SetCursorPosX(left);
    text_field("##pin", tr("PIN-kod"), entry, true, width, focus);
    bool submit = ImGui::IsItemDeactivated() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false);
    static constexpr std::array<const char*, 12> kKeys = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "←", "0", "OK"};
    for (std::size_t i = 0; i < kKeys.size(); ++i) {
        if (i % 3 != 0) ImGui::SameLine();
        else ImGui::SetCursorPosX(left);
        const std::string label = std::string(kKeys[i]) + "##key-" + std::to_string(i);
        if (!button(label.c_str(), ImVec2(key, key))) continue;
        if (i == 9) {
            if (!entry.empty()) entry.pop_back();
        } else if (i == 11) {
            submit = true;
        } else if (entry.size() < 8) {
            entry += kKeys[i];
        }
    }
    ImGui::PopID();
    if (!submit || working_.unlock_check || entry.empty()) return;
    if (session_.safety.next_attempt_allowed(SteadyClock::now())) return;  // the message says how long
    person_.pin_field_focused = false;  // the next try starts in the field again
    ask(intent::CheckPin{std::exchange(entry, {})});
}

void KioskUi::check_pin(std::string attempt) {
    // A right PIN whose hash was made with fewer iterations is hashed again with today's count.
    if (working_.unlock_check || !pin_) return;
    working_.unlock_check = true;
    struct Checked {
        bool correct = false;
        std::optional<app::PinHash> stored;  // after a right PIN: the hash now on disk, perhaps upgraded
    };
    inbox_.run(
        [stored = *pin_, attempt = std::move(attempt), path = env_.pin_path] {
            Checked checked;
            try {
                checked.correct = app::check_pin_and_upgrade(path, stored, attempt);
            } catch (const std::exception&) {
                checked.correct = app::pin_matches(stored, attempt);  // the upgrade could not be written; the check stands
            }
            if (checked.correct) checked.stored = app::load_pin(path);  // read here, not on the UI thread
            return checked;
        },
        [this](Checked checked) {
            working_.unlock_check = false;
            count_pin_attempt(checked.correct);
            person_.unlock_message = checked.correct ? "" : tr("Fel PIN-kod.");
            if (checked.correct) pin_ = std::move(checked.stored);
        });
}

void KioskUi::start_pin_job(PinJobKind kind) {
    person_.pin_failed = true;
    if (working_.pin_job) return;
    if (pin_ && kind != PinJobKind::Set && person_.current_pin_field.empty()) {
        person_.pin_message = tr("Skriv den nuvarande PIN-koden.");
        return;
    }
    if (kind == PinJobKind::Set) {
        if (pin_ && person_.current_pin_field.empty()) {
            person_.pin_message = tr("Skriv den nuvarande PIN-koden.");
            return;
        }
        if (const char* problem = app::pin_problem(person_.new_pin_field); *problem) {
            person_.pin_message = tr(problem);
            return;
        }
        if (person_.new_pin_field != person_.repeat_pin_field) {
            person_.pin_message = tr("PIN-koderna är inte lika.");
            return;
        }
    }
    if (const auto until = session_.safety.next_attempt_allowed(SteadyClock::now())) {
        person_.pin_message = wait_text(*until);
        return;
    }
    person_.pin_failed = false;
    person_.pin_message = tr("Sparar…");
    // Hashing is slow on purpose (that is what makes a stolen hash useless), so it runs here.
    working_.pin_job = true;
    inbox_.run([kind, stored = pin_, current = std::exchange(person_.current_pin_field, {}),
                fresh = std::exchange(person_.new_pin_field, {}), path = env_.pin_path] {
        PinJobResult result;
        result.kind = kind;
        if (stored && !app::pin_matches(*stored, current)) {
            result.wrong_current = true;
            return result;
        }
        try {
            if (kind == PinJobKind::Set) {
                result.new_hash = app::hash_pin(fresh);
                app::save_pin(path, *result.new_hash);
            } else if (kind == PinJobKind::Remove) {
                app::remove_pin(path);
            }
        } catch (const std::exception& e) {
            result.error = e.what();
        }
        return result;
    }, [this, started = fresh_starts_](PinJobResult result) {
        working_.pin_job = false;
        finish_pin_job(std::move(result));
        if (started != fresh_starts_) {  // started before a fresh start: done, but unsaid
            person_.pin_message.clear();
            person_.pin_failed = false;
        }
    });
    person_.repeat_pin_field.clear();
}

void KioskUi::finish_pin_job(PinJobResult result) {
    person_.pin_failed = true;
    if (result.wrong_current) {
        count_pin_attempt(false);
        person_.pin_message = tr("Fel PIN-kod.");
        return;
    }
    if (pin_) count_pin_attempt(true);  // a right PIN resets the count of wrong ones
    if (!result.error.empty()) {
        person_.pin_message = std::string(tr("PIN-koden kunde inte sparas:")) + " " + result.error;
        return;
    }
    person_.pin_failed = false;
    switch (result.kind) {
        case PinJobKind::Set:
            pin_ = result.new_hash;
            person_.pin_message = tr("PIN-koden är sparad. Den behövs för att öppna appen efter snabbstängning och låsning.");
            break;
        case PinJobKind::Remove:
            pin_.reset();
            person_.pin_message = tr("PIN-koden är borttagen.");
            break;
        case PinJobKind::Quit:
            person_.pin_message.clear();
            quit_requested_ = true;
            break;
    }
}

void KioskUi::draw_pin_offer() {
    // Once, on Home, until a PIN is chosen or the offer is turned down.
    if (pin_ || session_.settings.pin_offer_answered || env_.pin_path.empty()) return;
    heading(tr("Skydda appen med en PIN-kod?"), 2);
    text(tr("Utan PIN-kod kan den som tar datorn efter en snabbstängning eller låsning trycka på Fortsätt och se det du hade framme."));
    if (button(tr("Välj PIN-kod##offer-pin"))) {
        session_.nav.switch_tab(app::Screen::Settings);
        person_.focus_new_pin = true;
    }
    ImGui::SameLine();
    if (button(tr("Inte nu##skip-pin"))) {
        session_.settings.pin_offer_answered = true;
        ask(intent::SaveSettings{});
    }
    ImGui::Separator();
}

void KioskUi::draw_safety_settings() {
    heading(tr("Säkerhet"), 2);
    text_muted(tr("Snabbstäng: tryck på Shift tre gånger inom två sekunder, eller på knappen Snabbstäng uppe till höger. Skärmen töms direkt och det du hade framme försvinner."));
    text_muted(tr("Lås automatiskt när ingen har rört datorn på:"));
    static constexpr std::array<int, 7> kLockAfter = {0, 1, 2, 5, 10, 15, 30};
    float row = 0;
    for (const int minutes : kLockAfter) {
        const std::string label = minutes == 0 ? std::string(tr("Aldrig")) + "##lock-0" : std::to_string(minutes) + " min##lock";
        if (chip(label.c_str(), session_.settings.lock_after_minutes == minutes, row) && session_.settings.lock_after_minutes != minutes) {
            session_.settings.lock_after_minutes = minutes;
            session_.safety.set_idle_lock(std::chrono::minutes(minutes));
            ask(intent::SaveSettings{});
        }
    }
    if (env_.pin_path.empty()) return;

    const float field = std::min(ImGui::GetContentRegionAvail().x, 320 * current_scale());
    if (pin_) {
        text(tr("En PIN-kod är vald. Den behövs för att öppna appen igen."));
        text_field("##current-pin", tr("Nuvarande PIN-kod"), person_.current_pin_field, true, field);
    } else {
        // What quick exit does without a PIN, and what it does not.
        text(tr("Ingen PIN-kod är vald. Snabbstäng och låsningen döljer skärmen direkt, men vem som helst kan sedan trycka på Fortsätt och se appen igen. Med en PIN-kod krävs koden för att öppna den."));
    }
    text_field("##new-pin", tr("Ny PIN-kod (4–8 siffror)"), person_.new_pin_field, true, field, std::exchange(person_.focus_new_pin, false));
    text_field("##repeat-pin", tr("Upprepa den nya PIN-koden"), person_.repeat_pin_field, true, field);
    const bool busy = working_.pin_job;
    if (busy) ImGui::BeginDisabled();
    if (button(pin_ ? tr("Byt PIN-kod##set-pin") : tr("Spara PIN-kod##set-pin"))) ask(intent::StartPinJob{PinJobKind::Set});
    if (pin_ && !env_.kiosk_mode) {
        ImGui::SameLine();
        if (button(tr("Ta bort PIN-kod##remove-pin"))) ask(intent::StartPinJob{PinJobKind::Remove});
    }
    if (env_.kiosk_mode) {
        heading(tr("Kioskläge"), 2);
        text_muted(tr("Appen fyller skärmen, går tillbaka till Hem när ingen använder den och kan bara avslutas med PIN-koden."));
        if (button(tr("Avsluta Fältstöd##quit"))) ask(intent::StartPinJob{PinJobKind::Quit});
    }
    if (busy) ImGui::EndDisabled();
    if (!person_.pin_message.empty()) text_colored(person_.pin_failed ? palette().warning : palette().open, person_.pin_message);
}

}  // namespace faltstod::ui
