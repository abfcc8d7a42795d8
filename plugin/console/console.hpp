// The plugin's view of the host console (pim_console): streams, styles,
// questions, and the quiet / JSON output rules of console-commands.md §1.
#pragma once

#include "pim/plugin_abi.h"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pim {

enum class Style { info, comment, error, question };

class Aborted : public std::exception {
public:
    [[nodiscard]] const char *what() const noexcept override { return "Aborted"; }
};

class Console {
public:
    explicit Console(const pim_console &console) : console_(console) {}

    [[nodiscard]] bool interactive() const { return flag(PIM_CONSOLE_INTERACTIVE) && !json_; }
    [[nodiscard]] bool quiet() const { return flag(PIM_CONSOLE_QUIET); }
    // Progress indicators go to stderr, only when it is a terminal.
    [[nodiscard]] bool stderr_is_terminal() const { return flag(PIM_CONSOLE_STDERR_TTY) && !json_; }
    [[nodiscard]] bool json() const { return json_; }
    void set_json(bool json) { json_ = json; }

    // Text results: suppressed by -q and in JSON mode.
    void line(std::string_view text);
    // line() for a text the caller gives up: no copy (list-clients' table).
    void owned_line(std::string &&text);
    // Messages, warnings and errors on stderr (never suppressed).
    void error_line(std::string_view text);
    // The JSON document (always written, even with -q).
    void json_document(std::string_view json);
    void write(int stream, std::string_view text);

    // `text` wrapped in the style's colour codes when `stream` allows colour.
    [[nodiscard]] std::string styled(Style style, std::string_view text, int stream = PIM_STDOUT) const;

    // Prompt on stderr, one line from stdin; nullopt at end of input.
    std::optional<std::string> ask(std::string_view prompt, bool hidden = false);
    // console-commands.md §1.3: non-interactive → yes; empty → yes; y/Y… → yes;
    // end of input → throws Aborted.
    bool confirm(std::string_view question);

private:
    [[nodiscard]] bool flag(std::uint32_t f) const { return (console_.flags & f) != 0; }
    const pim_console &console_;
    bool json_ = false;
};

// Symfony's default table style (console-commands.md §2.2).
std::string render_table(const std::vector<std::string> &headers,
                         const std::vector<std::vector<std::string>> &rows,
                         const Console *colour_headers = nullptr);

// A table on stdout (text mode), headers in colour on a terminal.
void print_table(Console &console, const std::vector<std::string> &headers,
                 const std::vector<std::vector<std::string>> &rows);

// The same, each cell asked of `cell` (row, column) instead of copied into
// rows first (list-clients' thousand rows); its views must stay valid until
// print_table returns.
using TableCell = std::function<std::string_view(std::size_t row, std::size_t column)>;
void print_table(Console &console, const std::vector<std::string> &headers, std::size_t rows,
                 const TableCell &cell);

}  // namespace pim
