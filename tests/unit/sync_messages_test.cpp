// Every sync problem has its own sentence in both languages (app/sync_messages.hpp), and no
// sentence carries the server's words or a library's text: they are built from the code alone.
#include "i18n.hpp"
#include "sync_messages.hpp"

#include <doctest/doctest.h>

#include <set>

using namespace faltstod;

TEST_CASE("each problem code has a sentence of its own, in Swedish and in English") {
    app::init_translations(FALTSTOD_BUILD_LOCALEDIR, "sv");
    const auto last = static_cast<int>(sync::SyncProblem::StatsForbidden);
    for (const std::string language : {"sv", "en"}) {
        CAPTURE(language);
        app::set_language(language);
        std::set<std::string> sentences;
        for (int code = static_cast<int>(sync::SyncProblem::NotEnrolled); code <= last; ++code) {
            const auto problem = static_cast<sync::SyncProblem>(code);
            CAPTURE(sync::problem_name(problem));
            sync::SyncError error{sync::SyncErrorKind::Server, problem, "json.exception.type_error.302 Ring 08-666"};
            const auto sentence = app::sync_problem_text(error);
            CHECK(sentence.size() > 20);
            CHECK(sentence != app::tr("Synken misslyckades."));
            CHECK(sentences.insert(sentence).second);  // no two problems share a sentence
            CHECK(sentence.find("json") == std::string::npos);  // the detail never reaches the sentence
            CHECK(sentence.find("08-666") == std::string::npos);
        }
        CHECK(std::string(sync::problem_name(static_cast<sync::SyncProblem>(last + 1))) == "unknown");  // the list is complete
    }
    app::set_language("en");
    CHECK(app::sync_problem_text({sync::SyncErrorKind::Network, sync::SyncProblem::CannotConnect, ""}).find("could not be reached") !=
          std::string::npos);
    app::set_language("sv");
    CHECK(app::sync_problem_text({}).empty());
}
