// Checks of the files pim-host trusts before it reads or runs them: the
// plugins directory and its plugins, the configuration directory and file.
//
// Trusted: owned by root or by the effective user of the process, and not
// writable by group or others. A symbolic link is judged by what it points
// to: the target and the directory holding it (that directory may be a
// sticky one like /tmp). A plugin file must also be an ELF shared object
// whose program headers and loadable segments all lie inside the file, so
// that mapping it cannot fault (SIGBUS on a truncated file).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pim::host {

// Why `path` is not trusted (a complete message naming it and saying what
// to do), or nullopt. `what` names it in the message: "plugin", "plugins
// directory", "configuration directory", "configuration file".
std::optional<std::string> untrusted_reason(const std::filesystem::path &path, std::string_view what);

// Throws HostError with untrusted_reason().
void require_trusted(const std::filesystem::path &path, std::string_view what);

// Why `file` cannot be mapped safely as a shared object, or nullopt.
std::optional<std::string> elf_problem(const std::filesystem::path &file);

// Everything checked before dlopen: trust, then the ELF structure. Throws HostError.
void check_plugin_file(const std::filesystem::path &file);

struct PluginFiles {
    std::vector<std::filesystem::path> files;  // sorted
    std::vector<std::string> warnings;         // entries named *.so that are no files
};

// The plugin files of a trusted directory (*.so, not hidden), and a warning
// naming each *.so entry that is no file (a directory, a FIFO, …). Throws
// HostError when the directory is untrusted or cannot be read.
PluginFiles list_plugin_files(const std::filesystem::path &dir);

}  // namespace pim::host
