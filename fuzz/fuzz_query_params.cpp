// Fuzz target: a request's query string as the server reads it: split and percent-decoded by
// cpp-httplib (the same function its server calls), then checked by our routes' rules
// (query_params.hpp) and the stats filter (consultation_stats.hpp). Nothing may throw; a value
// read as an integer is one; a filter accepted is well formed.
#include "consultation_stats.hpp"
#include "fuzz_check.hpp"
#include "query_params.hpp"

#include <httplib.h>

#include <charconv>
#include <string>

using faltstod::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace server = faltstod::server;
    httplib::Params params;
    httplib::detail::parse_query_text(std::string(faltstod::fuzz::as_text(data, size)), params);

    // GET /v1/changes
    if (!server::unknown_query_param(params, {"since", "limit"})) {
        for (const char* name : {"since", "limit"}) {
            const auto text = server::query_param(params, name);
            if (const auto value = server::parse_integer_param(text, 0); value && text) {
                long long again = 0;
                check(!text->empty() && std::from_chars(text->data(), text->data() + text->size(), again).ec == std::errc() &&
                          again == *value,
                      "an integer parameter read wrongly");
            }
        }
    }
    // GET /v1/snapshot takes none.
    if (!params.empty()) check(server::unknown_query_param(params, {}).has_value(), "an unknown parameter was let through");
    // GET /v1/stats
    if (!server::unknown_query_param(params, {"county", "from", "to"})) {
        std::string problem;
        const auto filter = server::parse_stats_filter(server::query_param(params, "county"), server::query_param(params, "from"),
                                                       server::query_param(params, "to"), problem);
        if (filter) {
            for (const auto& month : {filter->from, filter->to})
                if (month) check(month->size() == 7 && (*month)[4] == '-', "a month that is not YYYY-MM");
            if (filter->from && filter->to) check(*filter->from <= *filter->to, "an empty period accepted");
        } else {
            check(!problem.empty(), "a refused filter without a reason");
        }
    }
    return 0;
}
