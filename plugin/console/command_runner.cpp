#include "app/error_json.hpp"
#include "console/command.hpp"
#include "domain/errors.hpp"

#include <boost/json.hpp>

namespace pim {
namespace {

void report(Console &console, const Command &command, const Error &error) {
    if (console.json()) {
        console.json_document(error_json(error));
        return;
    }
    if (const auto *validation = dynamic_cast<const ValidationError *>(&error)) {
        if (const auto heading = command.validation_heading(); !heading.empty())
            console.error_line(console.styled(Style::error, heading, PIM_STDERR));
        for (const auto &violation : validation->violations())
            console.error_line(
                console.styled(Style::error, violation.path + ": " + violation.message, PIM_STDERR));
        return;
    }
    console.error_line(console.styled(Style::error, error.what(), PIM_STDERR));
    if (dynamic_cast<const UsageError *>(&error) != nullptr)
        console.error_line("Usage: " + command.spec().synopsis());
}

int execute(const Command &command, App &app, Console &console, const std::vector<std::string> &argv) {
    const auto format = find_format_option(argv).value_or("txt");
    if (format != "txt" && format != "json")
        throw InvalidInput("Unsupported format \"" + format + "\". Supported formats: txt, json.");
    console.set_json(format == "json");
    const Input input = parse_input(command.spec(), argv);
    CommandContext context{app, console, input};
    return command.execute(context);
}

}  // namespace

void write_json(Console &console, const boost::json::value &document) {
    console.json_document(boost::json::serialize(document));
}

int run_command(const Command &command, App &app, const pim_command_invocation &invocation) noexcept {
    Console console(*invocation.console);
    try {
        try {
            const std::vector<std::string> argv(invocation.argv, invocation.argv + invocation.argc);
            return execute(command, app, console, argv);
        } catch (const Error &error) {
            report(console, command, error);
        } catch (const Aborted &) {
            console.error_line(console.styled(Style::error, "Aborted", PIM_STDERR));
        } catch (const std::exception &error) {
            report(console, command, Error(500, std::string("Internal error: ") + error.what()));
        }
    } catch (...) {  // NOLINT(bugprone-empty-catch): nothing may cross the ABI; exit 1 says it failed
    }
    return 1;
}

}  // namespace pim
