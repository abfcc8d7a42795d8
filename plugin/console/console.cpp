#include "console/console.hpp"

#include "domain/text.hpp"

#include <sodium.h>

#include <algorithm>

namespace pim {
namespace {

std::string_view open_code(Style style) {
    switch (style) {
        case Style::info: return "\033[32m";
        case Style::comment: return "\033[33m";
        case Style::error: return "\033[37;41m";
        case Style::question: return "\033[30;46m";
    }
    return "";
}

std::string_view close_code(Style style) {
    return style == Style::info || style == Style::comment ? "\033[39m" : "\033[39;49m";
}

void append_to_string(void *opaque, const char *data, size_t length) {
    static_cast<std::string *>(opaque)->append(data, length);
}

}  // namespace

void Console::write(int stream, std::string_view text) {
    console_.write(console_.opaque, stream, text.data(), text.size());
}

void Console::line(std::string_view text) {
    if (quiet() || json_) return;
    write(PIM_STDOUT, std::string(text) + "\n");
}

void Console::error_line(std::string_view text) {
    write(PIM_STDERR, std::string(text) + "\n");
}

void Console::json_document(std::string_view json) {
    write(PIM_STDOUT, std::string(json) + "\n");
}

std::string Console::styled(Style style, std::string_view text, int stream) const {
    const std::uint32_t ansi = stream == PIM_STDERR ? PIM_CONSOLE_STDERR_ANSI : PIM_CONSOLE_STDOUT_ANSI;
    if (!flag(ansi) || json_) return std::string(text);
    return std::string(open_code(style)).append(text).append(close_code(style));
}

std::optional<std::string> Console::ask(std::string_view prompt, bool hidden) {
    std::string line;
    const pim_sink sink{&line, append_to_string};
    const int result =
        console_.read_line(console_.opaque, prompt.data(), prompt.size(), hidden ? 1 : 0, &sink);
    if (result != PIM_LINE_READ) {
        sodium_memzero(line.data(), line.size());
        return std::nullopt;
    }
    return line;
}

bool Console::confirm(std::string_view question) {
    if (!interactive()) return true;
    auto answer = ask(question);
    if (!answer) throw Aborted();
    const std::string_view trimmed = trim(*answer);
    return trimmed.empty() || trimmed.front() == 'y' || trimmed.front() == 'Y';
}

std::string render_table(const std::vector<std::string> &headers,
                         const std::vector<std::vector<std::string>> &rows, const Console *colour_headers) {
    std::vector<std::size_t> widths(headers.size(), 0);
    for (std::size_t c = 0; c < headers.size(); ++c) widths[c] = display_width(headers[c]);
    for (const auto &row : rows)
        for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c)
            widths[c] = std::max(widths[c], display_width(row[c]));

    std::string border = "+";
    for (const auto width : widths) border += std::string(width + 2, '-') + "+";
    border += "\n";

    const auto render_row = [&](const std::vector<std::string> &cells, bool header) {
        std::string line = "|";
        for (std::size_t c = 0; c < widths.size(); ++c) {
            const std::string cell = c < cells.size() ? cells[c] : std::string();
            const std::string shown =
                header && colour_headers != nullptr ? colour_headers->styled(Style::info, cell) : cell;
            line += " " + shown + std::string(widths[c] - display_width(cell), ' ') + " |";
        }
        return line + "\n";
    };

    std::string out = border + render_row(headers, true) + border;
    for (const auto &row : rows) out += render_row(row, false);
    return out + border;
}

void print_table(Console &console, const std::vector<std::string> &headers,
                 const std::vector<std::vector<std::string>> &rows) {
    std::string table = render_table(headers, rows, &console);
    table.pop_back();  // line() adds the final newline
    console.line(table);
}

}  // namespace pim
