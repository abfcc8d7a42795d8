// A console command of the plugin: its spec and what it does. The runner
// (command_runner.cpp) parses input, picks the output format and turns
// typed errors into messages and exit codes.
#pragma once

#include "app/app.hpp"
#include "console/command_spec.hpp"
#include "console/console.hpp"

#include <boost/json/value.hpp>

#include <memory>
#include <vector>

namespace pim {

struct CommandContext {
    App &app;
    Console &console;
    const Input &input;
};

class Command {
public:
    Command() = default;
    virtual ~Command() = default;
    Command(const Command &) = delete;
    Command &operator=(const Command &) = delete;

    [[nodiscard]] virtual const CommandSpec &spec() const = 0;
    // Returns the exit code; throws pim::Error subclasses for failures.
    virtual int execute(CommandContext &context) const = 0;
    // First line of text-mode validation failures (pim:user:create has one).
    [[nodiscard]] virtual std::string validation_heading() const { return {}; }
};

// Every command of the plugin, in registration order.
std::vector<std::unique_ptr<Command>> make_commands();

// Runs `command` for a host invocation. Never throws.
int run_command(const Command &command, App &app, const pim_command_invocation &invocation) noexcept;

// Writes a JSON result document (any mode check is the caller's).
void write_json(Console &console, const boost::json::value &document);

}  // namespace pim
