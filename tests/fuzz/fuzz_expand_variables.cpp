// libFuzzer target: ${VAR}, ${VAR:-default} and $$ expansion of the host's
// configuration values (pim::host::expand_variables in
// host-stub/config/yaml_config.cpp).
//
// Input: a scalar value. HostError is the expected refusal.
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
    setenv("PIM_FUZZ_SET", "value", 1);
    setenv("PIM_FUZZ_EMPTY", "", 1);
    unsetenv("PIM_FUZZ_UNSET");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const std::string text(reinterpret_cast<const char *>(data), size);
    try {
        const std::string expanded = pim::host::expand_variables(text, "config/dev.yaml:1", "database.url");
        // Without "${" nothing is looked up: only "$$" shrinks to "$".
        if (text.find("${") == std::string::npos) check(expanded.size() <= text.size());
    } catch (const pim::host::HostError &error) {
        check(std::string(error.what()).rfind("config/dev.yaml:1: ", 0) == 0);
    }
    return 0;
}
