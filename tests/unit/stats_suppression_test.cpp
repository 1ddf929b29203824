// Statistics that single no one out (issue 18): small-cell suppression and secondary
// suppression on crafted tables, checked against a brute-force attacker who knows the rules;
// the wire format ("< 5", "x") and the CSV.
#include "stats_suppression.hpp"
#include "stats_tables.hpp"

#include <doctest/doctest.h>

#include <functional>
#include <map>
#include <random>
#include <set>

using namespace faltstod;
using protocol::CellShown;
using protocol::StatsCell;
using protocol::StatsTables;

namespace {

std::vector<StatsCell> cells(const std::vector<std::pair<std::string, std::int64_t>>& counts) {
    std::vector<StatsCell> out;
    for (const auto& [key, count] : counts) out.push_back({key, count});
    return out;
}

// Tables where every additive table is `by_county` and the others hold the whole total in one
// cell (so only by_county matters).
StatsTables with_counties(const std::vector<std::pair<std::string, std::int64_t>>& counties) {
    StatsTables t;
    t.exact = true;
    for (const auto& [key, count] : counties) t.total += count;
    t.by_county = cells(counties);
    t.by_month = cells({{"2026-10", 0}, {"2026-11", t.total}});
    t.by_profession = cells({{"skola", t.total}, {"polis", 0}});
    t.by_outcome = cells({{"other", t.total}});
    t.by_age_band = cells({{"adult", t.total}});
    t.by_channel = cells({{"phone", t.total}});
    t.by_topic = cells({{"hrv", t.total}});
    return t;
}

std::string shown(const StatsCell& cell) { return protocol::display_count(cell, 5); }

// Every way an attacker could fill in the hidden cells of `published` so that the table adds up
// to `total`: a "< t" cell is 1..t-1, an "x" cell 0 or t..total. Returns, per hidden cell, the
// set of values it takes over all those ways. Brute force, independent of the closed form.
std::map<std::size_t, std::set<std::int64_t>> attacker_view(const std::vector<StatsCell>& published, std::int64_t total, int t) {
    std::int64_t rest = total;
    std::vector<std::size_t> hidden;
    for (std::size_t k = 0; k < published.size(); ++k) {
        if (published[k].shown == CellShown::Exact) rest -= published[k].count;
        else hidden.push_back(k);
    }
    std::map<std::size_t, std::set<std::int64_t>> seen;
    std::vector<std::int64_t> values(hidden.size());
    std::function<void(std::size_t, std::int64_t)> fill = [&](std::size_t i, std::int64_t left) {
        if (i == hidden.size()) {
            if (left != 0) return;
            for (std::size_t k = 0; k < hidden.size(); ++k) seen[hidden[k]].insert(values[k]);
            return;
        }
        const bool small = published[hidden[i]].shown == CellShown::Small;
        for (std::int64_t v = small ? 1 : 0; v <= left; ++v) {
            if (small && v >= t) break;
            if (!small && v > 0 && v < t) continue;
            values[i] = v;
            fill(i + 1, left - v);
        }
    };
    fill(0, rest);
    return seen;
}

}  // namespace

TEST_CASE("nothing at all is shown as it is: zeros single no one out") {
    auto t = with_counties({{"01", 0}, {"05", 0}});
    const auto out = server::suppress_small_counts(t, 5);
    CHECK(out.total_shown == CellShown::Exact);
    CHECK(out.total == 0);
    for (const auto& c : out.by_county) CHECK(c.shown == CellShown::Exact);
}

TEST_CASE("a total below the threshold hides every count, zeros included (the /v1/stats?from=1900-01 case)") {
    for (std::int64_t total = 1; total < 5; ++total) {
        auto t = with_counties({{"01", total}, {"05", 0}, {"12", 0}});
        t.by_channel = cells({{"phone", total}, {"visit", 0}, {"digital", 0}, {"meeting", 0}});
        const auto out = server::suppress_small_counts(t, 5);
        CHECK(out.total_shown == CellShown::Small);
        CHECK(protocol::display_count(out.total, out.total_shown, 5) == "< 5");
        for (const auto& section : protocol::stats_sections(out)) {
            for (const auto& c : *section.cells) {
                INFO(section.name << " " << c.key);
                CHECK(c.shown == CellShown::Small);  // the zeros too: they would tell the channel of that one call
                CHECK(c.count == 0);
            }
        }
    }
}

TEST_CASE("small counts show as \"< 5\", and when the rest leaves room for doubt nothing more is hidden") {
    const auto out = server::suppress_small_counts(with_counties({{"01", 3}, {"03", 2}, {"05", 20}}), 5);
    CHECK(shown(out.by_county[0]) == "< 5");
    CHECK(shown(out.by_county[1]) == "< 5");
    CHECK(shown(out.by_county[2]) == "20");
    CHECK(out.total == 25);
}

TEST_CASE("secondary suppression: one small count would be the total less the others, so the next smallest hides too") {
    // 20 + 2 + 9 = 31. Shown 20 and 9 and "< 5" would give the 2 away: 31 - 20 - 9.
    const auto out = server::suppress_small_counts(with_counties({{"01", 2}, {"03", 9}, {"05", 20}, {"12", 0}}), 5);
    CHECK(shown(out.by_county[0]) == "< 5");
    CHECK(shown(out.by_county[1]) == "x");
    CHECK(out.by_county[1].count == 0);  // the hidden count never leaves the server
    CHECK(shown(out.by_county[2]) == "20");
    CHECK(shown(out.by_county[3]) == "0");
    const auto view = attacker_view(out.by_county, out.total, 5);
    CHECK(view.at(0).size() >= 2);
    CHECK(view.at(1).size() >= 2);
}

TEST_CASE("secondary suppression: two small counts whose sum is known exactly (1 + 1) are not left alone") {
    // 1 + 1 + 30: "< 5", "< 5" and 30 of 32 would mean both are 1.
    const auto out = server::suppress_small_counts(with_counties({{"01", 1}, {"03", 1}, {"05", 30}}), 5);
    const auto view = attacker_view(out.by_county, out.total, 5);
    for (const auto& [cell, values] : view) {
        INFO(cell);
        CHECK(values.size() >= 2);
    }
    CHECK(out.by_county[2].shown == CellShown::Hidden);
}

TEST_CASE("a table that no hiding can protect hides the whole answer") {
    // 5 + 1: with the total known, "x" (0 or at least 5) and "< 5" can only be 5 and 1.
    const auto out = server::suppress_small_counts(with_counties({{"01", 5}, {"05", 1}}), 5);
    CHECK(out.total_shown == CellShown::Hidden);
    for (const auto& section : protocol::stats_sections(out))
        for (const auto& c : *section.cells) CHECK(c.shown == CellShown::Hidden);
}

TEST_CASE("topics are not additive, so they get only the primary rule") {
    auto t = with_counties({{"05", 40}});
    t.by_topic = cells({{"hrv", 38}, {"barnaktenskap", 2}, {"konsstympning", 0}});
    const auto out = server::suppress_small_counts(t, 5);
    CHECK(shown(out.by_topic[0]) == "38");
    CHECK(shown(out.by_topic[1]) == "< 5");
    CHECK(shown(out.by_topic[2]) == "0");
}

TEST_CASE("the threshold is configurable and every count below it is hidden") {
    const auto exact = with_counties({{"01", 2}, {"03", 4}, {"05", 7}, {"12", 30}});
    for (int threshold : {3, 5, 10}) {
        const auto out = server::suppress_small_counts(exact, threshold);
        CHECK(out.threshold == threshold);
        for (std::size_t k = 0; k < out.by_county.size(); ++k) {
            const auto count = exact.by_county[k].count;
            INFO(threshold << " " << count);
            if (count > 0 && count < threshold) CHECK(out.by_county[k].shown == CellShown::Small);
            if (out.by_county[k].shown == CellShown::Exact) CHECK(out.by_county[k].count == count);
        }
    }
}

TEST_CASE("generated tables: no small count is shown, and no hidden count can be worked out by an attacker who knows the rules") {
    std::mt19937 random(18);
    int protected_tables = 0, hidden_answers = 0;
    for (int round = 0; round < 3000; ++round) {
        const int threshold = 3 + static_cast<int>(random() % 4);
        const std::size_t size = 2 + random() % 5;
        std::vector<std::pair<std::string, std::int64_t>> counts;
        for (std::size_t k = 0; k < size; ++k) {
            // Mostly small numbers, where the rules matter.
            const std::int64_t count = random() % 3 == 0 ? 0 : static_cast<std::int64_t>(random() % (random() % 2 ? 6 : 16));
            counts.push_back({std::to_string(k), count});
        }
        const auto exact = with_counties(counts);
        const auto out = server::suppress_small_counts(exact, threshold);
        INFO("round " << round);
        if (out.total_shown != CellShown::Exact) {
            ++hidden_answers;
            for (const auto& c : out.by_county) CHECK(c.shown != CellShown::Exact);
            continue;
        }
        for (std::size_t k = 0; k < size; ++k) {
            const auto& c = out.by_county[k];
            if (c.shown == CellShown::Exact) {
                CHECK(c.count == exact.by_county[k].count);
                CHECK((c.count == 0 || c.count >= threshold));
            } else {
                CHECK(c.count == 0);
            }
        }
        for (const auto& [cell, values] : attacker_view(out.by_county, out.total, threshold)) {
            CHECK(values.size() >= 2);
            CHECK(values.contains(exact.by_county[cell].count));  // the attacker's model is right about the truth
            CHECK(server::feasible_values(out.by_county, out.total, threshold, cell) == std::min<std::size_t>(values.size(), 2));
        }
        ++protected_tables;
    }
    CHECK(protected_tables > 1000);
    CHECK(hidden_answers > 0);
}

TEST_CASE("the wire: counts are numbers, \"< 5\" or \"x\", and read back the same") {
    const auto out = server::suppress_small_counts(with_counties({{"01", 2}, {"03", 9}, {"05", 20}}), 5);
    const auto json = protocol::to_json(out);
    CHECK(json.at("total") == 31);
    CHECK(json.at("suppression").at("threshold") == 5);
    CHECK(json.at("suppression").at("exact") == false);
    CHECK(json.at("by_county").at(0).at("count") == "< 5");
    CHECK(json.at("by_county").at(1).at("count") == "x");
    CHECK(json.at("by_county").at(2).at("count") == 20);
    const auto back = protocol::stats_from_json(json);
    CHECK(protocol::to_json(back) == json);
    CHECK(back.by_county[0].shown == CellShown::Small);
    CHECK(back.by_county[1].shown == CellShown::Hidden);
    auto bad = json;
    bad["by_county"][0]["count"] = "about 3";
    CHECK_THROWS(protocol::stats_from_json(bad));
}

TEST_CASE("the CSV: a header, the total, then every row of every table, with the same marks") {
    const auto out = server::suppress_small_counts(with_counties({{"01", 2}, {"03", 9}, {"05", 20}}), 5);
    const auto csv = protocol::stats_to_csv(out);
    CHECK(csv.rfind("table,key,count\r\ntotal,,31\r\nby_month,2026-10,0\r\nby_month,2026-11,31\r\n", 0) == 0);
    CHECK(csv.find("by_county,01,< 5\r\n") != std::string::npos);
    CHECK(csv.find("by_county,03,x\r\n") != std::string::npos);
    CHECK(csv.find("by_county,05,20\r\n") != std::string::npos);
    CHECK(csv.find('9') == std::string::npos);  // the hidden 9 is nowhere
}
