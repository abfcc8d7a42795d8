// Loads every plugin of a directory through Boost.DLL, checks its descriptor
// before calling anything (magic, ABI version, sizes), then runs its init
// with the host's services table. A plugin that fails any step is refused
// with a message naming its file.
#pragma once

#include "config/yaml_config.hpp"
#include "loader/plugin_record.hpp"
#include "loader/registry.hpp"
#include "metrics/metrics.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct pim_host_context {
    pim::host::PluginRecord *plugin = nullptr;
    pim::host::Registrations *staging = nullptr;  // non-null only during init
    const pim::host::Registry *registry = nullptr;
    const pim::host::YamlConfig *config = nullptr;
    std::function<void(int, std::string_view)> log;
    std::string refusal;                    // the first registration the host refused
    pim::host::Metrics *metrics = nullptr;  // ABI 1.3; nullptr: metrics off
};

namespace pim::host {

struct HostIdentity {
    std::string environment;
    std::string project_dir;
};

// Makes this process stand for a host of an older ABI minor (at most this
// one's): its services table, descriptor check and registrations then hold
// to that minor. Only the test host tests/abi/pim_host_abi10.cpp calls it.
void offer_abi_minor(std::uint16_t minor);

// The error that refuses `descriptor`, or nullopt when the host can use it.
std::optional<std::string> check_descriptor(const pim_plugin_descriptor *descriptor, const std::string &file);

class PluginHost {
public:
    // With `metrics`, plugins get the ABI 1.3 metric services and register
    // their series there (it must outlive this object); without, NULL.
    PluginHost(const YamlConfig &config, HostIdentity identity, Registry &registry,
               std::function<void(int, std::string_view)> log, Metrics *metrics = nullptr);
    ~PluginHost();  // shuts the plugins down, last loaded first
    PluginHost(const PluginHost &) = delete;
    PluginHost &operator=(const PluginHost &) = delete;

    // Throws HostError naming the file of the first plugin refused.
    void load_directory(const std::filesystem::path &dir);
    void load(const std::filesystem::path &file);

    [[nodiscard]] const std::vector<std::unique_ptr<PluginRecord>> &plugins() const { return plugins_; }
    [[nodiscard]] Metrics *metrics() const { return metrics_; }

private:
    const YamlConfig &config_;
    HostIdentity identity_;
    Registry &registry_;
    std::function<void(int, std::string_view)> log_;
    Metrics *metrics_;
    pim_host_services services_{};
    std::vector<std::unique_ptr<PluginRecord>> plugins_;
    std::vector<std::unique_ptr<pim_host_context>> contexts_;
};

}  // namespace pim::host
