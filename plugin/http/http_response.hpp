// A response the plugin builds before writing it through the host's
// caller-owned pim_http_response.
#pragma once

#include "pim/plugin_abi.h"

#include <boost/json/object.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pim {

struct HttpResponse {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

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
