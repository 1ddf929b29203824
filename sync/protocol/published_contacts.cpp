// The numbers and addresses the published content lists; see published_contacts.hpp.
#include "published_contacts.hpp"

#include "guard_normaliser.hpp"

namespace faltstod::protocol {

namespace {

constexpr std::size_t kFewestPhoneDigits = 5;  // "1177" and "112" pass the guard anyway

std::string lower_ascii(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == ' ') continue;
        out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    return out;
}

}  // namespace

std::string canonical_phone_digits(std::string_view written) {
    const std::string text = normalise_for_guard(written).text;
    std::string digits;
    bool international = false;
    for (char c : text) {
        if (c >= '0' && c <= '9') digits.push_back(c);
        else if (c == '+' && digits.empty()) international = true;
    }
    if (!international && digits.size() > 2 && digits.starts_with("00") && digits[2] != '0') {
        international = true;
        digits.erase(0, 2);
    }
    if (!international) return digits;
    if (digits.starts_with("46")) {
        digits.erase(0, 2);
        return digits.starts_with("0") ? digits : "0" + digits;  // "+46 (0)8 …" and "+46 8 …" alike
    }
    return "+" + digits;
}

void PublishedContacts::add_phone(std::string_view written) {
    std::string digits = canonical_phone_digits(written);
    const auto counted = digits.size() - (digits.starts_with("+") ? 1 : 0);
    if (counted >= kFewestPhoneDigits) phones_.insert(std::move(digits));
}

void PublishedContacts::add_email(std::string_view written) {
    const std::string canonical = lower_ascii(normalise_for_guard(written).text);
    if (canonical.find('@') != std::string::npos) emails_.insert(canonical);
}

void add_published_contacts(PublishedContacts& list, std::string_view table, const nlohmann::json& data) {
    if (!data.is_object()) return;
    const auto text = [&](const char* field) -> std::string {
        const auto it = data.find(field);
        return it != data.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    if (table == "contacts") {
        list.add_phone(text("phone"));
        list.add_email(text("email"));
    } else if (table == "support_lines") {
        list.add_phone(text("number"));
    }
}

}  // namespace faltstod::protocol
