// The host's view of one HTTP exchange, independent of Beast, so that the
// router and the sample API are plain functions of a request.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace pim::host {

struct Request {
    std::string method;
    std::string path;   // without the query
    std::string query;  // after '?'
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::string remote_address;

    Request() = default;
    Request(const Request &) = default;
    Request(Request &&) = default;
    Request &operator=(const Request &) = default;
    Request &operator=(Request &&) = default;
    // The body may hold a password or a client secret: overwritten when freed.
    ~Request();

    [[nodiscard]] const std::string *header(const std::string &name) const;  // case-insensitive
};

struct Response {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    // Who made the call, for the request log (filled by the bearer check).
    std::string client_id;
    std::string username;
};

Response json_message(int status, const std::string &message);

}  // namespace pim::host
