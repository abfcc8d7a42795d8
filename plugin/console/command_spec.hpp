// What a console command accepts, in Symfony-console terms, and the parser
// that turns argv into values with Symfony's exact error messages.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pim {

struct ArgumentSpec {
    enum class Mode { required, optional, required_list, optional_list };
    std::string name;
    Mode mode = Mode::required;
    std::string description;
};

struct OptionSpec {
    enum class Value { none, required, optional };
    std::string name;  // without "--"
    Value value = Value::required;
    bool repeatable = false;
    std::string description;
};

struct CommandSpec {
    std::string name;
    std::string description;
    std::vector<std::string> aliases;
    std::vector<ArgumentSpec> arguments;
    std::vector<OptionSpec> options;  // --format is added to every command

    // "name [--label LABEL] [--grant_type GRANT_TYPE]... [--format FORMAT] [--] [<label>]"
    [[nodiscard]] std::string synopsis() const;
    // The "Arguments:" and "Options:" sections of `pim-host help <name>`.
    [[nodiscard]] std::string help() const;
};

class Input {
public:
    [[nodiscard]] std::optional<std::string> argument(const std::string &name) const;
    [[nodiscard]] std::vector<std::string> arguments(const std::string &name) const;
    [[nodiscard]] bool has_option(const std::string &name) const;
    // The last value given (an optional-value option given bare yields "").
    [[nodiscard]] std::optional<std::string> option(const std::string &name) const;
    [[nodiscard]] std::vector<std::string> options(const std::string &name) const;

private:
    friend Input parse_input(const CommandSpec &, const std::vector<std::string> &);
    std::map<std::string, std::vector<std::string>> arguments_;
    std::map<std::string, std::vector<std::string>> options_;
};

// Throws UsageError with the Symfony message ("The \"--x\" option does not exist.").
Input parse_input(const CommandSpec &spec, const std::vector<std::string> &argv);

// --format's value before full parsing, so that even usage errors follow it.
std::optional<std::string> find_format_option(const std::vector<std::string> &argv);

}  // namespace pim
