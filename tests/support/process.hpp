// Runs a program as a real child process and captures what it writes:
// through pipes, or through a pseudo-terminal when a test needs a TTY.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pim::test {

struct ProcessOptions {
    std::vector<std::string> args;               // without argv[0]
    std::string input;                           // written to stdin, then closed
    std::map<std::string, std::string> set_env;  // added to the environment
    std::vector<std::string> unset_env;          // removed from it
    std::filesystem::path cwd;                   // empty: inherit
    bool pty = false;                            // stdin, stdout and stderr on one terminal
    // pty only: wait until the terminal shows `first`, then type `second`.
    std::vector<std::pair<std::string, std::string>> dialogue;
    std::chrono::seconds timeout{120};
};

struct ProcessResult {
    int exit_code = -1;  // 128 + signal when killed by a signal
    bool signaled = false;
    std::string out;  // with pty: everything the terminal showed
    std::string err;
};

ProcessResult run_process(const std::filesystem::path &program, const ProcessOptions &options);

}  // namespace pim::test
