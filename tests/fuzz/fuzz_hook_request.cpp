// libFuzzer target: the strict JSON decoding of admin hook requests
// (pim::HookRequest in plugin/hooks/hook_request.cpp, admin-hooks.md §1).
//
// Input: the request body. It is decoded with the field sets of a few hooks;
// pim::Error and its subclasses are the expected refusals, anything else (an
// escaping exception, a crash, a sanitizer report) is a finding.
#include "domain/errors.hpp"
#include "hooks/hook_request.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

void check(bool condition) {
    if (!condition) std::abort();
}

void role_create(std::string_view body) {
    pim::HookRequest request(body);
    const auto label = request.string("label", true);
    const auto permissions = request.strings("permissions", false);
    const auto users = request.strings("users", false);
    request.finish_decoding();
    check(label.has_value());
    (void)permissions;
    (void)users;
}

void user_update(std::string_view body) {
    pim::HookRequest request(body);
    const auto username = request.string("username", true);
    (void)request.string("email", false);
    (void)request.string("first_name", false);
    (void)request.string("last_name", false);
    (void)request.string("ui_locale", false);
    (void)request.boolean("enabled", false);
    (void)request.string("password", false);
    (void)request.strings("roles", false);
    request.finish_decoding();
    check(username.has_value());
}

void connection_list(std::string_view body) {
    pim::HookRequest request(body);
    (void)request.string("search", false);
    request.finish_decoding();
}

template <typename Hook>
void decode(Hook hook, std::string_view body) {
    try {
        hook(body);
    } catch (const pim::ValidationError &error) {
        check(error.status() == 400 && !error.violations().empty());
        for (const auto &violation : error.violations()) check(!violation.message.empty());
    } catch (const pim::Error &error) {
        check(error.status() == 400);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const std::string_view body(reinterpret_cast<const char *>(data), size);
    decode(role_create, body);
    decode(user_update, body);
    decode(connection_list, body);
    return 0;
}
