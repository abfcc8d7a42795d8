#include "console/terminal.hpp"

#include <termios.h>
#include <unistd.h>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace pim::host {
namespace {

// Echo state to restore if a signal arrives while a hidden answer is read.
struct termios saved_termios;
volatile std::sig_atomic_t echo_disabled = 0;

void restore_echo_and_reraise(int signal_number) {
    if (echo_disabled != 0) tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
    std::signal(signal_number, SIG_DFL);
    std::raise(signal_number);
}

class EchoOff {
public:
    EchoOff() {
        if (tcgetattr(STDIN_FILENO, &saved_termios) != 0) return;
        struct termios quiet = saved_termios;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        std::signal(SIGINT, restore_echo_and_reraise);
        std::signal(SIGTERM, restore_echo_and_reraise);
        echo_disabled = tcsetattr(STDIN_FILENO, TCSANOW, &quiet) == 0 ? 1 : 0;
    }
    ~EchoOff() {
        if (echo_disabled != 0) tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
        echo_disabled = 0;
        std::signal(SIGINT, SIG_DFL);
        std::signal(SIGTERM, SIG_DFL);
    }
    EchoOff(const EchoOff &) = delete;
    EchoOff &operator=(const EchoOff &) = delete;
};

bool colours_allowed(int fd, bool no_ansi) {
    return !no_ansi && isatty(fd) == 1 && std::getenv("NO_COLOR") == nullptr;
}

}  // namespace

Terminal::Terminal(const GlobalOptions &options)
    : stdout_ansi_(colours_allowed(STDOUT_FILENO, options.no_ansi)),
      stderr_ansi_(colours_allowed(STDERR_FILENO, options.no_ansi)),
      stdin_tty_(isatty(STDIN_FILENO) == 1),
      stdout_tty_(isatty(STDOUT_FILENO) == 1),
      stderr_tty_(isatty(STDERR_FILENO) == 1),
      interactive_((stdin_tty_ || std::getenv("SHELL_INTERACTIVE") != nullptr) && !options.no_interaction &&
                   !options.quiet),
      quiet_(options.quiet),
      verbosity_(options.verbosity) {}

void Terminal::out(std::string_view text) const {
    if (quiet_) return;
    write(nullptr, PIM_STDOUT, text.data(), text.size());
}

void Terminal::err(std::string_view text) const {
    write(nullptr, PIM_STDERR, text.data(), text.size());
}

void Terminal::error_message(std::string_view message) const {
    err(colour(Colour::error, message, PIM_STDERR) + "\n");
}

std::string Terminal::colour(Colour colour, std::string_view text, int stream) const {
    if (!(stream == PIM_STDERR ? stderr_ansi_ : stdout_ansi_)) return std::string(text);
    switch (colour) {
        case Colour::green: return "\033[32m" + std::string(text) + "\033[39m";
        case Colour::yellow: return "\033[33m" + std::string(text) + "\033[39m";
        case Colour::error: return "\033[37;41m" + std::string(text) + "\033[39;49m";
    }
    return std::string(text);
}

pim_console Terminal::console() const {
    pim_console console{};
    console.struct_size = sizeof console;
    console.opaque = const_cast<Terminal *>(this);  // NOLINT(cppcoreguidelines-pro-type-const-cast)
    console.flags = (interactive_ ? PIM_CONSOLE_INTERACTIVE : 0U) | (quiet_ ? PIM_CONSOLE_QUIET : 0U) |
                    (stdout_ansi_ ? PIM_CONSOLE_STDOUT_ANSI : 0U) |
                    (stderr_ansi_ ? PIM_CONSOLE_STDERR_ANSI : 0U) |
                    (stdin_tty_ ? PIM_CONSOLE_STDIN_TTY : 0U) | (stdout_tty_ ? PIM_CONSOLE_STDOUT_TTY : 0U) |
                    (stderr_tty_ ? PIM_CONSOLE_STDERR_TTY : 0U);
    console.verbosity = verbosity_;
    console.write = write;
    console.read_line = read_line;
    return console;
}

void Terminal::write(void * /*opaque*/, int stream, const char *data, size_t length) {
    FILE *file = stream == PIM_STDERR ? stderr : stdout;
    if (stream == PIM_STDERR) std::fflush(stdout);  // keep the two streams in order on a terminal
    std::fwrite(data, 1, length, file);
    std::fflush(file);
}

int Terminal::read_line(void *opaque, const char *prompt, size_t prompt_length, int hidden,
                        const pim_sink *line) {
    const auto *self = static_cast<const Terminal *>(opaque);
    char *buffer = nullptr;
    size_t capacity = 0;
    ssize_t read = 0;
    {
        // Echo goes off before the prompt shows, so no answer is ever echoed.
        const bool hide = hidden != 0 && self != nullptr && self->stdin_tty_;
        std::optional<EchoOff> echo_off;
        if (hide) echo_off.emplace();
        write(opaque, PIM_STDERR, prompt, prompt_length);
        read = getline(&buffer, &capacity, stdin);
        if (hide) write(opaque, PIM_STDERR, "\n", 1);  // the user's Enter was not echoed
    }
    if (read < 0) {
        std::free(buffer);
        // Whatever is said next (e.g. "Aborted") starts a line of its own.
        const bool line_ended = hidden != 0 && self != nullptr && self->stdin_tty_;
        if (!line_ended && prompt_length > 0 && prompt[prompt_length - 1] != '\n')
            write(opaque, PIM_STDERR, "\n", 1);
        return PIM_LINE_END_OF_INPUT;
    }
    auto length = static_cast<size_t>(read);
    if (length > 0 && buffer[length - 1] == '\n') --length;
    if (length > 0 && buffer[length - 1] == '\r') --length;
    if (line != nullptr && line->write != nullptr) line->write(line->opaque, buffer, length);
    explicit_bzero(buffer, capacity);  // may have held a password
    std::free(buffer);
    return PIM_LINE_READ;
}

std::string Terminal::read_all_stdin() {
    std::string text;
    char chunk[4096];
    size_t n = 0;
    while ((n = std::fread(chunk, 1, sizeof chunk, stdin)) > 0) text.append(chunk, n);
    return text;
}

}  // namespace pim::host
