#include "http/token_request.hpp"

#include "domain/base64.hpp"
#include "domain/text.hpp"

#include <sodium.h>
#include <boost/json.hpp>
#include <boost/json/basic_parser_impl.hpp>
#include <boost/url/pct_string_view.hpp>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <map>
#include <span>

namespace pim {
namespace {

using Values = std::map<std::string, std::optional<std::string>, std::less<>>;

const char *const invalid_json = "Invalid json message received";

// token-endpoint.md §2.3: strings as is, integers in decimal, booleans as
// "1" / "", other numbers as JSON text; objects, arrays and null are missing.
std::optional<std::string> scalar_text(const boost::json::value &value) {
    switch (value.kind()) {
        case boost::json::kind::string: return std::string(value.get_string());
        case boost::json::kind::int64: return std::to_string(value.get_int64());
        case boost::json::kind::uint64: return std::to_string(value.get_uint64());
        case boost::json::kind::bool_: return value.get_bool() ? "1" : "";
        case boost::json::kind::double_: return boost::json::serialize(value);
        default: return std::nullopt;
    }
}

// Heap memory that is wiped when it is given back: the parsed document and
// the parser's stack hold the password and the client secret. Each block
// records its own size and alignment in front of it, so that wiping and
// freeing never trust the (not always equal) values the caller passes back.
class WipingResource final : public boost::json::memory_resource {
    struct Header {
        std::size_t bytes;
        std::size_t alignment;  // of the raw allocation, also the block's offset in it
    };
    static_assert(sizeof(Header) <= alignof(std::max_align_t));

    void *do_allocate(std::size_t bytes, std::size_t alignment) override {
        const std::size_t raw_alignment = std::max(alignment, alignof(std::max_align_t));
        auto *raw = static_cast<unsigned char *>(
            ::operator new(bytes + raw_alignment, std::align_val_t(raw_alignment)));
        unsigned char *block = raw + raw_alignment;
        const Header header{bytes, raw_alignment};
        std::memcpy(block - sizeof(Header), &header, sizeof header);
        return block;
    }
    void do_deallocate(void *pointer, std::size_t /*bytes*/, std::size_t /*alignment*/) override {
        auto *block = static_cast<unsigned char *>(pointer);
        Header header{};
        std::memcpy(&header, block - sizeof(Header), sizeof header);
        sodium_memzero(block, header.bytes);
        ::operator delete(block - header.alignment, std::align_val_t(header.alignment));
    }
    [[nodiscard]] bool do_is_equal(const memory_resource &other) const noexcept override {
        return this == &other;
    }
};

// False when the body is not a JSON object, an array or empty (400).
bool decode_json(std::string_view body, Values &values) {
    if (body.empty()) return true;
    WipingResource wiping;
    const boost::json::storage_ptr storage(&wiping);
    boost::json::parser parser(storage);
    parser.reset(storage);
    boost::system::error_code ec;
    parser.write(body, ec);
    if (ec) return false;
    const boost::json::value document = parser.release();
    if (document.is_array()) return true;  // decoded as a list: no named parameter
    if (!document.is_object()) return false;
    for (const auto &member : document.get_object())
        values[std::string(member.key())] = scalar_text(member.value());
    return true;
}

std::string form_decode(std::string_view part) {
    boost::urls::encoding_opts options;
    options.space_as_plus = true;
    const auto encoded = boost::urls::make_pct_string_view(part);
    if (!encoded) return std::string(part);  // a stray '%': kept as typed
    return encoded->decode(options);
}

Values decode_form(std::string_view body) {
    Values values;
    while (!body.empty()) {
        const auto amp = body.find('&');
        const std::string_view pair = body.substr(0, amp);
        body.remove_prefix(amp == std::string_view::npos ? body.size() : amp + 1);
        if (pair.empty()) continue;
        const auto equals = pair.find('=');
        const std::string name = form_decode(pair.substr(0, equals));
        std::string value =
            equals == std::string_view::npos ? std::string() : form_decode(pair.substr(equals + 1));
        const auto bracket = name.find('[');
        if (bracket != std::string::npos && bracket > 0)
            values[name.substr(0, bracket)] = std::nullopt;  // "grant_type[]=…" is a list, not a scalar
        else
            values[name] = value;
        wipe(value);
    }
    return values;
}

// A JSON handler that keeps only the top-level "grant_type" string: every
// other value goes by as a view into the body and is not stored.
class GrantTypeHandler {
public:
    static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);

    std::optional<std::string> grant_type;

    bool on_document_begin(boost::system::error_code & /*ec*/) { return true; }
    bool on_document_end(boost::system::error_code & /*ec*/) { return true; }
    bool on_array_begin(boost::system::error_code & /*ec*/) { return enter(); }
    bool on_array_end(std::size_t /*n*/, boost::system::error_code & /*ec*/) { return leave(); }
    bool on_object_begin(boost::system::error_code & /*ec*/) { return enter(); }
    bool on_object_end(std::size_t /*n*/, boost::system::error_code & /*ec*/) { return leave(); }
    bool on_key_part(boost::json::string_view part, std::size_t /*n*/, boost::system::error_code & /*ec*/) {
        key_.append(part.data(), part.size());
        return true;
    }
    bool on_key(boost::json::string_view part, std::size_t /*n*/, boost::system::error_code &ec) {
        on_key_part(part, 0, ec);
        wanted_ = depth_ == 1 && key_ == "grant_type";
        key_.clear();
        if (wanted_) grant_type.reset();  // the last one counts, as in decode_token_body
        return true;
    }
    bool on_string_part(boost::json::string_view part, std::size_t /*n*/,
                        boost::system::error_code & /*ec*/) {
        if (wanted_) value_.append(part.data(), part.size());
        return true;
    }
    bool on_string(boost::json::string_view part, std::size_t /*n*/, boost::system::error_code &ec) {
        on_string_part(part, 0, ec);
        if (wanted_) grant_type = std::move(value_);
        value_.clear();
        wanted_ = false;
        return true;
    }
    bool on_number_part(boost::json::string_view /*part*/, boost::system::error_code & /*ec*/) {
        return true;
    }
    bool on_int64(std::int64_t /*i*/, boost::json::string_view /*s*/, boost::system::error_code & /*ec*/) {
        return scalar();
    }
    bool on_uint64(std::uint64_t /*u*/, boost::json::string_view /*s*/, boost::system::error_code & /*ec*/) {
        return scalar();
    }
    bool on_double(double /*d*/, boost::json::string_view /*s*/, boost::system::error_code & /*ec*/) {
        return scalar();
    }
    bool on_bool(bool /*b*/, boost::system::error_code & /*ec*/) { return scalar(); }
    bool on_null(boost::system::error_code & /*ec*/) { return scalar(); }
    bool on_comment_part(boost::json::string_view /*s*/, boost::system::error_code & /*ec*/) { return true; }
    bool on_comment(boost::json::string_view /*s*/, boost::system::error_code & /*ec*/) { return true; }

private:
    bool enter() {
        ++depth_;
        wanted_ = false;  // "grant_type": {…} or […] is no grant type
        return true;
    }
    bool leave() {
        --depth_;
        return true;
    }
    bool scalar() {
        wanted_ = false;  // a number or boolean grant type is none the grants know
        return true;
    }

    int depth_ = 0;
    bool wanted_ = false;
    std::string key_, value_;
};

std::optional<std::string> take(Values &values, std::string_view name) {
    const auto found = values.find(name);
    return found == values.end() ? std::nullopt : found->second;  // the map's copy is wiped afterwards
}

}  // namespace

OAuthResult<TokenParameters> decode_token_body(std::string_view content_type, std::string_view body) {
    const std::string_view media_type = trim(content_type.substr(0, content_type.find(';')));
    if (media_type.empty())
        return refusal::unsupported_media_type(
            "The \"Content-Type\" header is missing. \"application/json\" or "
            "\"application/x-www-form-urlencoded\" has to be specified as value.");
    Values values;
    const auto wipe_values = [&values] {
        for (auto &[name, value] : values) wipe(value);
    };
    if (iequals_ascii(media_type, "application/json")) {
        if (!decode_json(body, values)) {
            wipe_values();
            return refusal::bad_request(invalid_json);
        }
    } else if (iequals_ascii(media_type, "application/x-www-form-urlencoded")) {
        values = decode_form(body);
    } else {
        return refusal::unsupported_media_type(
            "\"" + std::string(media_type) +
            "\" in \"Content-Type\" header is not valid. Only "
            "\"application/json\" or \"application/x-www-form-urlencoded\" "
            "are allowed.");
    }
    TokenParameters parameters;
    parameters.grant_type = take(values, "grant_type");
    parameters.username = take(values, "username");
    parameters.password = take(values, "password");
    parameters.refresh_token = take(values, "refresh_token");
    parameters.scope = take(values, "scope");
    parameters.client_id = take(values, "client_id");
    parameters.client_secret = take(values, "client_secret");
    parameters.token = take(values, "token");
    parameters.token_type_hint = take(values, "token_type_hint");
    wipe_values();
    return parameters;
}

std::optional<std::string> peek_grant_type(std::string_view content_type, std::string_view body) {
    const std::string_view media_type = trim(content_type.substr(0, content_type.find(';')));
    if (iequals_ascii(media_type, "application/json")) {
        boost::json::basic_parser<GrantTypeHandler> parser(boost::json::parse_options{});
        boost::system::error_code ec;
        parser.write_some(false, body.data(), body.size(), ec);
        if (ec) return std::nullopt;
        return std::move(parser.handler().grant_type);
    }
    if (!iequals_ascii(media_type, "application/x-www-form-urlencoded")) return std::nullopt;
    std::optional<std::string> grant_type;
    while (!body.empty()) {  // as decode_form, decoding names only, and grant_type's value
        const auto amp = body.find('&');
        const std::string_view pair = body.substr(0, amp);
        body.remove_prefix(amp == std::string_view::npos ? body.size() : amp + 1);
        const auto equals = pair.find('=');
        if (form_decode(pair.substr(0, equals)) == "grant_type")
            grant_type =
                equals == std::string_view::npos ? std::string() : form_decode(pair.substr(equals + 1));
    }
    return grant_type;
}

std::optional<ClientCredentials> basic_credentials(std::string_view authorization) {
    authorization = trim(authorization);
    const auto space = authorization.find(' ');
    if (space == std::string_view::npos || !iequals_ascii(authorization.substr(0, space), "Basic"))
        return std::nullopt;
    const std::string_view encoded = trim(authorization.substr(space + 1));
    std::string decoded(encoded.size(), '\0');
    struct WipedOnExit {  // on every way out: it holds the secret, or part of it
        std::string &text;
        ~WipedOnExit() { wipe(text); }
    } const wiped_on_exit{decoded};
    const auto length = decode_base64_secret(
        encoded, std::span(reinterpret_cast<unsigned char *>(decoded.data()), decoded.size()));
    if (!length) return std::nullopt;
    const std::string_view credentials(decoded.data(), *length);
    const auto colon = credentials.find(':');
    if (colon == std::string_view::npos || colon == 0) return std::nullopt;
    return std::optional<ClientCredentials>(std::in_place, std::string(credentials.substr(0, colon)),
                                            std::string(credentials.substr(colon + 1)));
}

std::optional<ClientCredentials> presented_client(std::string_view authorization,
                                                  const TokenParameters &parameters) {
    if (auto basic = basic_credentials(authorization)) return basic;
    if (!parameters.client_id || parameters.client_id->empty()) return std::nullopt;
    return std::optional<ClientCredentials>(std::in_place, *parameters.client_id,
                                            parameters.client_secret.value_or(""));
}

}  // namespace pim
