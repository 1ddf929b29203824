// JsonLineIndex must point editors at the right line, also for members that are missing.
#include "json_line_index.hpp"

#include <doctest/doctest.h>

using faltstod::content::JsonLineIndex;

TEST_CASE("every value is found on the line where it starts") {
    const JsonLineIndex index(
        "{\n"
        "  \"contacts\": [\n"
        "    {\"id\": \"a\",\n"
        "     \"hours\": {\"weekly\": [\n"
        "        {\"open\": \"08:00\", \"close\": \"16:00\"}\n"
        "     ]}},\n"
        "    {\"id\": \"b\", \"phone\": \"1\"}\n"
        "  ]\n"
        "}\n");
    CHECK(index.line_of("") == 1);
    CHECK(index.line_of("/contacts") == 2);
    CHECK(index.line_of("/contacts/0") == 3);
    CHECK(index.line_of("/contacts/0/hours") == 4);
    CHECK(index.line_of("/contacts/0/hours/weekly/0/close") == 5);
    CHECK(index.line_of("/contacts/1/phone") == 7);
}

TEST_CASE("a missing member reports its nearest existing parent") {
    const JsonLineIndex index("{\n \"list\": [\n  {\"a\": 1}\n ]\n}");
    CHECK(index.line_of("/list/0/missing") == 3);
    CHECK(index.line_of("/list/7/x") == 2);
}

TEST_CASE("escaped member names and strings with brackets do not confuse the index") {
    const JsonLineIndex index("{\"a\\u00e4\": \"[not, an] {array}\",\n\"b/c\": \"x\\\"y\",\n\"n\": [1,\n2]}");
    CHECK(index.line_of("/aä") == 1);
    CHECK(index.line_of("/b~1c") == 2);
    CHECK(index.line_of("/n/1") == 4);
}
