// The personal-data guard's rules, one scanner per kind, each in its own file. Internal to the
// guard: every scanner reads the NORMALISED text (guard_normaliser.hpp: ASCII digits, one kind
// of dash, folded blanks), and its offsets are offsets into that text; personal_data_guard.cpp
// maps them back to what the person wrote and keeps one finding per stretch of text.
#pragma once

#include "personal_data_guard.hpp"
#include "published_contacts.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace faltstod::protocol::guard {

struct Candidate {
    PersonalDataKind kind;
    std::size_t offset;  // bytes, in the normalised text
    std::size_t length;
    // Listed by the published content (a support line's number, a contact's e-mail): not
    // personal data, so it is let through, and no other rule may claim its characters.
    bool published = false;
};

// Personnummer and samordningsnummer, on the digit stream: groups of digits joined by a
// separator (blank, '-', '+', '.', '/', '_'), with the date and the Luhn check digit checked.
std::vector<Candidate> find_identity_numbers(std::string_view text);

// Swedish and international phone numbers: digit groups joined by blanks, dashes, dots,
// slashes and parentheses, counted by digits; spelled-out digits arrive here as digits.
std::vector<Candidate> find_phone_numbers(std::string_view text, const PublishedContacts* published);

// E-mail addresses, also written "namn(at)exempel.se", "namn [at] exempel punkt se" or with
// blanks around '@'.
std::vector<Candidate> find_emails(std::string_view text, const PublishedContacts* published);

// Street addresses with a house number, also glued ("Storgatan12B"), abbreviated ("Storg. 12")
// or with "nr" before the number.
std::vector<Candidate> find_street_addresses(std::string_view text);

}  // namespace faltstod::protocol::guard
