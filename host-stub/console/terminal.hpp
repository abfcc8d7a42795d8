// The host's console: stdout/stderr, colour only on a terminal, questions
// (with echo off for hidden input), and the pim_console handed to commands.
#pragma once

#include "cli/global_options.hpp"

#include "pim/plugin_abi.h"

#include <optional>
#include <string>
#include <string_view>

namespace pim::host {

enum class Colour { green, yellow, error };

class Terminal {
public:
    explicit Terminal(const GlobalOptions &options);

    void out(std::string_view text) const;
    void err(std::string_view text) const;
    void error_message(std::string_view message) const;  // red on a terminal
    [[nodiscard]] std::string colour(Colour colour, std::string_view text, int stream = PIM_STDOUT) const;

    // The console of a command invocation; valid while this Terminal lives.
    [[nodiscard]] pim_console console() const;
    [[nodiscard]] bool quiet() const { return quiet_; }
    [[nodiscard]] int verbosity() const { return verbosity_; }

    // Everything on stdin (for `hook <name> -`).
    static std::string read_all_stdin();

private:
    static void write(void *opaque, int stream, const char *data, size_t length);
    static int read_line(void *opaque, const char *prompt, size_t prompt_length, int hidden,
                         const pim_sink *line);

    bool stdout_ansi_ = false;
    bool stderr_ansi_ = false;
    bool stdin_tty_ = false;
    bool stdout_tty_ = false;
    bool stderr_tty_ = false;
    bool interactive_ = false;
    bool quiet_ = false;
    int verbosity_ = 0;
};

}  // namespace pim::host
