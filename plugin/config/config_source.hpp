// Read access to the host's configuration (config/<env>.yaml after ${VAR}
// expansion). The ABI adapter implements it over pim_host_services.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace pim {

struct ConfigEntry {
    enum class Kind { absent, null, scalar, map, sequence };
    Kind kind = Kind::absent;
    std::string text;      // scalar text
    std::string location;  // "config/prod.yaml:12" (the file alone when absent)
};

class ConfigSource {
public:
    virtual ~ConfigSource() = default;
    [[nodiscard]] virtual ConfigEntry get(const std::string &path) const = 0;
    // (key, location) of every key directly under the map at `path`.
    [[nodiscard]] virtual std::vector<std::pair<std::string, std::string>> keys(
        const std::string &path) const = 0;
    [[nodiscard]] virtual std::string environment() const = 0;
    [[nodiscard]] virtual std::filesystem::path project_dir() const = 0;
};

}  // namespace pim
