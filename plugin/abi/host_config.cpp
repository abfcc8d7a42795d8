#include "abi/host_config.hpp"

namespace pim {

ConfigEntry HostConfig::get(const std::string &path) const {
    pim_config_value value{};
    value.struct_size = sizeof value;
    host_.config_get(ctx_, path.c_str(), &value);
    ConfigEntry entry;
    switch (value.kind) {
        case PIM_CONFIG_NULL: entry.kind = ConfigEntry::Kind::null; break;
        case PIM_CONFIG_SCALAR: entry.kind = ConfigEntry::Kind::scalar; break;
        case PIM_CONFIG_MAP: entry.kind = ConfigEntry::Kind::map; break;
        case PIM_CONFIG_SEQUENCE: entry.kind = ConfigEntry::Kind::sequence; break;
        default: entry.kind = ConfigEntry::Kind::absent; break;
    }
    if (value.text != nullptr) entry.text = value.text;
    if (value.location != nullptr) entry.location = value.location;
    return entry;
}

std::vector<std::pair<std::string, std::string>> HostConfig::keys(const std::string &path) const {
    std::vector<std::pair<std::string, std::string>> keys;
    host_.config_visit_keys(
        ctx_, path.c_str(), &keys, [](void *opaque, const char *key, const char *location) {
            static_cast<std::vector<std::pair<std::string, std::string>> *>(opaque)->emplace_back(key,
                                                                                                  location);
        });
    return keys;
}

}  // namespace pim
