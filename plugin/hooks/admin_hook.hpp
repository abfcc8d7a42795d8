// Admin hooks: the JSON calls behind the host's System menu (admin-hooks.md).
#pragma once

#include "app/app.hpp"
#include "hooks/hook_request.hpp"

#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pim {

struct HookResponse {
    int status = 200;
    boost::json::value body;  // null for 204
};

struct HookContext {
    App &app;
    HookRequest &request;
    // A pooled connection, taken on first use (acl.list needs none): hooks
    // may run on several threads at once.
    std::optional<ConnectionPool::Lease> lease;
    Database &db() {
        if (!lease) lease.emplace(app.pool().acquire());
        return lease->db();
    }
};

struct AdminHook {
    const char *name;
    const char *description;
    HookResponse (*handle)(HookContext &context);
};

// Every hook of the plugin, in registration order.
const std::vector<AdminHook> &admin_hooks();

// Runs `hook` on a request body; writes the response body, returns the
// status. Never throws: errors become the spec's error document.
int run_admin_hook(const AdminHook &hook, App &app, std::string_view request, std::string &response) noexcept;

}  // namespace pim
