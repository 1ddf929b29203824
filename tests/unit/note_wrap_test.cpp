// The note's word wrap (app/note_wrap.hpp): lines no wider than asked, same length, and back.
#include "note_wrap.hpp"

#include <doctest/doctest.h>

namespace {

float characters(std::string_view s) { return static_cast<float>(s.size()); }

std::string wrap(std::string_view text, float width) { return faltstod::app::soft_wrap(text, width, characters); }

}  // namespace

TEST_CASE("a note is wrapped at the last space that keeps each line within the width") {
    CHECK(wrap("aaa bbb ccc", 7) == "aaa bbb\nccc");
    CHECK(wrap("aaa bbb ccc", 11) == "aaa bbb ccc");
    CHECK(wrap("aaa bbb ccc", 3) == "aaa\nbbb\nccc");
    CHECK(wrap("", 10).empty());
}

TEST_CASE("a word wider than the line stays whole on a line of its own") {
    CHECK(wrap("a bbbbbbbbbb c", 4) == "a\nbbbbbbbbbb\nc");
    CHECK(wrap("bbbbbbbbbb", 4) == "bbbbbbbbbb");
}

TEST_CASE("wrapping keeps the length, so the cursor stays put, and unwrap gives the note back") {
    const std::string note = "Samtal om oro för en elev inför sommarlovet, råd om orosanmälan och kontakt med resurscentrum.";
    for (const float width : {5.f, 12.f, 30.f, 80.f, 500.f}) {
        const auto wrapped = wrap(note, width);
        CHECK(wrapped.size() == note.size());
        CHECK(faltstod::app::unwrap(wrapped) == note);
        std::size_t start = 0;
        for (std::size_t end = wrapped.find('\n'); start <= wrapped.size(); end = wrapped.find('\n', start)) {
            const auto line = wrapped.substr(start, end == std::string::npos ? std::string::npos : end - start);
            CHECK((characters(line) <= width || line.find(' ') == std::string::npos));
            if (end == std::string::npos) break;
            start = end + 1;
        }
    }
}

TEST_CASE("a line break typed into the note is a space again, then wrapped anew") {
    CHECK(wrap("aaa\nbbb", 20) == "aaa bbb");
    CHECK(faltstod::app::unwrap("a\nb\nc") == "a b c");
}
