#include "console/console.hpp"

#include "domain/text.hpp"

#include <sodium.h>

#include <algorithm>
#include <utility>

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

void Console::owned_line(std::string &&text) {
    if (quiet() || json_) return;
    text.push_back('\n');
    write(PIM_STDOUT, text);
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

namespace {

std::string render_cells(const std::vector<std::string> &headers, std::size_t rows, const TableCell &cell,
                         const Console *colour_headers) {
    // Each cell's width is measured once; the table is built in one string
    // (list-clients renders a thousand rows per run).
    const std::size_t columns = headers.size();
    std::vector<std::size_t> widths(columns, 0);
    std::vector<std::size_t> cell_widths;
    cell_widths.reserve((rows + 1) * columns);
    const auto measure = [&](std::string_view text, std::size_t column) {
        cell_widths.push_back(display_width(text));
        widths[column] = std::max(widths[column], cell_widths.back());
    };
    for (std::size_t c = 0; c < columns; ++c) measure(headers[c], c);
    for (std::size_t r = 0; r < rows; ++r)
        for (std::size_t c = 0; c < columns; ++c) measure(cell(r, c), c);

    std::string border = "+";
    for (const auto width : widths) border.append(width + 2, '-').push_back('+');
    border.push_back('\n');

    std::string out;
    out.reserve(border.size() * (rows + 4));
    const std::size_t *cell_width = cell_widths.data();
    const auto append = [&](std::string_view text, std::size_t column) {
        out.push_back(' ');
        out += text;
        out.append(widths[column] - *cell_width++, ' ').append(" |");
    };
    out += border;
    out.push_back('|');
    for (std::size_t c = 0; c < columns; ++c)
        append(colour_headers != nullptr ? colour_headers->styled(Style::info, headers[c]) : headers[c], c);
    out.push_back('\n');
    out += border;
    for (std::size_t r = 0; r < rows; ++r) {
        out.push_back('|');
        for (std::size_t c = 0; c < columns; ++c) append(cell(r, c), c);
        out.push_back('\n');
    }
    return out += border;
}

TableCell cells_of(const std::vector<std::vector<std::string>> &rows) {
    return [&rows](std::size_t row, std::size_t column) {
        return column < rows[row].size() ? std::string_view(rows[row][column]) : std::string_view();
    };
}

}  // namespace

std::string render_table(const std::vector<std::string> &headers,
                         const std::vector<std::vector<std::string>> &rows, const Console *colour_headers) {
    return render_cells(headers, rows.size(), cells_of(rows), colour_headers);
}

void print_table(Console &console, const std::vector<std::string> &headers,
                 const std::vector<std::vector<std::string>> &rows) {
    print_table(console, headers, rows.size(), cells_of(rows));
}

void print_table(Console &console, const std::vector<std::string> &headers, std::size_t rows,
                 const TableCell &cell) {
    std::string table = render_cells(headers, rows, cell, &console);
    table.pop_back();  // owned_line() adds the final newline
    console.owned_line(std::move(table));
}

}  // namespace pim
