// `pim-host serve --listen=127.0.0.1:0` of a sandbox, started for a test and
// stopped (SIGTERM) when the object goes away.
#pragma once

#include "support/sandbox.hpp"

#include <sys/types.h>

#include <map>
#include <string>

namespace pim::test {

class ServerProcess {
public:
    explicit ServerProcess(const Sandbox &sandbox, const std::map<std::string, std::string> &env = {},
                           const std::vector<std::string> &extra_args = {});
    ~ServerProcess();
    ServerProcess(const ServerProcess &) = delete;
    ServerProcess &operator=(const ServerProcess &) = delete;

    [[nodiscard]] unsigned short port() const { return port_; }
    [[nodiscard]] pid_t pid() const { return pid_; }
    // Stops the server; returns its exit code (128 + signal when killed).
    int stop();
    // SIGKILL: the process gets no chance to clean up (fault tests).
    void kill_now();
    // Sends `signal` and waits: the raw wait status (WCOREDUMP, WTERMSIG).
    int kill_and_wait(int signal);
    [[nodiscard]] std::string output() const;  // what it printed on stdout so far
    [[nodiscard]] std::string errors() const;  // and on stderr

private:
    pid_t pid_ = -1;
    unsigned short port_ = 0;
    std::filesystem::path out_file_, err_file_;
};

}  // namespace pim::test
