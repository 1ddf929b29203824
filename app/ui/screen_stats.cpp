// Statistics, for editors and admins: the resource centre's consultation counts from the
// server (GET /v1/stats) as bar charts, with a county and period filter, and the same counts as
// a CSV file for reports. Small counts arrive as "< 5" and what would reveal them as "x"
// (sync/server/stats_suppression.hpp): the screen shows those marks, never a number the server
// did not send. The request runs off the UI thread; the screen shows the last answer, or why
// there is none (offline, not allowed).
#include "consultation_form.hpp"
#include "i18n.hpp"
#include "sync_messages.hpp"
#include "kiosk_ui.hpp"
#include "open_now.hpp"
#include "ui_kit.hpp"
#include "ui_theme.hpp"

#include "xdg_paths.hpp"

#include <algorithm>
#include <array>
#include <fstream>

namespace faltstod::ui {

using app::tr;

namespace {

struct Period {
    const char* label;
    int months_back;  // 0: all time
};
constexpr std::array<Period, 4> kPeriods = {{{N_("Senaste 3 månaderna"), 3}, {N_("Senaste 12 månaderna"), 12}, {N_("I år"), -1}, {N_("Allt"), 0}}};

// The label a person reads for a key the server counted by.
std::string label_for(const std::vector<app::FormChoice>& choices, const std::string& key) {
    for (const auto& choice : choices)
        if (key == choice.value) return tr(choice.label);
    return key;
}

// A row of a chart: the label, the count when it is shown, and the text of the count ("12",
// "< 5", "x": small counts never leave the server, protocol/stats_tables.hpp).
struct Bar {
    std::string label;
    std::int64_t count = 0;  // 0 when hidden: no bar is drawn for it
    std::string shown;
};

Bar bar_for(std::string label, const sync::StatsCount& cell, int threshold) {
    return {std::move(label), cell.shown == protocol::CellShown::Exact ? cell.count : 0, protocol::display_count(cell, threshold)};
}

// One horizontal bar per row: the label, a bar in proportion to the largest count, the count.
void draw_bars(const char* id, const std::vector<Bar>& rows) {
    if (rows.empty()) {
        text_muted(tr("Inga konsultationer."));
        return;
    }
    std::int64_t largest = 1;
    float label_width = 0;
    for (const auto& row : rows) {
        largest = std::max(largest, row.count);
        label_width = std::max(label_width, ImGui::CalcTextSize(row.label.c_str()).x);
    }
    const float available = ImGui::GetContentRegionAvail().x;
    label_width = std::min(label_width + 12 * current_scale(), available * 0.45f);
    const float count_width = ImGui::CalcTextSize("000000").x;
    const float bar_room = std::max(40.0f, available - label_width - count_width);
    const float height = ImGui::GetTextLineHeight();
    ImGui::PushID(id);
    for (const auto& row : rows) {
        const ImVec2 start = ImGui::GetCursorScreenPos();
        ImGui::PushClipRect(start, ImVec2(start.x + label_width - 6 * current_scale(), start.y + height), true);
        text(row.label, false);
        ImGui::PopClipRect();
        const float length = bar_room * static_cast<float>(row.count) / static_cast<float>(largest);
        const ImVec2 bar_min(start.x + label_width, start.y + height * 0.15f);
        ImGui::GetWindowDrawList()->AddRectFilled(bar_min, ImVec2(bar_min.x + std::max(length, 2.0f), start.y + height * 0.85f),
                                                  ImGui::ColorConvertFloat4ToU32(palette().accent), 3 * current_scale());
        ImGui::SameLine(label_width + length + 8 * current_scale());
        text(row.shown, false);
    }
    ImGui::PopID();
}

std::vector<Bar> labelled(const std::vector<sync::StatsCount>& counts, const std::vector<app::FormChoice>& choices, int threshold) {
    std::vector<Bar> rows;
    for (const auto& c : counts) rows.push_back(bar_for(label_for(choices, c.key), c, threshold));
    return rows;
}

}  // namespace

void KioskUi::fetch_stats() {
    if (working_.stats_fetch) return;
    person_.stats_wanted = false;
    sync::StatsQuery query;
    if (person_.stats_county_index >= 0) query.county = session_.counties()[static_cast<std::size_t>(person_.stats_county_index)].code;
    const auto months_back = kPeriods[static_cast<std::size_t>(person_.stats_period)].months_back;
    const auto today = date::year_month_day(date::floor<date::days>(hours::to_stockholm(now_)));
    const auto this_month = date::year_month(today.year(), today.month());
    const auto month_text = [](date::year_month month) { return date::format("%Y-%m", date::year_month_day(month / 1)); };
    if (months_back > 0) query.from = month_text(this_month - date::months(months_back - 1));
    if (months_back == -1) query.from = month_text(date::year_month(today.year(), date::January));
    if (months_back != 0) query.to = month_text(this_month);
    working_.stats_fetch = true;
    inbox_.run([settings = env_.engine_settings, query] { return sync::fetch_consultation_stats(settings, query); },
               [this, started = fresh_starts_](sync::StatsAnswer answer) {
                   working_.stats_fetch = false;
                   // Fetched for filters chosen before a fresh start: not what this person asked for.
                   if (started == fresh_starts_) person_.stats = std::move(answer);
               });
}

void KioskUi::draw_stats_filters() {
    std::vector<std::string> names;
    for (const auto& county : session_.counties()) names.push_back(county.name);
    if (session_.device().county) {
        // A county editor sees its own county; the server would refuse any other.
        const auto it = std::find_if(session_.counties().begin(), session_.counties().end(), [&](const auto& c) { return c.code == *session_.device().county; });
        text(std::string(tr("Län:")) + " " + (it != session_.counties().end() ? it->name : *session_.device().county));
    } else {
        ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, 420 * current_scale()));
        if (combo("##stats-county", names, person_.stats_county_index, tr("Alla län"))) person_.stats_wanted = true;
    }
    float row = 0;
    for (std::size_t i = 0; i < kPeriods.size(); ++i) {
        const std::string label = std::string(tr(kPeriods[i].label)) + "##period-" + std::to_string(i);
        if (chip(label.c_str(), person_.stats_period == static_cast<int>(i), row) && person_.stats_period != static_cast<int>(i)) {
            person_.stats_period = static_cast<int>(i);
            person_.stats_wanted = true;
        }
    }
}

void KioskUi::draw_stats() {
    heading(tr("Statistik"), 1);
    text_muted(tr("Konsultationer som loggats i länet, räknade på servern. Bara antal – inga anteckningar och inget om enskilda."));
    draw_stats_filters();
    if (person_.stats_wanted) ask(intent::FetchStats{});
    if (button(tr("Uppdatera##stats-refresh"))) {
        person_.stats_wanted = true;
    }
    if (working_.stats_fetch) {
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        text_muted(tr("Hämtar…"), false);
    }
    if (!person_.stats) return;
    if (person_.stats->error) {
        text_colored(palette().warning, std::string(tr("Statistiken kunde inte hämtas:")) + " " + app::sync_problem_text(person_.stats->error));
        if (person_.stats->error.kind == sync::SyncErrorKind::Network)
            text_muted(tr("Statistiken finns bara på servern. Försök igen när datorn har nät."));
        return;
    }
    const auto& counts = person_.stats->counts;
    const int threshold = counts.threshold;
    ImGui::PushFont(fonts().heading);
    if (counts.total_shown == protocol::CellShown::Small)
        text(app::trn("Färre än %d konsultation", "Färre än %d konsultationer", threshold));
    else if (counts.total_shown == protocol::CellShown::Hidden)
        text(tr("Antalen visas inte för det här urvalet."));
    else
        text(app::trn("%d konsultation", "%d konsultationer", counts.total));
    ImGui::PopFont();
    text_muted(std::string("\"< ") + std::to_string(threshold) + "\" " +
               tr("står för ett litet antal, som inte visas så att ingen kan pekas ut. \"x\" är dolt så att ett sådant antal inte kan räknas fram ur de andra."));

    if (button(tr("Exportera som CSV##stats-csv"))) ask(intent::ExportStatsCsv{});
    if (!person_.stats_export_message.empty())
        text_colored(person_.stats_export_failed ? palette().warning : palette().open, person_.stats_export_message);

    std::vector<Bar> months;
    for (const auto& c : counts.by_month) months.push_back(bar_for(c.key, c, threshold));
    heading(tr("Per månad"), 2);
    draw_bars("months", months);
    heading(tr("Ämnen"), 2);
    text_muted(tr("En konsultation kan gälla flera ämnen."));
    draw_bars("topics", labelled(counts.by_topic, app::topic_choices(), threshold));
    heading(tr("Vem frågade"), 2);
    draw_bars("professions", labelled(counts.by_profession, app::profession_choices(), threshold));
    heading(tr("Utfall"), 2);
    draw_bars("outcomes", labelled(counts.by_outcome, app::outcome_choices(), threshold));
    heading(tr("Ålder på den det gällde"), 2);
    draw_bars("ages", labelled(counts.by_age_band, app::age_band_choices(), threshold));
    heading(tr("Kanal"), 2);
    draw_bars("channels", labelled(counts.by_channel, app::channel_choices(), threshold));
    if (!session_.device().county && person_.stats_county_index < 0) {
        std::vector<Bar> by_county;
        for (const auto& c : counts.by_county) {
            const auto it = std::find_if(session_.counties().begin(), session_.counties().end(), [&](const auto& county) { return county.code == c.key; });
            by_county.push_back(bar_for(it != session_.counties().end() ? it->name : c.key, c, threshold));
        }
        heading(tr("Län"), 2);
        draw_bars("counties", by_county);
    }
}

void KioskUi::export_stats_csv() {
    // The same protected counts the charts show ("< 5", "x"), for the centre's reports: never
    // a count the server did not send.
    if (!person_.stats || person_.stats->error) return;
    const auto& counts = person_.stats->counts;
    const std::string name = "faltstod-statistik-" + (counts.county ? *counts.county : std::string("alla-lan")) + "-" +
                             counts.from.value_or("start") + "-" + counts.to.value_or("nu") + ".csv";
    const auto file = app::documents_dir() / name;
    std::error_code error;
    std::filesystem::create_directories(file.parent_path(), error);
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << protocol::stats_to_csv(counts);
    out.close();
    person_.stats_export_failed = !out;
    person_.stats_export_message = person_.stats_export_failed ? std::string(tr("CSV-filen kunde inte sparas:")) + " " + file.string()
                                                 : std::string(tr("Sparad som")) + " " + file.string();
}

}  // namespace faltstod::ui
