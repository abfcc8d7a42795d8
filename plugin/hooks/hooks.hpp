// The admin hooks of the plugin, one function each.
#pragma once

#include "hooks/admin_hook.hpp"

namespace pim {

HookResponse acl_list(HookContext &context);
HookResponse role_create(HookContext &context);
HookResponse role_list(HookContext &context);
HookResponse role_update(HookContext &context);
HookResponse role_delete(HookContext &context);
HookResponse user_create(HookContext &context);
HookResponse user_list(HookContext &context);
HookResponse user_update(HookContext &context);
HookResponse user_delete(HookContext &context);
HookResponse api_connection_create(HookContext &context);
HookResponse api_connection_list(HookContext &context);
HookResponse api_connection_revoke(HookContext &context);
HookResponse api_connection_set_introspection(HookContext &context);
HookResponse connection_create(HookContext &context);
HookResponse connection_regenerate_secret(HookContext &context);
HookResponse connection_regenerate_password(HookContext &context);
HookResponse connection_audit(HookContext &context);
HookResponse api_connection_audit(HookContext &context);

}  // namespace pim
