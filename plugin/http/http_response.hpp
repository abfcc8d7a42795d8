// A response the plugin builds before writing it through the host's
// caller-owned pim_http_response.
#pragma once

#include "domain/wipe.hpp"
#include "pim/plugin_abi.h"

#include <boost/json/object.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pim {

// Its body is overwritten when dropped: a token response's holds the tokens.
struct HttpResponse {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    HttpResponse() = default;
    HttpResponse(int status_code, std::vector<std::pair<std::string, std::string>> header_fields,
                 std::string content)
        : status(status_code), headers(std::move(header_fields)), body(std::move(content)) {}
    HttpResponse(const HttpResponse &) = default;
    HttpResponse(HttpResponse &&) noexcept = default;
    HttpResponse &operator=(const HttpResponse &) = default;
    HttpResponse &operator=(HttpResponse &&) noexcept = default;
    ~HttpResponse() { wipe(body); }

    void send(const pim_http_response &out) const;
};

// {"code":status,"message":…} with Content-Type: application/json.
HttpResponse json_message(int status, const std::string &message);
HttpResponse json_response(int status, const boost::json::object &body);
// Cache-Control: no-store and Pragma: no-cache (token responses, 401s).
void add_no_store(HttpResponse &response);

// Case-insensitive header lookup in a host request; empty view when absent.
std::string_view header_value(const pim_http_request &request, std::string_view name);
inline std::string_view view(pim_string_view text) {
    return text.data == nullptr ? std::string_view() : std::string_view(text.data, text.length);
}

}  // namespace pim
