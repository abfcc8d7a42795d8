// The admin console's HTTP side (issue 12): pages, scripts, login, logout
// and the one endpoint through which every screen calls the admin hooks.
// The host only routes: the plugin owns users, so login, sessions, CSRF and
// the security headers live here, next to the hooks they guard.
#pragma once

#include "app/app.hpp"
#include "http/http_response.hpp"

#include "pim/plugin_abi.h"

#include <string>
#include <vector>

namespace pim {

inline constexpr const char *admin_root_path = "/admin/";
inline constexpr const char *admin_login_path = "/admin/login";
inline constexpr const char *admin_logout_path = "/admin/logout";
inline constexpr const char *admin_session_path = "/admin/session";
inline constexpr const char *admin_hook_path = "/admin/hook";
inline constexpr const char *admin_asset_prefix = "/admin/assets/";

// A page of the System menu: its path, label, position and HTML asset.
struct AdminPage {
    const char *path;
    const char *label;
    int position;
    const char *script;  // its asset, loaded by the shared page shell (page.html)
};
const std::vector<AdminPage> &admin_pages();

// Paths of the embedded scripts and style sheets ("/admin/assets/admin.js").
std::vector<std::string> admin_asset_paths();

HttpResponse handle_admin_root(const pim_http_request &request);
HttpResponse handle_admin_page(const pim_http_request &request, App &app, const AdminPage &page);
HttpResponse handle_admin_asset(const pim_http_request &request);
// GET: the login page; POST {"username","password"}: a session (runs Argon2id).
HttpResponse handle_admin_login(const pim_http_request &request, App &app);
HttpResponse handle_admin_logout(const pim_http_request &request, App &app);
// GET: {"username"} of the session, 401 without one.
HttpResponse handle_admin_session(const pim_http_request &request, App &app);
// POST {"hook":"user.create","request":{…}}: the hook's status and body.
HttpResponse handle_admin_hook(const pim_http_request &request, App &app);

}  // namespace pim
