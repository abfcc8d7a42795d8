#include "http/http_response.hpp"

#include "domain/text.hpp"

#include <boost/json.hpp>

namespace pim {
namespace {

pim_string_view abi_view(std::string_view text) {
    return {text.data(), text.size()};
}

}  // namespace

void HttpResponse::send(const pim_http_response &out) const {
    out.set_status(out.opaque, status);
    for (const auto &[name, value] : headers) out.add_header(out.opaque, abi_view(name), abi_view(value));
    out.write_body(out.opaque, body.data(), body.size());
}

HttpResponse json_response(int status, const boost::json::object &body) {
    return {status, {{"Content-Type", "application/json"}}, boost::json::serialize(body)};
}

HttpResponse json_message(int status, const std::string &message) {
    return json_response(status, {{"code", status}, {"message", message}});
}

void add_no_store(HttpResponse &response) {
    response.headers.emplace_back("Cache-Control", "no-store");
    response.headers.emplace_back("Pragma", "no-cache");
}

std::string_view header_value(const pim_http_request &request, std::string_view name) {
    for (std::size_t i = 0; i < request.header_count; ++i)
        if (iequals_ascii(view(request.headers[i].name), name)) return view(request.headers[i].value);
    return {};
}

}  // namespace pim
