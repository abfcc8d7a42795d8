#include "console/command_spec.hpp"

#include "domain/errors.hpp"
#include "domain/text.hpp"

#include <algorithm>

namespace pim {
namespace {

const OptionSpec format_option{"format", OptionSpec::Value::required, false,
                               "The output format (txt or json) [default: \"txt\"]"};

std::vector<OptionSpec> all_options(const CommandSpec &spec) {
    std::vector<OptionSpec> options = spec.options;
    options.push_back(format_option);
    return options;
}

std::string upper_name(const std::string &name) {
    return ascii_upper(name);
}

bool is_list(ArgumentSpec::Mode mode) {
    return mode == ArgumentSpec::Mode::required_list || mode == ArgumentSpec::Mode::optional_list;
}
bool is_required(ArgumentSpec::Mode mode) {
    return mode == ArgumentSpec::Mode::required || mode == ArgumentSpec::Mode::required_list;
}

class Parser {
public:
    Parser(const CommandSpec &spec, std::map<std::string, std::vector<std::string>> &args,
           std::map<std::string, std::vector<std::string>> &opts)
        : spec_(spec), options_spec_(all_options(spec)), args_(args), opts_(opts) {}

    void run(const std::vector<std::string> &argv) {
        bool options_ended = false;
        for (std::size_t i = 0; i < argv.size(); ++i) {
            const std::string &token = argv[i];
            if (!options_ended && token == "--") {
                options_ended = true;
            } else if (!options_ended && token.size() > 2 && token.compare(0, 2, "--") == 0) {
                long_option(token.substr(2), argv, i);
            } else if (!options_ended && token.size() > 1 && token[0] == '-') {
                throw UsageError("The \"-" + token.substr(1, 1) + "\" option does not exist.");
            } else {
                positional(token);
            }
        }
        std::vector<std::string> missing;
        for (const auto &arg : spec_.arguments)
            if (is_required(arg.mode) && args_.count(arg.name) == 0) missing.push_back(arg.name);
        if (!missing.empty()) {
            std::string names;
            for (const auto &name : missing) names += (names.empty() ? "" : ", ") + name;
            throw UsageError("Not enough arguments (missing: \"" + names + "\").");
        }
    }

private:
    const OptionSpec *find_option(const std::string &name) const {
        for (const auto &option : options_spec_)
            if (option.name == name) return &option;
        return nullptr;
    }

    void long_option(const std::string &body, const std::vector<std::string> &argv, std::size_t &i) {
        const auto equals = body.find('=');
        const std::string name = body.substr(0, equals);
        const OptionSpec *option = find_option(name);
        if (option == nullptr) throw UsageError("The \"--" + name + "\" option does not exist.");
        std::optional<std::string> value;
        if (equals != std::string::npos) value = body.substr(equals + 1);
        if (option->value == OptionSpec::Value::none) {
            if (value) throw UsageError("The \"--" + name + "\" option does not accept a value.");
            opts_[name].emplace_back();
            return;
        }
        // Symfony takes the next token as the value unless it looks like an option.
        if (!value && i + 1 < argv.size() && (argv[i + 1].empty() || argv[i + 1][0] != '-'))
            value = argv[++i];
        if (!value && option->value == OptionSpec::Value::required)
            throw UsageError("The \"--" + name + "\" option requires a value.");
        auto &values = opts_[name];
        if (!option->repeatable) values.clear();
        values.push_back(value.value_or(""));
    }

    void positional(const std::string &token) {
        for (const auto &arg : spec_.arguments) {
            auto &values = args_[arg.name];
            if (values.empty() || is_list(arg.mode)) {
                values.push_back(token);
                return;
            }
        }
        throw UsageError("Too many arguments.");
    }

    const CommandSpec &spec_;
    std::vector<OptionSpec> options_spec_;
    std::map<std::string, std::vector<std::string>> &args_;
    std::map<std::string, std::vector<std::string>> &opts_;
};

std::string option_synopsis(const OptionSpec &option) {
    std::string text = "[--" + option.name;
    if (option.value == OptionSpec::Value::required) text += " " + upper_name(option.name);
    if (option.value == OptionSpec::Value::optional) text += "[=" + upper_name(option.name) + "]";
    text += "]";
    if (option.repeatable) text += "...";
    return text;
}

std::string option_help_name(const OptionSpec &option) {
    std::string text = "--" + option.name;
    if (option.value == OptionSpec::Value::required) text += "=" + upper_name(option.name);
    if (option.value == OptionSpec::Value::optional) text += "[=" + upper_name(option.name) + "]";
    return text;
}

void append_rows(std::string &out, const std::vector<std::pair<std::string, std::string>> &rows) {
    std::size_t width = 0;
    for (const auto &row : rows) width = std::max(width, row.first.size());
    for (const auto &[name, description] : rows) {
        out += "  " + name;
        if (!description.empty()) out += std::string(width - name.size() + 2, ' ') + description;
        out += "\n";
    }
}

}  // namespace

std::string CommandSpec::synopsis() const {
    std::string text = name;
    for (const auto &option : all_options(*this)) text += " " + option_synopsis(option);
    if (!arguments.empty()) text += " [--]";
    std::string closing;
    for (const auto &arg : arguments) {
        std::string element = "<" + arg.name + ">";
        if (is_list(arg.mode)) element += "...";
        if (is_required(arg.mode)) {
            text += " " + element;
        } else {
            text += " [" + element;
            closing += "]";
        }
    }
    return text + closing;
}

std::string CommandSpec::help() const {
    std::string out;
    if (!arguments.empty()) {
        out += "Arguments:\n";
        std::vector<std::pair<std::string, std::string>> rows;
        for (const auto &arg : arguments) rows.emplace_back(arg.name, arg.description);
        append_rows(out, rows);
        out += "\n";
    }
    out += "Options:\n";
    std::vector<std::pair<std::string, std::string>> rows;
    for (const auto &option : all_options(*this))
        rows.emplace_back("    " + option_help_name(option),
                          option.description + (option.repeatable ? " (multiple values allowed)" : ""));
    append_rows(out, rows);
    return out;
}

std::optional<std::string> Input::argument(const std::string &name) const {
    const auto found = arguments_.find(name);
    if (found == arguments_.end() || found->second.empty()) return std::nullopt;
    return found->second.front();
}

std::vector<std::string> Input::arguments(const std::string &name) const {
    const auto found = arguments_.find(name);
    return found == arguments_.end() ? std::vector<std::string>{} : found->second;
}

bool Input::has_option(const std::string &name) const {
    return options_.count(name) > 0;
}

std::optional<std::string> Input::option(const std::string &name) const {
    const auto found = options_.find(name);
    if (found == options_.end() || found->second.empty()) return std::nullopt;
    return found->second.back();
}

std::vector<std::string> Input::options(const std::string &name) const {
    const auto found = options_.find(name);
    return found == options_.end() ? std::vector<std::string>{} : found->second;
}

Input parse_input(const CommandSpec &spec, const std::vector<std::string> &argv) {
    Input input;
    Parser parser(spec, input.arguments_, input.options_);
    parser.run(argv);
    for (auto it = input.arguments_.begin(); it != input.arguments_.end();)
        it = it->second.empty() ? input.arguments_.erase(it) : std::next(it);
    return input;
}

std::optional<std::string> find_format_option(const std::vector<std::string> &argv) {
    std::optional<std::string> format;
    for (std::size_t i = 0; i < argv.size() && argv[i] != "--"; ++i) {
        if (argv[i].rfind("--format=", 0) == 0)
            format = argv[i].substr(9);
        else if (argv[i] == "--format" && i + 1 < argv.size())
            format = argv[i + 1];
    }
    return format;
}

}  // namespace pim
