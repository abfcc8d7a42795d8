#include "support/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

extern char **environ;

namespace pim::test {
namespace {

std::vector<std::string> child_environment(const ProcessOptions &options) {
    std::map<std::string, std::string> env;
    for (char **entry = environ; *entry != nullptr; ++entry) {
        const std::string text(*entry);
        const auto equals = text.find('=');
        if (equals != std::string::npos) env[text.substr(0, equals)] = text.substr(equals + 1);
    }
    for (const auto &name : options.unset_env) env.erase(name);
    for (const auto &[name, value] : options.set_env) env[name] = value;
    std::vector<std::string> out;
    for (const auto &[name, value] : env) out.push_back(name + "=" + value);
    return out;
}

[[noreturn]] void exec_child(const std::filesystem::path &program, const ProcessOptions &options,
                             const std::vector<std::string> &env) {
    if (!options.cwd.empty() && chdir(options.cwd.c_str()) != 0) _exit(126);
    std::vector<char *> argv;
    std::string argv0 = program.string();
    argv.push_back(argv0.data());
    std::vector<std::string> args = options.args;
    for (auto &arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    std::vector<std::string> env_copy = env;
    std::vector<char *> envp;
    for (auto &entry : env_copy) envp.push_back(entry.data());
    envp.push_back(nullptr);
    execve(program.c_str(), argv.data(), envp.data());
    _exit(127);
}

int wait_for(pid_t pid, ProcessResult &result) {
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFSIGNALED(status)) {
        result.signaled = true;
        return 128 + WTERMSIG(status);
    }
    return WEXITSTATUS(status);
}

// Reads every fd until EOF, feeding `input` to `input_fd`; kills on timeout.
void pump(pid_t pid, int input_fd, std::string input, std::vector<std::pair<int, std::string *>> outputs,
          std::chrono::seconds timeout, bool close_input_after) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::size_t written = 0;
    if (input.empty() && input_fd >= 0 && close_input_after) {
        close(input_fd);
        input_fd = -1;
    }
    while (!outputs.empty()) {
        std::vector<pollfd> fds;
        for (const auto &[fd, sink] : outputs) fds.push_back({fd, POLLIN, 0});
        if (input_fd >= 0 && written < input.size()) fds.push_back({input_fd, POLLOUT, 0});
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            kill(pid, SIGKILL);
            throw std::runtime_error("process timed out");
        }
        if (poll(fds.data(), fds.size(), static_cast<int>(std::min<long>(left.count(), 1000))) < 0 &&
            errno != EINTR)
            throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
        for (std::size_t i = 0; i < fds.size(); ++i) {
            if (fds[i].revents == 0) continue;
            if (fds[i].fd == input_fd) {
                const ssize_t n = write(input_fd, input.data() + written, input.size() - written);
                if (n > 0) written += static_cast<std::size_t>(n);
                if (n < 0 || written == input.size()) {
                    if (close_input_after) {
                        close(input_fd);
                        input_fd = -1;
                    }
                }
                continue;
            }
            char buffer[8192];
            const ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
            auto it = std::find_if(outputs.begin(), outputs.end(),
                                   [&](const auto &o) { return o.first == fds[i].fd; });
            if (n > 0) {
                it->second->append(buffer, static_cast<std::size_t>(n));
            } else if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) {
                if (close_input_after || it->first != input_fd) close(it->first);
                outputs.erase(it);
            }
        }
    }
    if (input_fd >= 0 && close_input_after) close(input_fd);
}

ProcessResult run_with_pipes(const std::filesystem::path &program, const ProcessOptions &options) {
    int in[2], out[2], err[2];
    if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0)
        throw std::runtime_error("pipe failed");
    const auto env = child_environment(options);
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        dup2(in[0], STDIN_FILENO);
        dup2(out[1], STDOUT_FILENO);
        dup2(err[1], STDERR_FILENO);
        exec_child(program, options, env);
    }
    close(in[0]);
    close(out[1]);
    close(err[1]);
    ProcessResult result;
    signal(SIGPIPE, SIG_IGN);
    pump(pid, in[1], options.input, {{out[0], &result.out}, {err[0], &result.err}}, options.timeout, true);
    result.exit_code = wait_for(pid, result);
    return result;
}

// Plays the dialogue: each answer is typed only once its prompt is visible,
// as a person would (typed-ahead input would be echoed by the terminal).
ProcessResult run_with_pty(const std::filesystem::path &program, const ProcessOptions &options) {
    int master = -1;
    const auto env = child_environment(options);
    const pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
    if (pid < 0) throw std::runtime_error("forkpty failed");
    if (pid == 0) exec_child(program, options, env);
    ProcessResult result;
    const auto deadline = std::chrono::steady_clock::now() + options.timeout;
    std::size_t step = 0;
    std::size_t searched_from = 0;
    for (;;) {
        if (step < options.dialogue.size()) {
            const auto found = result.out.find(options.dialogue[step].first, searched_from);
            if (found != std::string::npos) {
                const std::string &answer = options.dialogue[step].second;
                if (write(master, answer.data(), answer.size()) < 0) break;
                searched_from = found + options.dialogue[step].first.size();
                ++step;
                continue;
            }
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            kill(pid, SIGKILL);
            throw std::runtime_error("process timed out; terminal so far:\n" + result.out);
        }
        pollfd fd{master, POLLIN, 0};
        if (poll(&fd, 1, static_cast<int>(std::min<long>(left.count(), 1000))) <= 0) continue;
        char buffer[4096];
        const ssize_t n = read(master, buffer, sizeof buffer);
        if (n <= 0) break;  // EIO: the child closed the terminal
        result.out.append(buffer, static_cast<std::size_t>(n));
    }
    close(master);
    result.exit_code = wait_for(pid, result);
    return result;
}

}  // namespace

ProcessResult run_process(const std::filesystem::path &program, const ProcessOptions &options) {
    return options.pty ? run_with_pty(program, options) : run_with_pipes(program, options);
}

}  // namespace pim::test
