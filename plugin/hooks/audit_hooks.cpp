// connection.audit and api_connection.audit (ours, docs/connection-monitoring.md):
// the audit of pim:connection:audit / pim:oauth-server:audit as JSON.
#include "hooks/hooks.hpp"

#include "app/audit_service.hpp"

namespace pim {

HookResponse connection_audit(HookContext &context) {
    const auto code = context.request.string("code", true);
    context.request.finish_decoding();
    const Audit audit = AuditService(context.db(), context.app.settings())
                            .of_connection(*code, "Connection with code " + *code + " does not exist.");
    return {200, audit_json(audit)};
}

HookResponse api_connection_audit(HookContext &context) {
    const auto client_id = context.request.string("client_id", true);
    context.request.finish_decoding();
    const Audit audit =
        AuditService(context.db(), context.app.settings())
            .of_client(*client_id, "Client with public id " + *client_id + " does not exist.");
    return {200, audit_json(audit)};
}

}  // namespace pim
