// The host's view of one HTTP exchange, independent of Beast, so that the
// router and the sample API are plain functions of a request.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pim::host {

using HeaderView = std::pair<std::string_view, std::string_view>;  // name, value

// Views into the server's parsed message and session: valid for the call (and,
// for a request queued to the worker pool, until it is answered: the session
// reads nothing else meanwhile). Only the body is owned.
struct Request {
    std::string_view method;
    std::string_view path;   // without the query
    std::string_view query;  // after '?'
    std::span<const HeaderView> headers;
    std::string body;
    std::string_view remote_address;

    Request() = default;
    Request(const Request &) = delete;
    Request(Request &&) = default;
    Request &operator=(const Request &) = delete;
    Request &operator=(Request &&) = default;
    // The body may hold a password or a client secret: overwritten when freed.
    ~Request();

    [[nodiscard]] const std::string_view *header(std::string_view name) const;  // case-insensitive
};

struct Response {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    // Who made the call, for the request log (filled by the bearer check).
    std::string client_id;
    std::string username;

    Response() = default;
    Response(const Response &) = delete;
    Response(Response &&) = default;
    Response &operator=(const Response &) = delete;
    Response &operator=(Response &&) = default;
    // The body may hold issued tokens: overwritten when freed.
    ~Response();
};

// Overwrites the whole buffer of `text` (not only its size).
void wipe(std::string &text) noexcept;

// {"code":status,"message":"…"} with Content-Type: application/json.
Response json_message(int status, std::string_view message);

// Appends `text` as a JSON string (quotes included), escaped as Boost.JSON's
// serializer does.
void append_json_string(std::string &out, std::string_view text);

}  // namespace pim::host
