#include "loader/plugin_file_check.hpp"

#include "host_error.hpp"

#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>

namespace fs = std::filesystem;

namespace pim::host {
namespace {

std::string octal_mode(mode_t mode) {
    char text[8];
    std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
    return text;
}

// "alice (uid 1000)", or "uid 1000" when the user has no name.
std::string user_name(uid_t uid) {
    passwd entry{};
    passwd *found = nullptr;
    std::array<char, 4096> buffer{};
    if (getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &found) == 0 && found != nullptr)
        return std::string(found->pw_name) + " (uid " + std::to_string(uid) + ")";
    return "uid " + std::to_string(uid);
}

// The problem of one file or directory itself (links already resolved), as
// "is …. Run …", or nullopt. `shown` is the path the fix applies to; a sticky
// directory may be writable by others when `sticky_allowed` (the directory
// holding a link's target).
std::optional<std::string> ownership_problem(const fs::path &shown, const struct stat &info,
                                             bool sticky_allowed) {
    const uid_t me = geteuid();
    if (info.st_uid != 0 && info.st_uid != me)
        return "is owned by " + user_name(info.st_uid) + ", neither root nor the user running pim-host, " +
               user_name(me) + ", so another user could change what pim-host runs. Run chown " +
               std::to_string(me) + " " + shown.string() + " if you trust it, or remove it.";
    const bool writable = (info.st_mode & (S_IWGRP | S_IWOTH)) != 0;
    if (writable && !(sticky_allowed && S_ISDIR(info.st_mode) && (info.st_mode & S_ISVTX) != 0)) {
        const char *who = (info.st_mode & S_IWGRP) != 0 && (info.st_mode & S_IWOTH) != 0 ? "group and others"
                          : (info.st_mode & S_IWGRP) != 0                                ? "its group"
                                                                                         : "others";
        return std::string("is writable by ") + who + " (mode " + octal_mode(info.st_mode) +
               "), so another user could change what pim-host runs. Run chmod go-w " + shown.string() + ".";
    }
    return std::nullopt;
}

std::optional<std::string> check_path(const fs::path &path) {
    struct stat link_info {};
    if (lstat(path.c_str(), &link_info) != 0)
        return "it cannot be examined (" + std::string(std::strerror(errno)) + ").";
    if (!S_ISLNK(link_info.st_mode)) {
        if (auto problem = ownership_problem(path, link_info, false)) return "it " + *problem;
        return std::nullopt;
    }

    // A symbolic link: judge what it points to and the directory holding that.
    std::error_code ec;
    const fs::path target = fs::canonical(path, ec);
    if (ec)
        return "it is a symbolic link whose target cannot be resolved (" + ec.message() +
               "). Fix or remove the link.";
    for (const auto &[checked, is_parent] :
         {std::pair{target, false}, std::pair{target.parent_path(), true}}) {
        struct stat info {};
        if (stat(checked.c_str(), &info) != 0)
            return "its target " + checked.string() + " cannot be examined (" + std::strerror(errno) + ").";
        if (auto problem = ownership_problem(checked, info, is_parent))
            return "it links to " + target.string() + ", " +
                   (is_parent ? "whose directory " + checked.string() : std::string("which")) + " " +
                   *problem;
    }
    return std::nullopt;
}

std::string refused(std::string_view what, const fs::path &path, const std::string &reason) {
    return "Refused " + std::string(what) + " " + path.string() + ": " + reason;
}

// Reads exactly `size` bytes at `offset`; false when the file is shorter.
bool read_at(int fd, void *out, std::size_t size, off_t offset) {
    auto *bytes = static_cast<char *>(out);
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = pread(fd, bytes + done, size - done, offset + static_cast<off_t>(done));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

class Fd {
public:
    explicit Fd(int fd) : fd_(fd) {}
    ~Fd() {
        if (fd_ >= 0) close(fd_);
    }
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;
    [[nodiscard]] int get() const { return fd_; }

private:
    int fd_;
};

constexpr const char *damaged_advice = " Reinstall or rebuild it, or remove it from the plugins directory.";

}  // namespace

std::optional<std::string> untrusted_reason(const fs::path &path, std::string_view what) {
    if (auto problem = check_path(path)) return refused(what, path, *problem);
    return std::nullopt;
}

void require_trusted(const fs::path &path, std::string_view what) {
    if (auto reason = untrusted_reason(path, what)) throw HostError(*reason);
}

std::optional<std::string> elf_problem(const fs::path &file) {
    const Fd fd(open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
    if (fd.get() < 0) return "it cannot be opened (" + std::string(std::strerror(errno)) + ").";
    struct stat info {};
    if (fstat(fd.get(), &info) != 0 || !S_ISREG(info.st_mode))
        return std::string("it is not a regular file. Remove it from the plugins directory.");
    const auto size = static_cast<std::uint64_t>(info.st_size);

    ElfW(Ehdr) header{};
    std::memset(&header, 0, sizeof header);
    const bool whole_header = read_at(fd.get(), &header, sizeof header, 0);
    if (size < SELFMAG || std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0)
        return std::string(
            "it cannot be loaded (it is not an ELF shared object). Remove it from the plugins directory.");
#if defined(__LP64__)
    constexpr unsigned char native_class = ELFCLASS64;
#else
    constexpr unsigned char native_class = ELFCLASS32;
#endif
    if (size > EI_CLASS && header.e_ident[EI_CLASS] != native_class)
        return std::string("it cannot be loaded (it is built for a ") +
               (header.e_ident[EI_CLASS] == ELFCLASS32 ? "32" : "64") +
               "-bit system). Rebuild it for this machine.";
    if (!whole_header)
        return "the file is truncated (" + std::to_string(size) + " bytes, shorter than its ELF header)." +
               damaged_advice;
    if (header.e_type != ET_DYN)
        return std::string(
            "it cannot be loaded (it is an ELF file but not a shared object). Build it as a "
            "shared library (add_library(... MODULE ...)).");
    if (header.e_phentsize != sizeof(ElfW(Phdr)) || header.e_phnum == 0)
        return std::string("the file is damaged (its ELF program headers are malformed).") + damaged_advice;
    const std::uint64_t headers_end =
        static_cast<std::uint64_t>(header.e_phoff) + std::uint64_t{header.e_phnum} * sizeof(ElfW(Phdr));
    if (header.e_phoff > size || headers_end > size)
        return "the file is truncated (" + std::to_string(size) + " bytes; its program headers end at byte " +
               std::to_string(headers_end) + ")." + damaged_advice;
    for (unsigned i = 0; i < header.e_phnum; ++i) {
        ElfW(Phdr) segment{};
        if (!read_at(fd.get(), &segment, sizeof segment,
                     static_cast<off_t>(header.e_phoff + std::uint64_t{i} * sizeof segment)))
            return std::string("the file cannot be read.") + damaged_advice;
        if (segment.p_type != PT_LOAD) continue;
        const std::uint64_t offset = segment.p_offset;
        const std::uint64_t length = segment.p_filesz;
        if (offset > size || length > size - offset)
            return "the file is truncated (" + std::to_string(size) + " bytes; its loadable segment " +
                   std::to_string(i) + " ends at byte " + std::to_string(offset + length) + ")." +
                   damaged_advice;
    }
    return std::nullopt;
}

void check_plugin_file(const fs::path &file) {
    require_trusted(file, "plugin");
    if (auto problem = elf_problem(file)) throw HostError(refused("plugin", file, *problem));
}

PluginFiles list_plugin_files(const fs::path &dir) {
    require_trusted(dir, "plugins directory");
    PluginFiles found;
    std::error_code ec;
    for (const auto &entry : fs::directory_iterator(dir, ec)) {
        const auto name = entry.path().filename().string();
        if (name.empty() || name[0] == '.' || entry.path().extension() != ".so") continue;
        std::error_code type_ec;
        const bool link = entry.is_symlink(type_ec);
        const auto status = entry.status(type_ec);  // follows a link
        if (fs::is_regular_file(status) || (link && !fs::exists(status))) {
            found.files.push_back(entry.path());  // a broken link is refused by check_plugin_file
            continue;
        }
        const std::string kind = fs::is_directory(status) ? "a directory" : "not a regular file";
        found.warnings.push_back("Skipped " + entry.path().string() + " in the plugins directory: it is " +
                                 kind + (link ? " (through a symbolic link)" : "") +
                                 ", not a plugin file. Rename or remove it.");
    }
    if (ec) throw HostError("Cannot read the plugins directory " + dir.string() + ": " + ec.message() + ".");
    std::sort(found.files.begin(), found.files.end());
    std::sort(found.warnings.begin(), found.warnings.end());
    return found;
}

}  // namespace pim::host
