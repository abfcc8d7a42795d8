// A small synchronous HTTP/1.1 client (Boost.Beast) for tests.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace pim::test {

struct HttpReply {
    int status = 0;
    std::map<std::string, std::string> headers;  // names lower-cased
    // Every header line in order, names lower-cased (repeated Set-Cookie lines).
    std::vector<std::pair<std::string, std::string>> header_lines;
    std::string body;

    [[nodiscard]] std::string header(const std::string &lower_name) const {
        const auto found = headers.find(lower_name);
        return found == headers.end() ? std::string() : found->second;
    }
    [[nodiscard]] bool has_header(const std::string &lower_name) const {
        return headers.count(lower_name) > 0;
    }
};

using Headers = std::vector<std::pair<std::string, std::string>>;

// One request on a new connection to 127.0.0.1:port.
HttpReply http_request(unsigned short port, const std::string &method, const std::string &target,
                       const Headers &headers = {}, const std::string &body = "");

// Standard base64 (for Basic credentials).
std::string base64(const std::string &text);

}  // namespace pim::test
