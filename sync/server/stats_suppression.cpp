// Small-cell and secondary suppression; see stats_suppression.hpp.
//
// The feasibility test in closed form: a "< t" cell can be any of [1, t-1]; an "x" cell 0 or
// any of [t, R]. The sum of p "< t" cells can be any of [p, p(t-1)]; the sum of q ≥ 1 "x"
// cells is 0 or any of [t, …] (one of them at least t whenever the sum is not 0). So the
// other hidden cells of a table can sum to [p, p(t-1)] ∪ [p + t, …] (the second part only when
// q ≥ 1), and a hidden cell can be v exactly when R - v is such a sum, R being the total less
// every shown count.
#include "stats_suppression.hpp"

#include <algorithm>
#include <limits>

namespace faltstod::server {

namespace {

using protocol::CellShown;
using protocol::StatsCell;
using protocol::StatsTables;

constexpr std::int64_t kUnbounded = std::numeric_limits<std::int64_t>::max() / 4;

struct Range {
    std::int64_t low;
    std::int64_t high;  // inclusive
};

std::int64_t integers_in(const Range& a, const Range& b) {
    const std::int64_t low = std::max(a.low, b.low);
    const std::int64_t high = std::min(a.high, b.high);
    return high >= low ? high - low + 1 : 0;
}

bool is_hidden(const StatsCell& cell) { return cell.shown != CellShown::Exact; }

void hide_everything(StatsTables& tables, CellShown how) {
    tables.total = 0;
    tables.total_shown = how;
    for (auto* cells : {&tables.by_month, &tables.by_county, &tables.by_topic, &tables.by_profession, &tables.by_outcome,
                        &tables.by_age_band, &tables.by_channel}) {
        for (auto& cell : *cells) {
            cell.count = 0;
            cell.shown = how;
        }
    }
}

bool someone_recoverable(const std::vector<StatsCell>& published, std::int64_t total, int threshold) {
    for (std::size_t i = 0; i < published.size(); ++i)
        if (is_hidden(published[i]) && feasible_values(published, total, threshold, i) < 2) return true;
    return false;
}

// Rules 3 and 4 on one additive table; false when it cannot be protected (rule 5).
bool protect_additive(std::vector<StatsCell> exact, std::vector<StatsCell>& out, std::int64_t total, int threshold) {
    out = exact;
    bool any_small = false;
    for (auto& cell : out) {
        if (cell.count > 0 && cell.count < threshold) {
            cell.shown = CellShown::Small;
            cell.count = 0;
            any_small = true;
        }
    }
    if (!any_small) return true;
    while (someone_recoverable(out, total, threshold)) {
        // The smallest shown count above 0 (the first of equals, in table order) hides next.
        std::size_t next = out.size();
        for (std::size_t k = 0; k < out.size(); ++k) {
            if (is_hidden(out[k]) || out[k].count == 0) continue;
            if (next == out.size() || out[k].count < out[next].count) next = k;
        }
        if (next == out.size()) return false;
        out[next].shown = CellShown::Hidden;
        out[next].count = 0;
    }
    return true;
}

}  // namespace

int feasible_values(const std::vector<StatsCell>& published, std::int64_t total, int threshold, std::size_t cell) {
    const std::int64_t t = threshold;
    std::int64_t rest = total;  // R: what the hidden cells add up to
    std::int64_t small = 0, hidden = 0;
    for (std::size_t k = 0; k < published.size(); ++k) {
        if (published[k].shown == CellShown::Exact) rest -= published[k].count;
        else if (k != cell) (published[k].shown == CellShown::Small ? small : hidden) += 1;
    }
    // What the other hidden cells can add up to.
    std::vector<Range> others;
    if (small == 0 && hidden == 0) others.push_back({0, 0});
    else if (hidden == 0) others.push_back({small, small * (t - 1)});
    else if (small == 0) others = {{0, 0}, {t, kUnbounded}};
    else others = {{small, small * (t - 1)}, {small + t, kUnbounded}};
    // What this cell can be on its own.
    std::vector<Range> own;
    if (published[cell].shown == CellShown::Small) own.push_back({1, t - 1});
    else own = {{0, 0}, {t, kUnbounded}};
    // v fits when R - v is a sum of the others: v in [R - high, R - low], and 0 <= v <= R.
    std::int64_t count = 0;
    for (const Range& o : others) {
        const Range fits{std::max<std::int64_t>(0, rest - std::min(o.high, rest)), rest - o.low};
        if (fits.high < fits.low) continue;
        for (const Range& r : own) count += integers_in(r, fits);
    }
    return static_cast<int>(std::min<std::int64_t>(count, 2));
}

StatsTables suppress_small_counts(const StatsTables& exact, int threshold) {
    StatsTables out = exact;
    out.threshold = threshold;
    out.exact = false;
    if (exact.total == 0) return out;  // rule 1
    if (exact.total < threshold) {     // rule 2
        hide_everything(out, CellShown::Small);
        return out;
    }
    for (auto [from, to] : {std::pair{&exact.by_month, &out.by_month}, std::pair{&exact.by_county, &out.by_county},
                            std::pair{&exact.by_profession, &out.by_profession}, std::pair{&exact.by_outcome, &out.by_outcome},
                            std::pair{&exact.by_age_band, &out.by_age_band}, std::pair{&exact.by_channel, &out.by_channel}}) {
        if (!protect_additive(*from, *to, exact.total, threshold)) {  // rule 5
            hide_everything(out, CellShown::Hidden);
            return out;
        }
    }
    for (auto& cell : out.by_topic) {  // rule 3 only
        if (cell.count > 0 && cell.count < threshold) {
            cell.shown = CellShown::Small;
            cell.count = 0;
        }
    }
    return out;
}

}  // namespace faltstod::server
