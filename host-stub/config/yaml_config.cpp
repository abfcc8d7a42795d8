#include "config/yaml_config.hpp"

#include "host_error.hpp"

#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

namespace pim::host {
namespace {

std::string location_of(const std::string &file, const YAML::Mark &mark) {
    if (mark.is_null()) return file;
    return file + ":" + std::to_string(mark.line + 1);
}

// An alias inside the node it names makes an endless tree, and aliases of
// aliases a huge one from a few lines: flattening stops at these bounds.
constexpr std::size_t max_depth = 64;
constexpr std::size_t max_nodes = 100000;

class Flattener {
public:
    Flattener(std::string file, std::map<std::string, ConfigNode> &nodes)
        : file_(std::move(file)), nodes_(nodes) {}

    void add(const std::string &path, const YAML::Node &node, std::size_t depth = 0) {
        ConfigNode &entry = nodes_[path];
        entry.location = location_of(file_, node.Mark());
        if (depth > max_depth)
            throw HostError(entry.location + ": nested more than " + std::to_string(max_depth) +
                            " levels deep (an alias inside the node it refers to?). Fix the YAML.");
        if (nodes_.size() > max_nodes)
            throw HostError(file_ + ": more than " + std::to_string(max_nodes) +
                            " values (aliases repeated inside aliases?). Fix the YAML.");
        switch (node.Type()) {
            case YAML::NodeType::Map:
                entry.kind = ConfigNode::Kind::map;
                add_map(path, node, depth);
                break;
            case YAML::NodeType::Sequence: add_sequence(path, node, depth); break;
            case YAML::NodeType::Scalar:
                entry.kind = ConfigNode::Kind::scalar;
                entry.text = expand_variables(node.Scalar(), entry.location, path);
                break;
            default: entry.kind = ConfigNode::Kind::null; break;
        }
    }

private:
    void add_map(const std::string &path, const YAML::Node &node, std::size_t depth) {
        std::set<std::string> seen;
        for (const auto &item : node) {
            const std::string key_location = location_of(file_, item.first.Mark());
            if (!item.first.IsScalar())
                throw HostError(key_location + ": a key must be a plain name. Fix the YAML.");
            const std::string key = item.first.Scalar();
            if (key.empty() || key.find('.') != std::string::npos)
                throw HostError(key_location + ": invalid key \"" + key +
                                "\" (keys are non-empty and contain no dot). Rename it.");
            const std::string child = path.empty() ? key : path + "." + key;
            if (!seen.insert(key).second)
                throw HostError(key_location + ": duplicate key \"" + child + "\". Keep only one.");
            nodes_[path].children.emplace_back(key, key_location);
            add(child, item.second, depth + 1);
            nodes_[child].location = key_location;  // report a value at its key's line
        }
    }

    void add_sequence(const std::string &path, const YAML::Node &node, std::size_t depth) {
        ConfigNode &entry = nodes_[path];
        entry.kind = ConfigNode::Kind::sequence;
        std::size_t index = 0;
        for (const auto &item : node) add(path + "[" + std::to_string(index++) + "]", item, depth + 1);
    }

    std::string file_;
    std::map<std::string, ConfigNode> &nodes_;
};

}  // namespace

std::string expand_variables(const std::string &text, const std::string &location, const std::string &path) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '$' || i + 1 >= text.size()) {
            out += text[i];
            continue;
        }
        if (text[i + 1] == '$') {
            out += '$';
            ++i;
            continue;
        }
        if (text[i + 1] != '{') {
            out += text[i];
            continue;
        }
        const auto close = text.find('}', i + 2);
        if (close == std::string::npos)
            throw HostError(location + ": unterminated \"${\" in " + path +
                            ". Close it with \"}\" or write \"$$\" for a literal \"$\".");
        const std::string body = text.substr(i + 2, close - i - 2);
        const auto dash = body.find(":-");
        const std::string name = body.substr(0, dash);
        if (name.empty() ||
            name.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_") !=
                std::string::npos)
            throw HostError(location + ": invalid variable name \"" + name + "\" in " + path +
                            ". Use ${NAME} or ${NAME:-default}.");
        const char *value = std::getenv(name.c_str());
        if (value != nullptr && (dash == std::string::npos || *value != '\0'))
            out += value;
        else if (dash != std::string::npos)
            out += body.substr(dash + 2);
        else
            throw HostError(location + ": environment variable " + name + " is not set (used by " + path +
                            "). Set it, or give a default: ${" + name + ":-value}.");
        i = close;
    }
    return out;
}

YamlConfig YamlConfig::load(const std::filesystem::path &file) {
    std::ifstream stream(file);
    if (!stream)
        throw HostError(file.string() +
                        ": cannot read the configuration file. Check that it exists and is readable.");
    std::stringstream content;
    content << stream.rdbuf();
    return parse(content.str(), file.string());
}

YamlConfig YamlConfig::parse(const std::string &content, const std::string &file) {
    YamlConfig config;
    config.file_ = file;
    YAML::Node root;
    try {
        root = YAML::Load(content);
    } catch (const YAML::Exception &error) {
        throw HostError(location_of(config.file_, error.mark) + ": invalid YAML: " + error.msg +
                        ". Fix the syntax.");
    }
    if (root.IsDefined() && !root.IsNull() && !root.IsMap())
        throw HostError(config.file_ +
                        ": the configuration must be a map of keys (e.g. \"database:\"), not a " +
                        (root.IsSequence() ? "list" : "single value") + ".");
    Flattener flattener(config.file_, config.nodes_);
    if (root.IsMap()) {
        flattener.add("", root);
    } else {
        config.nodes_[""].kind = ConfigNode::Kind::map;
    }
    config.nodes_[""].location = config.file_;
    return config;
}

const ConfigNode *YamlConfig::find(const std::string &path) const {
    const auto found = nodes_.find(path);
    return found == nodes_.end() ? nullptr : &found->second;
}

}  // namespace pim::host
