// Opening-hours sentences; see open_text.hpp.
#include "open_text.hpp"

#include "i18n.hpp"
#include "open_now.hpp"
#include "value_formats.hpp"

namespace faltstod::app {

namespace {

const char* short_day(int iso_index) {
    static constexpr const char* kDays[] = {N_("mån"), N_("tis"), N_("ons"), N_("tors"), N_("fre"), N_("lör"), N_("sön")};
    return tr(kDays[iso_index]);
}

std::string format_with(const char* pattern, const std::string& value) {
    std::string out = pattern;
    if (const auto at = out.find("%s"); at != std::string::npos) out.replace(at, 2, value);
    return out;
}

}  // namespace

OpenText open_text(const content::OpeningHours& hours, std::chrono::sys_seconds now) {
    const auto state = hours::open_state(hours, now);
    if (state.always) return {true, tr("Öppet dygnet runt")};
    if (!state.change_at) return {false, tr("Öppettider okända"), false};
    const auto local = hours::to_stockholm(*state.change_at);
    const auto day = date::floor<date::days>(local);
    const auto today = date::floor<date::days>(hours::to_stockholm(now));
    std::string when = date::format("%H:%M", local);
    // Name the day only when it is not today.
    if (day != today) when = std::string(short_day(static_cast<int>(date::weekday{day}.iso_encoding()) - 1)) + " " + when;
    if (state.open) return {true, format_with(tr("Öppet nu, stänger %s"), when)};
    return {false, format_with(tr("Stängt, öppnar %s"), when)};
}

std::string weekly_summary(const content::OpeningHours& hours) {
    if (hours.always_open) return tr("Dygnet runt");
    if (hours.weekly.empty()) return hours.note.in(current_language());
    // Each weekday's ranges as text, then runs of days with the same text joined.
    std::string per_day[7];
    for (const auto& range : hours.weekly) {
        auto& text = per_day[range.weekday];
        if (!text.empty()) text += ", ";
        text += content::format_time_of_day(range.open) + "–" + content::format_time_of_day(range.close);
    }
    std::string out;
    for (int day = 0; day < 7;) {
        int last = day;
        while (last + 1 < 7 && per_day[last + 1] == per_day[day]) ++last;
        if (!per_day[day].empty()) {
            if (!out.empty()) out += ", ";
            out += short_day(day);
            if (last > day) out += std::string("–") + short_day(last);
            out += " " + per_day[day];
        }
        day = last + 1;
    }
    return out;
}

std::string content_date_text(const std::string& iso_date) { return format_with(tr("Innehåll från %s"), iso_date); }

std::string freshness_text(const std::optional<std::chrono::system_clock::time_point>& last_success,
                           std::chrono::system_clock::time_point now) {
    if (!last_success) return tr("Aldrig synkad – innehållet kommer från installationen");
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(now - *last_success).count();
    if (minutes < 1) return tr("Synkad nyss");
    if (minutes < 60) return format_with(tr("Synkad för %s min sedan"), std::to_string(minutes));
    const auto hours_ago = minutes / 60;
    if (hours_ago < 48) return format_with(tr("Offline – data från %s tim sedan"), std::to_string(hours_ago));
    return format_with(tr("Offline – data från %s dagar sedan"), std::to_string(hours_ago / 24));
}

}  // namespace faltstod::app
