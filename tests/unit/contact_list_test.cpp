// The Contacts list read a page at a time (app/contact_list.hpp): the same rows in the same
// order as reading the whole list at once, for every filter; only the pages asked for are read;
// a contact removed after the ids were read has no row and does not shift the others.
#include "contact_list.hpp"
#include "content_store.hpp"
#include "replica_queries.hpp"
#include "replica_schema.hpp"
#include "search_snippet.hpp"
#include "support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

using namespace faltstod;

namespace {

// Everything in a contact as text, to compare two readings of it.
std::string describe(const content::Contact& c) {
    std::string out = c.id + "|" + c.kind + "|" + c.name + "|" + c.county_code + "|" + c.municipality.value_or("-") + "|" + c.phone +
                      "|" + c.url.value_or("-") + "|" + c.email.value_or("-") + "|" + c.description.sv + "|" + c.description.en + "|" +
                      c.address.value_or("-") + "|";
    if (!c.hours) return out + "no hours";
    const auto& h = *c.hours;
    out += std::to_string(h.always_open) + std::to_string(static_cast<int>(h.public_holidays)) + h.note.sv + "/" + h.note.en + "|";
    for (const auto& r : h.weekly) out += std::to_string(r.weekday) + "@" + std::to_string(r.open) + "-" + std::to_string(r.close) + ",";
    for (const auto& e : h.exceptions)
        out += e.date + (e.closed ? "x" : "") + std::to_string(e.open) + "-" + std::to_string(e.close) + e.note.sv + "/" + e.note.en + ";";
    return out;
}

struct Fixture {
    test::TempDir dir;
    sqlite::Database db = replica::open_replica((dir.path() / "replica.db").string());

    // 300 contacts over two counties, county-wide and municipal, some sharing a name (the order
    // between them is the id's), some with hours, some with an address; written out of order.
    Fixture() {
        const std::vector<std::string> municipalities = {"Malmö", "Lund", "Linköping"};
        sqlite::Transaction transaction(db);
        for (int i = 299; i >= 0; --i) {
            content::Contact c;
            c.id = "contact/test/" + std::to_string(i);
            c.kind = i % 3 ? "polis" : "socialjour";
            c.name = "Kontakt " + std::to_string(i % 40);  // 7 or 8 contacts per name
            c.county_code = i % 2 ? "12" : "05";
            if (i % 5) c.municipality = municipalities[static_cast<std::size_t>(i) % municipalities.size()];
            c.phone = "010-" + std::to_string(i);
            c.description = {"Beskrivning " + std::to_string(i), i % 2 ? "Description " + std::to_string(i) : ""};
            if (i % 4 == 0) c.address = "Storgatan " + std::to_string(i);
            if (i % 3 != 2) {
                content::OpeningHours h;
                h.note = {"Not " + std::to_string(i), ""};
                h.weekly.push_back({i % 7, 8 * 60 + i % 60, 17 * 60});
                h.exceptions.push_back({"2026-12-24", i % 2 == 0, 9 * 60, 12 * 60, {"Julafton", ""}});
                c.hours = h;
            }
            replica::upsert_contact(db, c);
        }
        transaction.commit();
    }

    static std::vector<replica::ContactFilter> filters() {
        std::vector<replica::ContactFilter> all(5);
        all[1].county_code = "12";
        all[2].county_code = "05";
        all[2].municipality = "Linköping";
        all[3].kind = "polis";
        all[4].county_code = "99";  // no contacts
        all.emplace_back().text = "linkop";  // typed words: folded, any field
        all.emplace_back().text = "KONTAKT 1 socialj";
        all.back().county_code = "05";
        return all;
    }
};

}  // namespace

TEST_CASE_FIXTURE(Fixture, "the paged list gives the same rows in the same order as the whole list, for every filter") {
    for (const auto& filter : filters()) {
        CAPTURE(filter.county_code.value_or("any"));
        CAPTURE(filter.municipality.value_or("any"));
        CAPTURE(filter.kind.value_or("any"));
        CAPTURE(filter.text.value_or("any"));
        const auto whole = replica::find_contacts(db, filter);
        app::ContactList list(db, filter);
        REQUIRE(list.size() == whole.size());
        for (std::size_t i = 0; i < whole.size(); ++i) {
            CAPTURE(i);
            CHECK(list.id(i) == whole[i].id);
            const auto* row = list.at(i);
            REQUIRE(row);
            CHECK(describe(*row) == describe(whole[i]));
        }
        CHECK(list.at(whole.size()) == nullptr);
    }
    CHECK(app::ContactList(db, {}).size() == 300);
    CHECK(app::ContactList(db, filters()[4]).size() == 0);
}

// Issue 16: Contacts had no text filter; a person looking for one socialjour scrolled.
TEST_CASE_FIXTURE(Fixture, "typed words filter on name, municipality and kind, ignoring case and å, ä, ö") {
    const auto count = [&](const char* text) {
        replica::ContactFilter filter;
        filter.text = text;
        return replica::find_contacts(db, filter).size();
    };
    const auto all = replica::find_contacts(db, {});
    const auto linkoping =
        static_cast<std::size_t>(std::count_if(all.begin(), all.end(), [](const auto& c) { return c.municipality == "Linköping"; }));
    REQUIRE(linkoping > 0);
    CHECK(count("Linköping") == linkoping);
    CHECK(count("linkoping") == linkoping);
    CHECK(count("LINKÖ") == linkoping);
    CHECK(count("malmo") > 0);
    CHECK(count("socialjour") == 100);  // every third is a socialjour
    CHECK(count("Kontakt 7") == count("kontakt 7"));
    CHECK(count("polis socialjour") == 0);  // every word must match
    CHECK(count("ingenting") == 0);
    CHECK(count("") == 300);  // no words: no filter
    replica::ContactFilter one;
    one.text = "Storgatan";  // the address is not searched
    CHECK(replica::find_contacts(db, one).empty());
}

// The kiosk keeps the contacts folded once per content change (Home's search index) and hands
// them to the filter, so a keystroke does not fold 20,000 rows again.
TEST_CASE_FIXTURE(Fixture, "typed words give the same contacts with the kiosk's folded copies as without, and the copies are used") {
    const auto all = replica::find_contacts(db, {});
    replica::SearchTokenizer tokenizer(db);
    replica::FoldedContacts folded;
    for (const auto& c : all) folded.emplace(c.id, replica::folded_words(tokenizer, {c.name, c.municipality.value_or(""), c.kind}));
    for (const char* text : {"linkoping", "socialjour", "kontakt 7", "polis socialjour", "malmo", "LINKÖ"}) {
        CAPTURE(text);
        replica::ContactFilter plain;
        plain.text = text;
        auto with_copies = plain;
        with_copies.folded = &folded;
        CHECK(replica::contact_ids(db, with_copies) == replica::contact_ids(db, plain));
        CHECK(app::ContactList(db, with_copies).size() == replica::find_contacts(db, plain).size());
    }
    // A copy that says otherwise is what decides: the rows are not folded again.
    folded[all.front().id] = "zzzunik";
    replica::ContactFilter odd;
    odd.text = "zzzunik";
    odd.folded = &folded;
    CHECK(replica::contact_ids(db, odd) == std::vector<std::string>{all.front().id});
}

TEST_CASE_FIXTURE(Fixture, "the whole list is ordered county-wide first, then by municipality, name and id") {
    const auto whole = replica::find_contacts(db, {});
    REQUIRE(whole.size() == 300);
    for (std::size_t i = 1; i < whole.size(); ++i) {
        const auto& a = whole[i - 1];
        const auto& b = whole[i];
        CAPTURE(a.id);
        CAPTURE(b.id);
        const auto key = [](const content::Contact& c) {
            return std::tuple(c.municipality.has_value(), c.municipality.value_or(""), c.name, c.id);
        };
        CHECK(key(a) < key(b));
    }
}

TEST_CASE_FIXTURE(Fixture, "only the pages asked for are read") {
    app::ContactList list(db, {});
    CHECK(list.pages_read() == 0);
    REQUIRE(list.at(0));
    CHECK(list.pages_read() == 1);
    REQUIRE(list.at(app::ContactList::kPageRows - 1));
    CHECK(list.pages_read() == 1);
    REQUIRE(list.at(3 * app::ContactList::kPageRows + 5));
    CHECK(list.pages_read() == 2);
    REQUIRE(list.find(list.id(299)));
    CHECK(list.find(list.id(299))->id == list.id(299));
    CHECK(list.pages_read() == 3);
}

TEST_CASE_FIXTURE(Fixture, "a contact removed after the ids were read has no row, and the others keep theirs") {
    app::ContactList list(db, {});
    const auto whole = replica::find_contacts(db, {});
    const std::string gone = list.id(10);
    replica::remove_content(db, "contacts", gone);
    CHECK(list.size() == 300);
    CHECK(list.at(10) == nullptr);
    CHECK(list.find(gone) == nullptr);
    REQUIRE(list.at(9));
    CHECK(describe(*list.at(9)) == describe(whole[9]));
    REQUIRE(list.at(11));
    CHECK(describe(*list.at(11)) == describe(whole[11]));
    // Read again, the list no longer has it.
    CHECK(app::ContactList(db, {}).size() == 299);
}

TEST_CASE_FIXTURE(Fixture, "find gives a contact only when the filter selects it") {
    replica::ContactFilter skane;
    skane.county_code = "12";
    app::ContactList list(db, skane);
    REQUIRE(list.find("contact/test/1"));
    CHECK(list.find("contact/test/1")->county_code == "12");
    CHECK(list.find("contact/test/2") == nullptr);  // Östergötland's
    CHECK(list.find("contact/none") == nullptr);
}
