// Which contacts an article leads to.
#include "related_contacts.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using faltstod::app::related_contact_kinds;
using Kinds = std::vector<std::string>;

TEST_CASE("the resource centre comes first, then each topic's contacts without repeats") {
    CHECK(related_contact_kinds({}) == Kinds{"resurscentrum"});
    CHECK(related_contact_kinds({"okänt-ämne"}) == Kinds{"resurscentrum"});
    CHECK(related_contact_kinds({"bortforande"}) == Kinds{"resurscentrum", "polis", "socialjour", "socialtjanst"});
    CHECK(related_contact_kinds({"konsstympning", "bortforande"}) ==
          Kinds{"resurscentrum", "region", "socialtjanst", "polis", "socialjour"});
}

TEST_CASE("every kind offered is one the content format knows") {
    const Kinds known = {"resurscentrum", "polis", "aklagare", "region", "socialtjanst",
                         "socialjour",    "skyddat-boende", "ideell", "lansstyrelse"};
    for (const char* topic : {"kanna-igen", "samtal", "barnaktenskap", "tvangsaktenskap", "konsstympning", "bortforande",
                              "anmalningsplikt", "skyddad-identitet", "riskbedomning", "konsultation", "avidentifiering",
                              "manniskohandel", "resurscentra", "skydd-och-boende", "hbtqi", "skola", "halso-och-sjukvard",
                              "polis-och-rattsvasende", "lagstiftning", "eget-arbete"}) {
        for (const auto& kind : related_contact_kinds({topic})) {
            CAPTURE(topic);
            CHECK(std::find(known.begin(), known.end(), kind) != known.end());
        }
    }
}
