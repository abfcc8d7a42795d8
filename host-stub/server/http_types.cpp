#include "server/http_types.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>

namespace pim::host {

void wipe(std::string &text) noexcept {
    if (text.capacity() > 0) explicit_bzero(text.data(), text.capacity());
}

Request::~Request() {
    wipe(body);
}

Response::~Response() {
    wipe(body);
}

namespace {

char ascii_lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

const std::string_view *Request::header(std::string_view name) const {
    for (const auto &field : headers)
        if (field.first.size() == name.size() &&
            std::equal(field.first.begin(), field.first.end(), name.begin(),
                       [](char a, char b) { return ascii_lower(a) == ascii_lower(b); }))
            return &field.second;
    return nullptr;
}

void append_json_string(std::string &out, std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (byte >= 0x20) {
            out += c;
        } else if (c == '\b' || c == '\t' || c == '\n' || c == '\f' || c == '\r') {
            out += '\\';
            out += c == '\b' ? 'b' : c == '\t' ? 't' : c == '\n' ? 'n' : c == '\f' ? 'f' : 'r';
        } else {
            out += "\\u00";
            out += hex[byte >> 4];
            out += hex[byte & 15];
        }
    }
    out += '"';
}

Response json_message(int status, std::string_view message) {
    Response response;
    response.status = status;
    response.headers.emplace_back("Content-Type", "application/json");
    char code[16];
    const auto end = std::to_chars(code, code + sizeof code, status).ptr;
    std::string &body = response.body;
    body.reserve(message.size() + 32);
    body += "{\"code\":";
    body.append(code, end);
    body += ",\"message\":";
    append_json_string(body, message);
    body += '}';
    return response;
}

}  // namespace pim::host
