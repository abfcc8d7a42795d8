#include "app/error_json.hpp"
#include "hooks/admin_hook.hpp"

#include <boost/json.hpp>

namespace pim {
namespace {

// Storage and internal problems are logged in full but answered without
// internal details (admin-hooks.md §1).
int internal_failure(App &app, const AdminHook &hook, int status, const std::string &detail,
                     std::string &response) {
    app.log(PIM_LOG_ERROR, std::string("admin hook ") + hook.name + " failed: " + detail);
    response = error_json(status, status == 503 ? "Service temporarily unavailable." : "Internal error.");
    return status;
}

}  // namespace

int run_admin_hook(const AdminHook &hook, App &app, std::string_view request,
                   std::string &response) noexcept {
    try {
        try {
            HookRequest decoded(request);
            HookContext context{app, decoded, std::nullopt};
            try {
                HookResponse result = hook.handle(context);
                response = result.status == 204 ? std::string() : boost::json::serialize(result.body);
                return result.status;
            } catch (const ValidationError &error) {
                response =
                    error_json(ValidationError(error.status(), decoded.in_request_order(error.violations())));
                return error.status();
            } catch (const StorageUnavailable &) {
                if (context.lease) context.lease->discard();  // the next call reconnects
                throw;
            }
        } catch (const StorageUnavailable &error) {
            return internal_failure(app, hook, 503, error.what(), response);
        } catch (const SchemaMismatch &error) {
            return internal_failure(app, hook, 503, error.what(), response);
        } catch (const Error &error) {
            if (error.status() >= 500)
                return internal_failure(app, hook, error.status(), error.what(), response);
            response = error_json(error);
            return error.status();
        } catch (const std::exception &error) {
            return internal_failure(app, hook, 500, error.what(), response);
        }
    } catch (...) {
        response = R"({"error":{"status":500,"message":"Internal error.","violations":[]}})";
        return 500;
    }
}

}  // namespace pim
