// The personal-data guard: what it refuses, what it lets through, and how it tells the user.
#include "personal_data_guard.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

using namespace faltstod::protocol;

namespace {

// The check digit rule written the textbook way (from the right, every second digit doubled),
// independently of the guard, so the test numbers below are verified rather than trusted.
bool luhn_ok(std::string_view ten) {
    int sum = 0;
    bool doubled = false;
    for (auto it = ten.rbegin(); it != ten.rend(); ++it) {
        int digit = *it - '0';
        if (doubled) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
        sum += digit;
        doubled = !doubled;
    }
    return sum % 10 == 0;
}

// The ten digits YYMMDDNNNC of a written identity number, whatever its form.
std::string ten_digits(std::string_view written) {
    std::string digits;
    for (char c : written) {
        if (c >= '0' && c <= '9') digits.push_back(c);
    }
    return digits.substr(digits.size() - 10);
}

std::string matched(std::string_view text, const PersonalDataFinding& finding) {
    return std::string(text.substr(finding.offset, finding.length));
}

// True when the whole text is exactly one finding of `kind`.
bool is_exactly(std::string_view text, PersonalDataKind kind) {
    const auto findings = find_personal_data(text);
    return findings.size() == 1 && findings[0].kind == kind && findings[0].offset == 0 &&
           findings[0].length == text.size();
}

// The one finding in `text`, checked to be of `kind`; returns the text it covers.
std::string single_match(std::string_view text, PersonalDataKind kind) {
    const auto findings = find_personal_data(text);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].kind == kind);
    return matched(text, findings[0]);
}

// Personnummer computed for these tests (the check digit worked out by hand and by luhn_ok).
const std::vector<std::string> kValidPersonnummer = {
    "121212-1212", "811218-9876", "870101-2380", "640823-3234", "750302-2340",
    "900101-0033", "850709-4566", "990531-1115", "450101-2589", "101010-1010",
    "061224-9870", "780606-2464", "830812-6716", "200229-1231", "550317-2347",
};

// The same digits with the last one changed: valid dates, wrong check digit.
const std::vector<std::string> kWrongCheckDigit = {
    "121212-1213", "811218-9875", "870101-2381", "640823-3235", "19121212-1211", "550317-2340",
};

// Samordningsnummer: the day plus 60.
const std::vector<std::string> kValidSamordningsnummer = {
    "701063-2391",  // 10 January
    "920681-2340",  // 21 June
    "010161-5557",  // 1 January
    "940891-0108",  // 31 August
};

// Valid check digits, but dates that do not exist.
const std::vector<std::string> kImpossibleDates = {
    "871301-2345",    // month 13
    "870132-2342",    // 32 January
    "870230-2343",    // 30 February
    "870192-2349",    // samordningsnummer day 92 = 32 January
    "010229-1234",    // 29 February 2001 (or 1901): no leap year in either century
    "020229-9988",    // 29 February 2002
    "19010229-1234",  // 29 February 1901
};

}  // namespace

TEST_CASE("the numbers used in these tests have the check digits they claim") {
    for (const auto& number : kValidPersonnummer) {
        INFO(number);
        CHECK(luhn_ok(ten_digits(number)));
    }
    for (const auto& number : kValidSamordningsnummer) {
        INFO(number);
        CHECK(luhn_ok(ten_digits(number)));
    }
    for (const auto& number : kImpossibleDates) {
        INFO(number);
        CHECK(luhn_ok(ten_digits(number)));
    }
    for (const auto& number : kWrongCheckDigit) {
        INFO(number);
        CHECK_FALSE(luhn_ok(ten_digits(number)));
    }
    // Skatteverket's well-known test number and the forms the brief named.
    CHECK(luhn_ok(ten_digits("19121212-1212")));
    CHECK(luhn_ok(ten_digits("201212121212")));
    CHECK(luhn_ok(ten_digits("000229-1235")));
    // A mobile number used below as a phone number must not happen to be a valid personnummer.
    CHECK_FALSE(luhn_ok("0701234567"));
}

TEST_CASE("a personnummer is found in every written form") {
    const auto pnr = PersonalDataKind::PersonalIdentityNumber;
    CHECK(is_exactly("121212-1212", pnr));
    CHECK(is_exactly("1212121212", pnr));
    CHECK(is_exactly("19121212-1212", pnr));
    CHECK(is_exactly("191212121212", pnr));
    CHECK(is_exactly("201212121212", pnr));
    CHECK(is_exactly("20121212-1212", pnr));
    // '+' for someone aged 100 or more.
    CHECK(is_exactly("121212+1212", pnr));
    CHECK(is_exactly("19121212+1212", pnr));
}

TEST_CASE("every computed valid personnummer is found with and without the dash") {
    for (const auto& number : kValidPersonnummer) {
        INFO(number);
        CHECK(is_exactly(number, PersonalDataKind::PersonalIdentityNumber));
        CHECK(is_exactly(ten_digits(number), PersonalDataKind::PersonalIdentityNumber));
    }
}

TEST_CASE("a personnummer in running text, at the edges and next to punctuation") {
    const std::string text = "Flickan med pnr 121212-1212 har varit borta i tre dagar.";
    const auto findings = find_personal_data(text);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].kind == PersonalDataKind::PersonalIdentityNumber);
    CHECK(findings[0].offset == text.find("121212"));
    CHECK(findings[0].length == 11);

    const auto pnr = PersonalDataKind::PersonalIdentityNumber;
    CHECK(single_match("121212-1212 är hennes nummer", pnr) == "121212-1212");
    CHECK(single_match("Hennes nummer är 121212-1212", pnr) == "121212-1212");
    CHECK(single_match("(121212-1212)", pnr) == "121212-1212");
    CHECK(single_match("pnr:811218-9876.", pnr) == "811218-9876");
    CHECK(single_match("\"8112189876\",", pnr) == "8112189876");
    CHECK(single_match("pnr8112189876", pnr) == "8112189876");
    CHECK(single_match("född 19811218-9876!", pnr) == "19811218-9876");
    CHECK(single_match("Åsa, 870101-2380; bror", pnr) == "870101-2380");
}

TEST_CASE("samordningsnummer are found as coordination numbers") {
    for (const auto& number : kValidSamordningsnummer) {
        INFO(number);
        CHECK(is_exactly(number, PersonalDataKind::CoordinationNumber));
        CHECK(is_exactly(ten_digits(number), PersonalDataKind::CoordinationNumber));
    }
    CHECK(is_exactly("19701063-2391", PersonalDataKind::CoordinationNumber));
    CHECK(single_match("Pojken har samordningsnummer 701063-2391 sedan i våras.",
                       PersonalDataKind::CoordinationNumber) == "701063-2391");
}

TEST_CASE("a wrong check digit passes") {
    for (const auto& number : kWrongCheckDigit) {
        INFO(number);
        CHECK(find_personal_data(number).empty());
        CHECK(find_personal_data("Ärende gäller " + number + " enligt beslut.").empty());
    }
}

TEST_CASE("impossible dates pass even with a valid check digit") {
    for (const auto& number : kImpossibleDates) {
        INFO(number);
        CHECK(find_personal_data(number).empty());
    }
}

TEST_CASE("29 February is found only in leap years") {
    const auto pnr = PersonalDataKind::PersonalIdentityNumber;
    CHECK(is_exactly("20000229-1235", pnr));
    CHECK(find_personal_data("19000229-1235").empty());  // 1900 was not a leap year
    // A two-digit year 00 could be 2000, which was, so the guard refuses it.
    CHECK(is_exactly("000229-1235", pnr));
}

TEST_CASE("digits inside a longer run of digits are not a personnummer") {
    CHECK(find_personal_data("1121212-1212").empty());
    CHECK(find_personal_data("121212-12123").empty());
    CHECK(find_personal_data("41212121212").empty());
    CHECK(find_personal_data("1212121212345").empty());
    // Eight digits alone are a date.
    CHECK(find_personal_data("20261122").empty());
    CHECK(find_personal_data("19121212").empty());
    // A 12-digit number outside the birth years of the register.
    CHECK(find_personal_data("331212121212").empty());
}

TEST_CASE("something written like a personnummer is never a phone number") {
    // Starts with 0 and has ten digits, but the YYMMDD-NNNN shape says what it is meant to be.
    CHECK_FALSE(luhn_ok("0101011235"));
    CHECK(find_personal_data("010101-1235").empty());
    CHECK(find_personal_data("Hon uppgav 020229-9989 men det stämmer inte.").empty());
    // With a valid check digit it is a personnummer.
    CHECK(is_exactly("010101-1237", PersonalDataKind::PersonalIdentityNumber));
}

TEST_CASE("Swedish and international phone numbers in common formats") {
    const auto phone = PersonalDataKind::PhoneNumber;
    CHECK(is_exactly("08-123 456 78", phone));
    CHECK(is_exactly("070-123 45 67", phone));
    CHECK(is_exactly("0701234567", phone));
    CHECK(is_exactly("+46 70 123 45 67", phone));
    CHECK(is_exactly("+46701234567", phone));
    CHECK(is_exactly("0046 70 123 45 67", phone));
    CHECK(is_exactly("031-12 34 56", phone));
    CHECK(is_exactly("(08) 123 456", phone));
    CHECK(is_exactly("08-12 34 56", phone));
    CHECK(is_exactly("0910-123 45", phone));
    CHECK(is_exactly("070 - 123 45 67", phone));
    CHECK(is_exactly("070–123 45 67", phone));                 // en dash
    CHECK(is_exactly("070\u00a0123\u00a045\u00a067", phone));  // no-break spaces
    CHECK(is_exactly("+46 (0)70 123 45 67", phone));
    CHECK(is_exactly("+47 22 12 34 56", phone));
    // 020 numbers are free to call but still phone numbers, and the rule is "no phone numbers".
    CHECK(is_exactly("020-50 50 50", phone));
}

TEST_CASE("a phone number in running text ends where the number ends") {
    const auto phone = PersonalDataKind::PhoneNumber;
    CHECK(single_match("Ring mamman på 070-123 45 67 efter skolan.", phone) == "070-123 45 67");
    CHECK(single_match("Hon ringde 070-123 45 67 3 gånger", phone) == "070-123 45 67");
    CHECK(single_match("tel:0701234567", phone) == "0701234567");
    CHECK(single_match("Nås på (08) 123 456 (dagtid)", phone) == "(08) 123 456");
    const std::string two = "Mamma 070-123 45 67, pappa 08-123 456 78.";
    const auto findings = find_personal_data(two);
    REQUIRE(findings.size() == 2);
    CHECK(matched(two, findings[0]) == "070-123 45 67");
    CHECK(matched(two, findings[1]) == "08-123 456 78");
}

TEST_CASE("short service numbers and public lines pass") {
    for (const char* text : {"112", "Ring 112 vid fara", "114 14", "Polisen 114 14", "116 111", "BRIS 116 111", "1177",
                             "Vårdguiden 1177", "116 006", "90101"}) {
        INFO(std::string(text));
        CHECK(find_personal_data(text).empty());
    }
}

TEST_CASE("dates case numbers times and counts pass") {
    for (const char* text : {
             "2026-11-22",
             "22/11 2026",
             "den 3 maj",
             "20261122",
             "v. 47",
             "Dnr 2026-1234",
             "KS 2025/123",
             "ärende 12345",
             "SoL 11:1",
             "LVU 2 §",
             "kap. 14 1 §",
             "kl. 08.00–17.00",
             "kl 08:00-17:00",
             "öppet 0800-1700",
             "möte 05-11-2026",
             "2025",
             "3 barn",
             "16 år",
             "Anmälan enligt 14 kap. 1 § SoL gjordes 2026-11-22 kl. 14.30, dnr 2026-1234.",
             "Familjen har 3 barn i åldrarna 4, 9 och 16 år.",
             "0,5 mg",
         }) {
        INFO(std::string(text));
        CHECK(find_personal_data(text).empty());
    }
}

TEST_CASE("e-mail addresses") {
    const auto email = PersonalDataKind::Email;
    CHECK(is_exactly("anna.svensson@kommun.se", email));
    CHECK(is_exactly("a_b+tagg@sub.example.org", email));
    CHECK(is_exactly("ANNA@KOMMUN.SE", email));
    CHECK(is_exactly("åsa.öberg@exempel.se", email));
    CHECK(is_exactly("kontakt@möllan.se", email));
    CHECK(single_match("Mejla kurator@skolan.se.", email) == "kurator@skolan.se");
    CHECK(single_match("(pappa: p.ali@example.com)", email) == "p.ali@example.com");
    CHECK(single_match("Skrev från...anna@x.se", email) == "anna@x.se");
    // With blanks around the @ it is still an address (issue 18: "anna @ kommun.se" was stored).
    CHECK(is_exactly("anna @ kommun.se", email));
    for (const char* text : {"@kommunen", "anna@kommunen", "a@b.c", "@", "x@.se", "mejla@", "anna @ kommunen"}) {
        INFO(std::string(text));
        CHECK(find_personal_data(text).empty());
    }
}

TEST_CASE("street addresses with a house number") {
    const auto street = PersonalDataKind::StreetAddress;
    for (const char* text : {
             "Storgatan 12",       "Drottninggatan 5B",  "Björkstigen 4",   "Sveavägen 44",   "Långa gången 2",
             "Strandallén 7",      "Kyrkogränd 1",       "Lilla gränden 3", "Stureplan 3",    "Lövängsväg 8",
             "Storgata 5",         "Kungsleden 2",       "Stortorget 3",    "Slottsbacken 1", "Medborgarplatsen 3",
             "Strandpromenaden 9", "Norra Esplanaden 5", "Bergsgången 6",   "storgatan 12",   "STORGATAN 12",
             "ÅSVÄGEN 3",          "Ängsvägen 1a",       "Långgatan 1024",
         }) {
        INFO(std::string(text));
        CHECK(is_exactly(text, street));
    }
}

TEST_CASE("street addresses in running text and with a flat number") {
    const auto street = PersonalDataKind::StreetAddress;
    CHECK(single_match("Familjen bor på Kungsvägen 3 lgh 1102 i Borås.", street) == "Kungsvägen 3 lgh 1102");
    CHECK(single_match("Kungsvägen 3, lgh. 1102", street) == "Kungsvägen 3, lgh. 1102");
    CHECK(single_match("Kungsvägen 3 lägenhet 1102", street) == "Kungsvägen 3 lägenhet 1102");
    CHECK(single_match("Hon bor på Drottninggatan 5B, 3 tr.", street) == "Drottninggatan 5B");
    CHECK(single_match("Mötet var på Sveavägen\u00a044.", street) == "Sveavägen\u00a044");
    CHECK(single_match("Han flyttade till Östra Storgatan 4 i juni.", street) == "Storgatan 4");
    CHECK(single_match("Vi sågs vid Stora torget 3 i går.", street) == "Stora torget 3");
}

TEST_CASE("street words without a house number or as common nouns pass") {
    for (const char* text : {
             "ute på gatan",
             "Vägen framåt 2026",
             "Storgatan",
             "Hon bodde på Storgatan förut.",
             "på gatan 3 gånger",
             "Vi följer vårdplan 2 från mötet.",
             "Han var på arbetsplatsen 2 dagar.",
             "Vi möttes vid ingången 2 gånger.",
             "Storgatan 12345",
             "Storgatan12345",
             "Vägen 12",
             "Vägen12",
         }) {
        INFO(std::string(text));
        CHECK(find_personal_data(text).empty());
    }
}

TEST_CASE("several findings come back in order of offset") {
    const std::string text =
        "Mamma (anna@exempel.se, 070-123 45 67) bor på Storgatan 12. Dottern 121212-1212, "
        "sonen 701063-2391.";
    const auto findings = find_personal_data(text);
    REQUIRE(findings.size() == 5);
    CHECK(findings[0].kind == PersonalDataKind::Email);
    CHECK(matched(text, findings[0]) == "anna@exempel.se");
    CHECK(findings[1].kind == PersonalDataKind::PhoneNumber);
    CHECK(matched(text, findings[1]) == "070-123 45 67");
    CHECK(findings[2].kind == PersonalDataKind::StreetAddress);
    CHECK(matched(text, findings[2]) == "Storgatan 12");
    CHECK(findings[3].kind == PersonalDataKind::PersonalIdentityNumber);
    CHECK(matched(text, findings[3]) == "121212-1212");
    CHECK(findings[4].kind == PersonalDataKind::CoordinationNumber);
    CHECK(matched(text, findings[4]) == "701063-2391");
    for (std::size_t k = 1; k < findings.size(); ++k) {
        CHECK(findings[k - 1].offset + findings[k - 1].length <= findings[k].offset);
    }
}

TEST_CASE("overlapping findings are reported once") {
    // An identity number inside an e-mail address: the whole address must go.
    CHECK(is_exactly("121212-1212@example.com", PersonalDataKind::Email));
    // A ten-digit run that is a valid personnummer and could be a phone number.
    CHECK(luhn_ok("0701234569"));
    CHECK(is_exactly("0701234569", PersonalDataKind::PersonalIdentityNumber));
    // A '+' in front of a personnummer.
    CHECK(single_match("+121212-1212", PersonalDataKind::PersonalIdentityNumber) == "121212-1212");
}

TEST_CASE("describe_finding gives character positions and never the matched text") {
    // Å, ä and å before the number take two bytes each, so bytes and characters differ.
    const std::string text = "Åsa är 12 år, pnr 121212-1212.";
    const auto findings = find_personal_data(text);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].offset == 21);  // 18 characters, 3 of them two bytes long
    const std::string sv = describe_finding(findings[0], text, "sv");
    const std::string en = describe_finding(findings[0], text, "en");
    CHECK(sv == "Ta bort personnumret (tecken 19–29) – anteckningen får inte innehålla personuppgifter.");
    CHECK(en == "Remove the personal identity number (characters 19–29) – the note must not contain personal data.");
    CHECK(sv.find("121212") == std::string::npos);
    CHECK(en.find("121212") == std::string::npos);
    // Any other language gets Swedish, the app's first language.
    CHECK(describe_finding(findings[0], text, "de") == sv);
}

TEST_CASE("describe_finding names every kind in both languages") {
    const std::string text =
        "Åke på Storgatan 12 nås på 070-123 45 67 och åke@exempel.se, pnr 121212-1212, "
        "samordningsnummer 701063-2391.";
    const auto findings = find_personal_data(text);
    REQUIRE(findings.size() == 5);
    const std::vector<std::string> sv = {"gatuadressen (tecken 8–19)", "telefonnumret (tecken 28–40)",
                                         "e-postadressen (tecken 46–59)", "personnumret (tecken 66–76)",
                                         "samordningsnumret (tecken 97–107)"};
    const std::vector<std::string> en = {"the street address (characters 8–19)", "the phone number (characters 28–40)",
                                         "the e-mail address (characters 46–59)",
                                         "the personal identity number (characters 66–76)",
                                         "the coordination number (characters 97–107)"};
    for (std::size_t k = 0; k < findings.size(); ++k) {
        const std::string match = matched(text, findings[k]);
        const std::string in_swedish = describe_finding(findings[k], text, "sv");
        const std::string in_english = describe_finding(findings[k], text, "en");
        INFO(in_swedish);
        CHECK(in_swedish.find(sv[k]) != std::string::npos);
        CHECK(in_english.find(en[k]) != std::string::npos);
        CHECK(in_swedish.find(match) == std::string::npos);
        CHECK(in_english.find(match) == std::string::npos);
    }
}

TEST_CASE("kind names are stable") {
    CHECK(std::string(kind_name(PersonalDataKind::PersonalIdentityNumber)) == "personal_identity_number");
    CHECK(std::string(kind_name(PersonalDataKind::CoordinationNumber)) == "coordination_number");
    CHECK(std::string(kind_name(PersonalDataKind::PhoneNumber)) == "phone_number");
    CHECK(std::string(kind_name(PersonalDataKind::Email)) == "email");
    CHECK(std::string(kind_name(PersonalDataKind::StreetAddress)) == "street_address");
}

TEST_CASE("empty text and text without personal data may be saved") {
    CHECK(find_personal_data("").empty());
    CHECK(find_personal_data(" ").empty());
    CHECK(find_personal_data("Flickan är orolig inför sommarlovet och vill prata med kuratorn igen.").empty());
    CHECK(find_personal_data("Ring BRIS 116 111 eller 1177 om det behövs.").empty());
    // Malformed UTF-8 is scanned, not thrown on.
    CHECK(find_personal_data(std::string("\xC3 \xFF\x80 ok")).empty());
    CHECK(find_personal_data(std::string("\xE2\x80 121212-1212")).size() == 1);
}

// A number split by a line break, blanks around its dash, or a character that shows nothing
// still reads as one number on a screen; the guard must see it too (found by the hostile-input
// suite: each of these notes was stored before).
TEST_CASE("a personnummer or phone number split to hide it is still found, and its whole extent is reported") {
    const auto pnr = PersonalDataKind::PersonalIdentityNumber;
    for (const std::string& text : {std::string("19121212\n-1212"), std::string("191212121\n212"), std::string("121212 - 1212"),
                                   std::string("121212-\r\n1212"), std::string("19121212\u200b-1212"),
                                   std::string("1912\u00ad1212-1212"), std::string("19121212\u2060-1212"),
                                   std::string("19121212\0-1212", 14)}) {
        INFO(text);
        const auto findings = find_personal_data(text);
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].kind == pnr);
        CHECK(findings[0].offset == 0);
        CHECK(findings[0].length == text.size());
    }
    const auto phone = find_personal_data("Ring 070-123\n45 67 i morgon");
    REQUIRE(phone.size() == 1);
    CHECK(phone[0].kind == PersonalDataKind::PhoneNumber);
    CHECK(phone[0].offset == 5);
    CHECK(phone[0].length == std::string("070-123\n45 67").size());
}

TEST_CASE("folding for split numbers does not turn ordinary text into findings") {
    for (const char* text : {"Möte 10 - 12 maj", "kl 08 - 17", "sidorna 12\n13", "2026-11-22\n14.30", "3 barn\n4 vuxna",
                             "Dnr 2026 - 1234", "rad 1\nrad 2"}) {
        INFO(std::string(text));
        CHECK(find_personal_data(text).empty());
    }
}

TEST_CASE("hidden characters are found by position, and ordinary text has none") {
    CHECK(find_hidden_character("Samtal om resa\nnästa vecka\tkl 10") == std::nullopt);
    CHECK(find_hidden_character("Åäö é ü – “citat”") == std::nullopt);
    CHECK(find_hidden_character("ab\u200bcd") == std::optional<std::size_t>(2));
    CHECK(find_hidden_character("x\u00ad") == std::optional<std::size_t>(1));
    CHECK(find_hidden_character(std::string("a\0b", 3)) == std::optional<std::size_t>(1));
    CHECK(find_hidden_character("\xef\xbb\xbfText") == std::optional<std::size_t>(0));
}
