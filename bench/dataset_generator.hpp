// A seedable generator of realistic content bundles for the benchmarks: guidance articles of
// realistic length in Swedish, contacts in every county, support lines. It writes a bundle
// directory in the format of docs/content-format.md, so `faltstod-server publish` (the real
// publisher) loads it. The same seed always gives the same bytes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace faltstod::bench {

struct DatasetSpec {
    std::uint64_t seed = 7;
    int articles = 0;
    int contacts = 0;
    int lines = 0;
    // A later version of the same dataset: `changed` rows (half articles, half contacts) get
    // text of round `round` appended, everything else stays byte for byte the same.
    int changed = 0;
    int round = 0;
};

// The mix used for "N content rows": 10 % articles, 1 % support lines, the rest contacts.
DatasetSpec spec_for_rows(int rows, std::uint64_t seed);

struct DatasetSummary {
    int articles = 0;
    int contacts = 0;
    int lines = 0;
    std::uintmax_t article_bytes = 0;  // Markdown of all articles, front matter included
};

// Writes the bundle into `out` (created; must not exist or be empty). topics.json,
// counties.json, events.json and checklists/ are copied from `assets` (the real bundle), so the
// generated rows refer to real topics and counties.
DatasetSummary write_bundle(const DatasetSpec& spec, const std::filesystem::path& assets, const std::filesystem::path& out);

}  // namespace faltstod::bench
