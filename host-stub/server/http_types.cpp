#include "server/http_types.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstring>

namespace pim::host {

Request::~Request() {
    if (body.capacity() > 0) explicit_bzero(body.data(), body.capacity());
}

const std::string *Request::header(const std::string &name) const {
    for (const auto &[key, value] : headers)
        if (key.size() == name.size() && std::equal(key.begin(), key.end(), name.begin(), [](char a, char b) {
                return std::tolower(static_cast<unsigned char>(a)) ==
                       std::tolower(static_cast<unsigned char>(b));
            }))
            return &value;
    return nullptr;
}

Response json_message(int status, const std::string &message) {
    Response response;
    response.status = status;
    response.headers.emplace_back("Content-Type", "application/json");
    response.body = boost::json::serialize(boost::json::object{{"code", status}, {"message", message}});
    return response;
}

}  // namespace pim::host
