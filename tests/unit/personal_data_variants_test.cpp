// The personal-data guard against the ways people write personal data when they are in a
// hurry, careless, or trying to get it past the guard (issue 18). Every case is GENERATED from
// its class — every separator × every digit script × with and without century, every grouping
// of a phone number, every way of writing the at-sign and the dot, every form of an address —
// and each must be found as exactly one finding of the right kind covering exactly what was
// written. Clean texts of the same shapes (dates, times, case numbers, law references, in any
// digits) must pass. Uses only find_personal_data(text), so the same file ran against the
// guard before its normalisation step (where most of these cases got through).
#include "personal_data_guard.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <string>
#include <vector>

using namespace faltstod::protocol;

namespace {

// ---------------------------------------------------------------------------------------------
// Writing digits and characters.

std::string utf8(char32_t c) {
    std::string out;
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
    return out;
}

// A script of decimal digits: how digit d is written.
struct DigitScript {
    const char* name;
    char32_t zero;          // the digits follow zero in code point order …
    char32_t one = 0;       // … unless `one` is set (circled digits: ⓪ stands apart from ①–⑨)
};

const std::vector<DigitScript> kScripts = {
    {"ASCII", U'0'},
    {"Arabic-Indic", 0x0660},
    {"Eastern Arabic-Indic", 0x06F0},
    {"Devanagari", 0x0966},
    {"Bengali", 0x09E6},
    {"full-width", 0xFF10},
    {"mathematical bold", 0x1D7CE},
    {"mathematical double-struck", 0x1D7D8},
    {"mathematical monospace", 0x1D7F6},
    {"circled", 0x24EA, 0x2460},
    {"superscript", 0x2070, 0x00B9},  // ¹ ² ³ stand apart; 0x2074… follow ⁰
};

std::string digit_in(const DigitScript& script, char ascii_digit) {
    const int d = ascii_digit - '0';
    if (script.one == 0) return utf8(script.zero + static_cast<char32_t>(d));
    if (d == 0) return utf8(script.zero);
    if (script.zero == 0x2070) {  // superscripts: ¹ U+00B9, ² U+00B2, ³ U+00B3, ⁴… U+2074…
        static constexpr char32_t kLow[] = {0x00B9, 0x00B2, 0x00B3};
        return utf8(d <= 3 ? kLow[d - 1] : 0x2070 + static_cast<char32_t>(d));
    }
    return utf8(script.one + static_cast<char32_t>(d - 1));
}

// `text` with every ASCII digit written in `script`.
std::string in_script(const std::string& text, const DigitScript& script) {
    std::string out;
    for (char c : text) out += (c >= '0' && c <= '9') ? digit_in(script, c) : std::string(1, c);
    return out;
}

// Every digit of `digits` with `between` after it (but the last).
std::string spaced(const std::string& digits, const std::string& between = " ") {
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) out += (i ? between : "") + std::string(1, digits[i]);
    return out;
}

const char* kSwedishDigits[] = {"noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio"};

std::string spelled(const std::string& digits) {
    std::string out;
    for (char c : digits) out += (out.empty() ? "" : " ") + std::string(kSwedishDigits[c - '0']);
    return out;
}

// ---------------------------------------------------------------------------------------------
// Checking.

// True when `text` holds exactly one finding, of `kind`, over exactly the bytes of `written`.
void check_single(const std::string& prefix, const std::string& written, const std::string& suffix, PersonalDataKind kind) {
    const std::string text = prefix + written + suffix;
    const auto findings = find_personal_data(text);
    INFO("text: " << text);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].kind == kind);
    CHECK(findings[0].offset == prefix.size());
    CHECK(findings[0].length == written.size());
}

bool luhn_ok(const std::string& ten) {
    int sum = 0;
    for (std::size_t k = 0; k < 9; ++k) {
        const int product = (ten[k] - '0') * (k % 2 == 0 ? 2 : 1);
        sum += product / 10 + product % 10;
    }
    return (10 - sum % 10) % 10 == ten[9] - '0';
}

struct Identity {
    const char* ten;  // YYMMDDNNNN
    const char* century;
    PersonalDataKind kind;
};

const std::vector<Identity> kIdentities = {
    {"8501011236", "19", PersonalDataKind::PersonalIdentityNumber},
    {"1212121212", "19", PersonalDataKind::PersonalIdentityNumber},
    {"0701015554", "20", PersonalDataKind::PersonalIdentityNumber},
    {"4510103320", "19", PersonalDataKind::PersonalIdentityNumber},
    {"7010632391", "19", PersonalDataKind::CoordinationNumber},
    {"9208819871", "19", PersonalDataKind::CoordinationNumber},
};

// Separators people put between the date and the last four digits.
const std::vector<std::string> kSeparators = {"-", "+", " ", ".", "/", "_", "\u2013", "\u2212", "\u2010", "\uFF0D",
                                              " - ", " \u2013 ", "\u00A0", "\u3000", "-\n", ""};

}  // namespace

TEST_CASE("the identity numbers used below have the check digits they claim") {
    for (const auto& id : kIdentities) {
        INFO(id.ten);
        CHECK(luhn_ok(id.ten));
    }
}

TEST_CASE("a personnummer or samordningsnummer: every separator × every digit script × with and without century") {
    int cases = 0;
    for (const auto& id : kIdentities) {
        const std::string ten = id.ten;
        for (const bool century : {false, true}) {
            const std::string date = (century ? std::string(id.century) : "") + ten.substr(0, 6);
            for (const auto& separator : kSeparators) {
                const std::string ascii = date + separator + ten.substr(6);
                for (const auto& script : kScripts) {
                    INFO(script.name);
                    check_single("Flickan med pnr ", in_script(ascii, script), " har varit borta.", id.kind);
                    ++cases;
                }
            }
        }
    }
    CHECK(cases == static_cast<int>(kIdentities.size() * 2 * kSeparators.size() * kScripts.size()));
}

TEST_CASE("a personnummer with every digit spaced out, the date grouped, or split over a line") {
    for (const auto& id : kIdentities) {
        const std::string ten = id.ten;
        for (const bool century : {false, true}) {
            const std::string date = (century ? std::string(id.century) : "") + ten.substr(0, 6);
            const std::string serial = ten.substr(6);
            const std::string yy = date.substr(date.size() - 6, 2), mm = date.substr(date.size() - 4, 2), dd = date.substr(date.size() - 2);
            const std::string year = century ? date.substr(0, 4) : yy;
            const std::vector<std::string> forms = {
                spaced(date + serial),                       // 8 5 0 1 0 1 1 2 3 6
                spaced(date) + " - " + spaced(serial),       // 8 5 0 1 0 1 - 1 2 3 6
                spaced(date, "  ") + "-" + spaced(serial, "  "),
                spaced(date, ".") + "-" + spaced(serial, "."),
                year + "-" + mm + "-" + dd + "-" + serial,   // 1985-01-01-1236
                year + " " + mm + " " + dd + " " + serial,   // 85 01 01 1236
                year + "." + mm + "." + dd + "-" + serial,
                date + "\n-" + serial,
                date.substr(0, 3) + "\n" + date.substr(3) + serial,
            };
            for (const auto& form : forms) {
                for (const auto& script : {kScripts[0], kScripts[1], kScripts[5]}) check_single("Gäller ", in_script(form, script), ".", id.kind);
            }
        }
    }
}

TEST_CASE("letters standing in for digits inside a personnummer") {
    // O and o for 0; l, I and | for 1 — where the digits are 0 or 1.
    for (const auto& id : kIdentities) {
        for (const bool century : {false, true}) {
            const std::string ascii = (century ? std::string(id.century) : "") + std::string(id.ten).substr(0, 6) + "-" +
                                      std::string(id.ten).substr(6);
            for (const auto& [zero, one] : {std::pair{"O", "l"}, std::pair{"o", "I"}, std::pair{"O", "|"}, std::pair{"\u041E", "\u0406"}}) {
                std::string written;
                for (char c : ascii) written += c == '0' ? zero : c == '1' ? one : std::string(1, c);
                check_single("pnr: ", written, " (enligt skolan)", id.kind);
            }
        }
    }
}

TEST_CASE("a personnummer spelled out digit by digit in Swedish") {
    for (const auto& id : kIdentities) {
        const std::string ten = id.ten;
        check_single("hennes nummer är ", spelled(ten), " enligt mamman", id.kind);
        check_single("nummer ", spelled(ten.substr(0, 6)) + " - " + spelled(ten.substr(6)), "", id.kind);
    }
}

TEST_CASE("a phone number: every grouping × every separator × every digit script") {
    // National numbers that are not identity numbers by chance (checked below).
    const std::vector<std::string> numbers = {"0701234567", "0812345678", "031123456", "0910123456", "0739876543"};
    int cases = 0;
    for (const auto& number : numbers) {
        INFO(number);
        if (number.size() == 10) CHECK_FALSE(luhn_ok(number));  // not also a personnummer by chance
        const std::string area = number.substr(0, 3), rest = number.substr(3);
        const std::vector<std::string> groupings = {
            number,
            area + "-" + rest,
            area + "-" + rest.substr(0, 3) + " " + rest.substr(3, 2) + " " + rest.substr(5),
            area + " " + rest.substr(0, 3) + " " + rest.substr(3, 2) + " " + rest.substr(5),
            area + "." + rest.substr(0, 3) + "." + rest.substr(3, 2) + "." + rest.substr(5),
            area + "/" + rest,
            area + "/" + rest.substr(0, 3) + " " + rest.substr(3),
            "(" + area + ") " + rest,
            area + " - " + rest,
            area + "\u2013" + rest,
            area + "\u2212" + rest.substr(0, 3) + "\u00A0" + rest.substr(3),
            spaced(number),
            "+46 " + number.substr(1, 2) + " " + rest,
            "+46 (0)" + number.substr(1, 2) + "-" + rest,
            "0046 " + number.substr(1),
        };
        for (const auto& written : groupings) {
            for (const auto& script : kScripts) {
                INFO(script.name);
                check_single("Ring mamman på ", in_script(written, script), " i morgon.", PersonalDataKind::PhoneNumber);
                ++cases;
            }
        }
    }
    CHECK(cases > 500);
}

TEST_CASE("a phone number spelled out in Swedish words") {
    for (const std::string number : {"0701234567", "0812345678", "0739876543"}) {
        check_single("ring ", spelled(number), " efter skolan", PersonalDataKind::PhoneNumber);
        std::string capitalised = spelled(number);
        capitalised[0] = 'N';
        check_single("Nummer: ", capitalised, ".", PersonalDataKind::PhoneNumber);
        // Mixed: some digits as words, some as digits.
        check_single("ring ", "noll sju noll 123 45 67", "", PersonalDataKind::PhoneNumber);
    }
}

TEST_CASE("an e-mail address: every way of writing the at-sign × every way of writing the dot") {
    const std::vector<std::string> ats = {"@", " @ ", "@ ", " @", "(at)", " (at) ", "[at]", " [at] ", "{at}", "<at>", " (AT) ",
                                          "(snabel-a)", " snabel-a ", "\uFF20", "\uFE6B"};
    const std::vector<std::string> dots = {".", " punkt ", "(punkt)", " (punkt) ", "[punkt]", "[dot]", " dot ", "(dot)", " . ", "\uFF0E"};
    int cases = 0;
    for (const std::string local : {"namn", "anna.svensson", "a_b+tagg"}) {
        for (const auto& at : ats) {
            for (const auto& dot : dots) {
                check_single("Svar till ", local + at + "exempel" + dot + "se", " i dag.", PersonalDataKind::Email);
                ++cases;
            }
        }
    }
    CHECK(cases == 3 * 15 * 10);
}

TEST_CASE("a street address: glued, abbreviated, with nr, with a decomposed letter, in any digits") {
    const std::vector<std::string> forms = {
        "Storgatan 12",          "Storgatan12",          "Storgatan12B",         "Storgatan 12B",      "Storg. 12",
        "Storg.12",              "Storgat. 3",           "Sveav. 44",            "Kungsv. 7",          "Storgatan nr 12",
        "Storgatan nr. 12",      "Storgatan n:r 12",     "Storgatan nummer 12",  "Sveava\u0308gen 44", "Ga\u030Atvägen 3",
        "Drottninggatan 5B",     "Drottningg. 5",        "Björkstigen 4",        "Ängsvägen 1a",       "Långa gången 2",
        "Storgatan 12 lgh 1102", "Storg. 12, lgh. 1102", "Storgatan\u00A012",    "Storgatan\u3000\uFF11\uFF12",
    };
    for (const auto& form : forms) {
        for (const auto& script : {kScripts[0], kScripts[1], kScripts[5]})
            check_single("Familjen bor på ", in_script(form, script), " i Borås.", PersonalDataKind::StreetAddress);
    }
}

TEST_CASE("clean texts pass: dates, times, case numbers and law references, in any digits") {
    const std::vector<std::string> texts = {
        "2026-11-22",
        "22/11 2026",
        "22.11.2026",
        "05.11.2026",
        "05/11/2026",
        "05-11-2026",
        "den 3 maj",
        "20261122",
        "v. 47",
        "vecka 47–48",
        "Dnr 2026-1234",
        "KS 2025/123",
        "ärende 12345",
        "ärende 2026:45",
        "SoL 11:1",
        "LVU 2 §",
        "31 d § LVU",
        "kap. 14 1 §",
        "14 kap. 1 § SoL",
        "3 kap. 5 § FB",
        "SFS 2018:218",
        "kl. 08.00–17.00",
        "kl 08:00-17:00",
        "08.30-12.00 och 13.00-16.30",
        "öppet 0800-1700",
        "möte 05-11-2026",
        "2025",
        "2025–2026",
        "3 barn",
        "16 år",
        "1 200 kr",
        "0,5 mg",
        "Anmälan enligt 14 kap. 1 § SoL gjordes 2026-11-22 kl. 14.30, dnr 2026-1234.",
        "Familjen har 3 barn i åldrarna 4, 9 och 16 år.",
        "Ring 112 vid fara, Polisen 114 14, BRIS 116 111, Vårdguiden 1177.",
        "Möte 2026-11-22 14.30 och 2026-11-29 09.00",
        "Period 2026-11-22–2026-12-01",
        "Period 2026-11-22 – 2026-12-01",
        "Hon har en bror och två systrar.",
        "Olle och Ida var där. I dag kom de 2 gånger.",
        "Vi sågs på gatan 3 gånger.",
        "Hon bodde på Storgatan förut.",
        "Tisdag. 12 personer kom.",
        "Ang. 12 maj",
        "anna @ kommunen",
        "Möte @ skolan. Se till att alla kommer.",
        "Läs mer på kvinnofridslinjen.se eller 1177.se.",
    };
    for (const auto& text : texts) {
        for (const auto& script : kScripts) {
            const std::string written = in_script(text, script);
            INFO(script.name << ": " << written);
            CHECK(find_personal_data(written).empty());
        }
    }
}

TEST_CASE("clean texts pass: every date of a year, with times, as ranges, and with case numbers") {
    int cases = 0;
    for (int month = 1; month <= 12; ++month) {
        for (int day = 1; day <= 28; ++day) {
            char iso[16], other[16], dnr[32];
            std::snprintf(iso, sizeof iso, "2026-%02d-%02d", month, day);
            std::snprintf(other, sizeof other, "2027-%02d-%02d", (month % 12) + 1, 29 - day);
            std::snprintf(dnr, sizeof dnr, "%04d", (month * 97 + day * 31) % 10000);
            const std::vector<std::string> texts = {
                std::string(iso) + " 14.30",  std::string(iso) + " kl 08:15",       std::string(iso) + "–" + other,
                std::string(iso) + " - " + other, "Dnr " + std::string(iso).substr(0, 4) + "-" + dnr + ", beslut " + iso,
                std::string(iso).substr(8, 2) + "/" + std::string(iso).substr(5, 2) + " " + std::string(iso).substr(0, 4),
            };
            for (const auto& text : texts) {
                INFO(text);
                CHECK(find_personal_data(text).empty());
                ++cases;
            }
        }
    }
    CHECK(cases == 12 * 28 * 6);
}
