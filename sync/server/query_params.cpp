// Query parameter checks for the HTTP routes; see query_params.hpp.
#include "query_params.hpp"

#include <algorithm>
#include <charconv>

namespace faltstod::server {

std::optional<std::string> unknown_query_param(const QueryParams& params, std::initializer_list<std::string_view> allowed) {
    for (const auto& [key, value] : params)
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) return key;
    return std::nullopt;
}

std::optional<std::string> query_param(const QueryParams& params, const std::string& name) {
    // The first of repeated values, as httplib's get_param_value gives (multimap::find may
    // return any of them).
    const auto it = params.lower_bound(name);
    if (it == params.end() || it->first != name) return std::nullopt;
    return it->second;
}

std::optional<long long> parse_integer_param(const std::optional<std::string>& text, long long fallback) {
    if (!text) return fallback;
    long long value = 0;
    const char* const end = text->data() + text->size();
    const auto [stop, error] = std::from_chars(text->data(), end, value);
    if (error != std::errc() || stop != end) return std::nullopt;
    return value;
}

}  // namespace faltstod::server
