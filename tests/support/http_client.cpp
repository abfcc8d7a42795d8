#include "support/http_client.hpp"

#include <sodium.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <cctype>

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

namespace pim::test {

HttpReply http_request(unsigned short port, const std::string &method, const std::string &target,
                       const Headers &headers, const std::string &body) {
    net::io_context io;
    net::ip::tcp::socket socket(io);
    socket.connect({net::ip::make_address("127.0.0.1"), port});
    http::request<http::string_body> request;
    request.method_string(method);
    request.target(target);
    request.version(11);
    request.set(http::field::host, "127.0.0.1:" + std::to_string(port));
    for (const auto &[name, value] : headers) request.insert(name, value);
    request.body() = body;
    if (!body.empty() || method == "POST" || method == "PATCH") request.prepare_payload();
    request.keep_alive(false);
    // A server may answer (413) and close before reading a large body: the
    // write then fails, and the answer is still there to read.
    beast::error_code write_error;
    http::write(socket, request, write_error);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    http::read(socket, buffer, parser);
    const auto &response = parser.get();
    HttpReply reply;
    reply.status = static_cast<int>(response.result_int());
    for (const auto &field : response) {
        std::string name(field.name_string());
        for (auto &c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        reply.header_lines.emplace_back(name, std::string(field.value()));
        reply.headers[name] = std::string(field.value());
    }
    reply.body = response.body();
    beast::error_code ec;
    socket.shutdown(net::ip::tcp::socket::shutdown_both, ec);
    return reply;
}

std::string base64(const std::string &text) {
    std::string out(sodium_base64_ENCODED_LEN(text.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char *>(text.data()),
                      text.size(), sodium_base64_VARIANT_ORIGINAL);
    out.pop_back();
    return out;
}

}  // namespace pim::test
