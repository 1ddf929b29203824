// Phone numbers and e-mail addresses that the published content itself lists: a support
// line's number, a contact's switchboard or public e-mail. They are public, not personal data,
// and a note may name them ("Ring Kvinnofridslinjen 020-50 50 50"), so the personal-data guard
// lets them through when it is given this list.
//
// The guard does not know where the list comes from: the kiosk fills it from its replica
// (app/replica: contacts and support_lines), the server from its published content rows
// (sync/server/published_contacts_cache.hpp). Both read the same row fields through
// add_published_contacts below, so the two sides allow the same numbers for the same content.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>

namespace faltstod::protocol {

class PublishedContacts {
public:
    // A number as the content writes it ("020-50 50 50", "+46 8 123 45 67"); it is kept in
    // the canonical form the guard compares with (canonical_phone_digits). A text without
    // enough digits to be a phone number is ignored.
    void add_phone(std::string_view written);
    // An address as the content writes it; compared without regard to case.
    void add_email(std::string_view written);

    bool lists_phone(const std::string& canonical_digits) const { return phones_.contains(canonical_digits); }
    bool lists_email(const std::string& canonical_address) const { return emails_.contains(canonical_address); }
    std::size_t size() const { return phones_.size() + emails_.size(); }

private:
    std::unordered_set<std::string> phones_;
    std::unordered_set<std::string> emails_;
};

// The digits of a phone number in one national form: "+46 (0)8-123 45 67", "0046 8 123 45 67"
// and "08-123 45 67" all give "081234567"; another country keeps its code after a '+'
// ("+4722123456"). Reads the number through the guard's normalisation, so any digits and
// separators work.
std::string canonical_phone_digits(std::string_view written);

// Adds what one content row lists publicly: a contact's "phone" and "email", a support line's
// "number". Rows of other tables, and fields that are missing or not strings, add nothing.
void add_published_contacts(PublishedContacts& list, std::string_view table, const nlohmann::json& data);

}  // namespace faltstod::protocol
