// config/<env>.yaml, loaded with yaml-cpp and flattened into dotted paths
// ("oauth.access_token_lifetime") that remember their file:line. Scalars get
// ${VAR} / ${VAR:-default} expansion ("$$" is a literal "$").
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace pim::host {

struct ConfigNode {
    enum class Kind { null, scalar, map, sequence };
    Kind kind = Kind::null;
    std::string text;                                           // scalar, after expansion
    std::string location;                                       // "config/dev.yaml:12"
    std::vector<std::pair<std::string, std::string>> children;  // map: (key, location), file order
};

class YamlConfig {
public:
    // Throws HostError naming file:line for unreadable files, bad YAML,
    // duplicate keys, non-scalar keys and unset variables.
    static YamlConfig load(const std::filesystem::path &file);
    // The same for YAML text already read; `file` names it in messages.
    static YamlConfig parse(const std::string &content, const std::string &file);

    [[nodiscard]] const ConfigNode *find(const std::string &path) const;
    [[nodiscard]] const std::string &file() const { return file_; }

private:
    std::string file_;
    std::map<std::string, ConfigNode> nodes_;  // "" is the root map
};

// Exposed for tests: expands ${VAR}, ${VAR:-default} and $$ in `text`.
// Throws HostError(location + ...) for an unset variable without default.
std::string expand_variables(const std::string &text, const std::string &location, const std::string &path);

}  // namespace pim::host
