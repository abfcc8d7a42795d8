#include "http/health_endpoints.hpp"

#include "storage/migrations.hpp"

#include <boost/json.hpp>

namespace pim {
namespace {

std::optional<HttpResponse> method_not_allowed(const pim_http_request &request, const char *path) {
    const std::string_view method = view(request.method);
    if (method == "GET" || method == "HEAD") return std::nullopt;
    HttpResponse response = json_message(405, "No route found for \"" + std::string(method) + " " + path +
                                                  "\": Method Not Allowed (Allow: GET, HEAD)");
    response.headers.emplace_back("Allow", "GET, HEAD");
    return response;
}

HttpResponse status_response(int status, const boost::json::object &body) {
    HttpResponse response = json_response(status, body);
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
}

}  // namespace

HttpResponse handle_liveness_request(const pim_http_request &request) {
    if (auto refused = method_not_allowed(request, liveness_path)) return std::move(*refused);
    return status_response(200, {{"status", "ok"}});
}

HttpResponse handle_readiness_request(const pim_http_request &request,
                                      const std::function<ConnectionPool &()> &pool,
                                      const std::function<void(int, const std::string &)> &log) noexcept {
    try {
        if (auto refused = method_not_allowed(request, readiness_path)) return std::move(*refused);
        std::string reason;
        try {
            const auto [current, latest] = with_connection(pool(), [](ConnectionPool::Lease &lease) {
                Migrator migrator(lease.db());
                return std::pair(migrator.current_version(), migrator.latest_version());
            });
            if (current != latest)
                reason = "The database schema is at version " + std::to_string(current) +
                         ", this plugin needs version " + std::to_string(latest) + ".";
        } catch (const std::exception &error) {
            reason = std::string("The database cannot be used: ") + error.what();
        }
        if (reason.empty()) return status_response(200, {{"status", "ready"}});
        log(PIM_LOG_DEBUG, "readiness check failed: " + reason);
        return status_response(503, {{"status", "unavailable"}, {"reason", reason}});
    } catch (...) {
        HttpResponse response;
        response.status = 503;
        return response;
    }
}

}  // namespace pim
