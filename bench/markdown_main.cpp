// faltstod-bench-markdown: cmark-gfm (the parser of guidance bodies since issue 18) against
// md4c 0.4.8 (the one before it) on the bench's generated articles. Both turn every body into
// plain text the way content/markdown_text.cpp does, several rounds over the same articles;
// prints the time per article (median and 95th percentile) and in all, for each parser, as JSON.
// Built only when md4c is installed (libmd4c-dev; no program of Fältstöd needs it any more).
#include "bench_stats.hpp"
#include "dataset_generator.hpp"
#include "markdown_text.hpp"

#include <CLI/CLI.hpp>
#include <md4c.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>
#include <iterator>

namespace {

using namespace faltstod;

// md4c to plain text, as sync/content/markdown_text.cpp did before cmark-gfm (without the checks
// for images and HTML, which cost nothing measurable).
std::string md4c_plain_text(std::string_view body) {
    struct State {
        std::string plain;
    } state;
    MD_PARSER parser{};
    parser.flags = MD_DIALECT_COMMONMARK;
    parser.enter_block = [](MD_BLOCKTYPE, void*, void*) { return 0; };
    parser.leave_block = [](MD_BLOCKTYPE type, void*, void* user) {
        auto& s = *static_cast<State*>(user);
        if (type != MD_BLOCK_DOC && !s.plain.empty() && s.plain.back() != '\n') s.plain += '\n';
        return 0;
    };
    parser.enter_span = [](MD_SPANTYPE, void*, void*) { return 0; };
    parser.leave_span = [](MD_SPANTYPE, void*, void*) { return 0; };
    parser.text = [](MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* user) {
        auto& s = *static_cast<State*>(user);
        if (type == MD_TEXT_BR || type == MD_TEXT_SOFTBR) s.plain += ' ';
        else if (type != MD_TEXT_NULLCHAR && type != MD_TEXT_HTML) s.plain.append(text, size);
        return 0;
    };
    md_parse(body.data(), static_cast<MD_SIZE>(body.size()), &parser, &state);
    return state.plain;
}

// The body of a guidance file: what follows the closing "+++" of the front matter.
std::string body_of(const std::filesystem::path& file) {
    std::ifstream in(file);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto end = text.find("\n+++", 3);
    return end == std::string::npos ? text : text.substr(text.find('\n', end + 4) + 1);
}

template <typename Parse>
nlohmann::json measure(const std::vector<std::string>& bodies, int rounds, Parse parse) {
    std::vector<double> per_article;
    std::size_t output = 0;
    bench::Stopwatch all;
    for (int round = 0; round < rounds; ++round) {
        for (const auto& body : bodies) {
            bench::Stopwatch one;
            output += parse(body).size();
            per_article.push_back(one.ms() * 1000);
        }
    }
    return {{"total_ms", all.ms()},
            {"per_article_us_p50", bench::percentile(per_article, 50)},
            {"per_article_us_p95", bench::percentile(per_article, 95)},
            {"plain_text_bytes", output / static_cast<std::size_t>(rounds)}};
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"cmark-gfm against md4c on generated guidance articles"};
    int articles = 1000, rounds = 5;
    std::string work = "/tmp/faltstod-bench-markdown";
    app.add_option("--articles", articles)->capture_default_str();
    app.add_option("--rounds", rounds)->capture_default_str();
    app.add_option("--work", work, "Folder for the generated bundle (replaced)")->capture_default_str();
    CLI11_PARSE(app, argc, argv);

    std::filesystem::remove_all(work);
    bench::DatasetSpec spec;
    spec.articles = articles;
    const auto summary = bench::write_bundle(spec, FALTSTOD_SOURCE_CONTENT, work);
    std::vector<std::string> bodies;
    std::size_t bytes = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(std::filesystem::path(work) / "guidance")) {
        if (entry.path().extension() != ".md") continue;
        bodies.push_back(body_of(entry.path()));
        bytes += bodies.back().size();
    }
    const nlohmann::json report = {
        {"articles", bodies.size()},
        {"body_bytes", bytes},
        {"rounds", rounds},
        {"md4c", measure(bodies, rounds, [](const std::string& b) { return md4c_plain_text(b); })},
        {"cmark_gfm", measure(bodies, rounds, [](const std::string& b) { return content::markdown_to_plain_text(b).plain; })}};
    std::cout << report.dump(2) << "\n";
    (void)summary;
    return 0;
}
