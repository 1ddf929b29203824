// The personal-data guard: finds personal data in a free-text note before it is saved, so the
// app can refuse the note and tell the user what to remove. Fältstöd keeps no case files; a
// note about a consultation must stay anonymous even when the user types in a hurry, and a
// personnummer or an address in it would turn an anonymous note into a record about a person.
//
// The guard is pure (no I/O, no locale) and cheap, because it runs on every save of a short
// note. Every rule runs on the text after one normalisation step (guard_normaliser.hpp: NFKC,
// every script's digits to ASCII, look-alike letters inside numbers, digit words, separators
// and blanks folded), so a number written with odd digits or separators is the same number.
// It looks for Swedish personnummer and samordningsnummer (checked with the Luhn digit and the
// calendar, so dates and case numbers pass), phone numbers, e-mail addresses and street
// addresses with a house number. It errs towards refusing: a false alarm costs the user a
// rewording, a miss leaks a person's identity. Numbers and addresses that the published content
// lists (published_contacts.hpp) are public and pass when the caller hands over that list.
#pragma once

#include "published_contacts.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace faltstod::protocol {

enum class PersonalDataKind { PersonalIdentityNumber, CoordinationNumber, PhoneNumber, Email, StreetAddress };

struct PersonalDataFinding {
    PersonalDataKind kind;
    std::size_t offset;  // byte offset into the UTF-8 text as written (not the normalised text)
    std::size_t length;  // bytes
};

// All findings in `text`, in order of offset, never overlapping. Empty when the text may be
// saved. When two kinds claim the same characters, one finding is kept: an e-mail address over
// an identity number inside it, an identity number over a phone number (a 10-digit run can be
// both), and any of them over a street address. A phone number or e-mail address that
// `published` lists is not a finding (nullptr: nothing is listed).
std::vector<PersonalDataFinding> find_personal_data(std::string_view text, const PublishedContacts* published = nullptr);

// A sentence in Swedish ("sv") or English ("en"; any other language gets Swedish) that tells
// the user which part of `text` to remove, by kind and by character positions (UTF-8 code
// points, 1-based, inclusive). It never repeats the matched text, because the sentence may be
// logged or shown on a server.
std::string describe_finding(const PersonalDataFinding& finding, std::string_view text, const std::string& language);

// The byte offset of the first hidden character in `text`: a control character other than tab
// and line breaks, or an invisible one (soft hyphen, zero-width space or joiner, direction mark,
// word joiner, byte-order mark). A note must not hold them: they can hide a number from the
// scanners, and they show nothing to the person who reads the note.
std::optional<std::size_t> find_hidden_character(std::string_view text);

// A stable machine name for the kind: "personal_identity_number", "coordination_number",
// "phone_number", "email" or "street_address".
const char* kind_name(PersonalDataKind kind);

}  // namespace faltstod::protocol
