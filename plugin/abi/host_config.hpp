// ConfigSource over the host's config services.
#pragma once

#include "config/config_source.hpp"

#include "pim/plugin_abi.h"

namespace pim {

class HostConfig final : public ConfigSource {
public:
    HostConfig(const pim_host_services &host, pim_host_context *ctx) : host_(host), ctx_(ctx) {}
    [[nodiscard]] ConfigEntry get(const std::string &path) const override;
    [[nodiscard]] std::vector<std::pair<std::string, std::string>> keys(
        const std::string &path) const override;
    [[nodiscard]] std::string environment() const override { return host_.environment; }
    [[nodiscard]] std::filesystem::path project_dir() const override { return host_.project_dir; }

private:
    const pim_host_services &host_;
    pim_host_context *ctx_;
};

}  // namespace pim
