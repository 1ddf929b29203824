// The server's reading of URL query parameters, as pure functions so they can be fuzzed and
// unit-tested without a socket. cpp-httplib has already split and percent-decoded the query
// into a multimap (httplib::Params is exactly this type); what is checked here is ours: which
// names a route accepts and what counts as an integer.
#pragma once

#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace faltstod::server {

using QueryParams = std::multimap<std::string, std::string>;

// The first parameter name in `params` that is not in `allowed`, or nullopt when all are
// allowed. A route refuses unknown names so a typo ("limt=10") is an error, not a default.
std::optional<std::string> unknown_query_param(const QueryParams& params, std::initializer_list<std::string_view> allowed);

// The first value of `name` in `params`, or nullopt when it is absent.
std::optional<std::string> query_param(const QueryParams& params, const std::string& name);

// `text` as a decimal integer (optional '-', digits only, the whole text, within long long);
// `fallback` when `text` is nullopt (the parameter was left out); nullopt when it is not an
// integer.
std::optional<long long> parse_integer_param(const std::optional<std::string>& text, long long fallback);

}  // namespace faltstod::server
