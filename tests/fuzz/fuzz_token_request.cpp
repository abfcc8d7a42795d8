// libFuzzer target: the token request decoding of the plugin
// (plugin/http/token_request.cpp, token-endpoint.md §2–§3).
//
// Input: "<Content-Type>\n<Authorization>\n<body>". Missing lines are empty,
// so the fuzzer reaches every branch: no content type (415), JSON, form and
// other media types, Basic headers that decode or not.
#include "domain/client.hpp"
#include "http/token_request.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

std::string_view next_line(std::string_view &input) {
    const auto newline = input.find('\n');
    const std::string_view line = input.substr(0, newline);
    input.remove_prefix(newline == std::string_view::npos ? input.size() : newline + 1);
    return line;
}

void check(bool condition) {
    if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char *>(data), size);
    const std::string_view content_type = next_line(input);
    const std::string_view authorization = next_line(input);
    const std::string_view body = input;

    const auto parameters = pim::decode_token_body(content_type, body);
    if (!parameters) {
        const int status = parameters.refusal().status;
        check(status == 400 || status == 415);
    } else if (parameters.value().grant_type) {
        // token-endpoint.md §4 step 1, on inputs up to the 1 MiB body limit:
        // plain string code, no recursion (std::regex overflowed the stack here).
        (void)pim::matches_grant_type_pattern(*parameters.value().grant_type);
    }

    if (const auto credentials = pim::basic_credentials(authorization)) {
        // token-endpoint.md §3: split at the first ':', the id part non-empty.
        check(!credentials->client_id.empty());
        check(credentials->client_id.find(':') == std::string::npos);
    }
    return 0;
}
