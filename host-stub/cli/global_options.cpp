#include "cli/global_options.hpp"

#include "host_error.hpp"

#include <boost/program_options.hpp>

#include <algorithm>
#include <map>

namespace po = boost::program_options;

namespace pim::host {
namespace {

po::options_description host_options() {
    po::options_description options;
    options.add_options()("env,e", po::value<std::string>())("config-dir", po::value<std::string>())(
        "plugins-dir", po::value<std::string>())("no-interaction,n", po::bool_switch())(
        "quiet,q", po::bool_switch())("verbose", po::bool_switch())("no-ansi", po::bool_switch())(
        "help,h", po::bool_switch())("version,V", po::bool_switch());
    return options;
}

bool is_verbosity_flag(const std::string &token) {
    return token.size() >= 2 && token.size() <= 4 && token[0] == '-' &&
           std::all_of(token.begin() + 1, token.end(), [](char c) { return c == 'v'; });
}

// Boost's messages become Symfony's, which scripts and users know.
[[noreturn]] void rethrow_as_command_line_error(const po::error_with_option_name &error) {
    std::string name = error.get_option_name();
    if (name.rfind("--", 0) != 0 && name.rfind('-', 0) == 0 && name.size() == 2) {
        const std::map<char, std::string> long_names{
            {'e', "--env"}, {'n', "--no-interaction"}, {'q', "--quiet"}, {'h', "--help"}, {'V', "--version"}};
        if (const auto it = long_names.find(name[1]); it != long_names.end()) name = it->second;
    }
    if (dynamic_cast<const po::invalid_command_line_syntax *>(&error) != nullptr) {
        const auto kind = dynamic_cast<const po::invalid_command_line_syntax &>(error).kind();
        if (kind == po::invalid_syntax::missing_parameter)
            throw CommandLineError("The \"" + name + "\" option requires a value.");
        if (kind == po::invalid_syntax::extra_parameter)
            throw CommandLineError("The \"" + name + "\" option does not accept a value.");
    }
    throw CommandLineError("Invalid use of the \"" + name + "\" option: " + error.what());
}

void apply(GlobalOptions &out, const po::option &option) {
    const std::string &key = option.string_key;
    const std::string value = option.value.empty() ? std::string() : option.value.back();
    if (key == "env")
        out.env = value;
    else if (key == "config-dir")
        out.config_dir = value;
    else if (key == "plugins-dir")
        out.plugins_dir = value;
    else if (key == "no-interaction")
        out.no_interaction = true;
    else if (key == "quiet")
        out.quiet = true;
    else if (key == "verbose")
        out.verbosity = std::max(out.verbosity, 1);
    else if (key == "no-ansi")
        out.no_ansi = true;
    else if (key == "help")
        out.help = true;
    else if (key == "version")
        out.version = true;
}

}  // namespace

GlobalOptions parse_global_options(const std::vector<std::string> &args) {
    GlobalOptions out;
    const auto dash_dash = std::find(args.begin(), args.end(), "--");
    std::vector<std::string> before;
    for (auto it = args.begin(); it != dash_dash; ++it) {
        if (is_verbosity_flag(*it))
            out.verbosity = std::max(out.verbosity, static_cast<int>(it->size()) - 1);
        else
            before.push_back(*it);
    }

    po::parsed_options parsed(nullptr);
    try {
        const int style = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
        parsed =
            po::command_line_parser(before).options(host_options()).style(style).allow_unregistered().run();
    } catch (const po::error_with_option_name &error) {
        rethrow_as_command_line_error(error);
    } catch (const po::error &error) {
        throw CommandLineError(error.what());
    }

    std::vector<std::string> rest;
    for (const auto &option : parsed.options) {
        if (option.unregistered || option.position_key >= 0)
            rest.insert(rest.end(), option.original_tokens.begin(), option.original_tokens.end());
        else
            apply(out, option);
    }
    if (dash_dash != args.end()) rest.insert(rest.end(), dash_dash, args.end());

    // The command is the first token that is not an option.
    for (auto it = rest.begin(); it != rest.end(); ++it) {
        if (*it == "--") {
            if (std::next(it) != rest.end()) {
                out.command = *std::next(it);
                rest.erase(std::next(it));
            }
            break;
        }
        if (it->empty() || (*it)[0] != '-') {
            out.command = *it;
            rest.erase(it);
            break;
        }
    }
    out.command_args = rest;
    return out;
}

}  // namespace pim::host
