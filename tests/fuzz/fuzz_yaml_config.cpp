// libFuzzer target: the host's configuration loader
// (pim::host::YamlConfig::parse in host-stub/config/yaml_config.cpp).
//
// Input: the content of config/<env>.yaml. HostError is the expected refusal
// (file:line and what to do); anything else is a finding.
#include "config/yaml_config.hpp"
#include "host_error.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

void check(bool condition) {
    if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
    // Variables the corpus and the dictionary refer to: set, and set but empty.
    setenv("PIM_FUZZ_SET", "value", 1);
    setenv("PIM_FUZZ_EMPTY", "", 1);
    unsetenv("PIM_FUZZ_UNSET");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const std::string content(reinterpret_cast<const char *>(data), size);
    try {
        const auto config = pim::host::YamlConfig::parse(content, "config/dev.yaml");
        const auto *root = config.find("");
        check(root != nullptr && root->kind == pim::host::ConfigNode::Kind::map);
        for (const auto &[key, location] : root->children) {
            check(location.rfind("config/dev.yaml", 0) == 0);
            check(config.find(key) != nullptr);
        }
        (void)config.find("database.url");
        (void)config.find("security.password.argon2id.memlimit_kib");
    } catch (const pim::host::HostError &error) {
        check(std::string(error.what()).rfind("config/dev.yaml", 0) == 0);
    }
    return 0;
}
