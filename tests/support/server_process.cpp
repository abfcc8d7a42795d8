#include "support/server_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char **environ;

namespace pim::test {
namespace {

std::string read_file(const std::filesystem::path &file) {
    std::ifstream stream(file);
    std::stringstream content;
    content << stream.rdbuf();
    return content.str();
}

}  // namespace

ServerProcess::ServerProcess(const Sandbox &sandbox, const std::map<std::string, std::string> &env,
                             const std::vector<std::string> &extra_args) {
    static int counter = 0;
    const std::string suffix = std::to_string(getpid()) + "-" + std::to_string(++counter);
    out_file_ = sandbox.root() / ("serve-" + suffix + ".out");
    err_file_ = sandbox.root() / ("serve-" + suffix + ".err");
    std::map<std::string, std::string> environment;
    for (char **entry = environ; *entry != nullptr; ++entry) {
        const std::string text(*entry);
        const auto equals = text.find('=');
        environment[text.substr(0, equals)] = text.substr(equals + 1);
    }
    for (const char *name : {"PIM_ENV", "PIM_DATABASE_URL", "PIM_SECRET_KEY", "NO_COLOR"})
        environment.erase(name);
    for (const auto &[name, value] : sandbox.environment()) environment[name] = value;
    for (const auto &[name, value] : env) environment[name] = value;

    std::vector<std::string> args{host_binary().string(), "serve", "--listen=127.0.0.1:0"};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        if (chdir(sandbox.root().c_str()) != 0) _exit(126);
        const int out = open(out_file_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int err = open(err_file_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int in = open("/dev/null", O_RDONLY);
        dup2(in, 0);
        dup2(out, 1);
        dup2(err, 2);
        std::vector<std::string> env_strings;
        for (const auto &[name, value] : environment) env_strings.push_back(name + "=" + value);
        std::vector<char *> envp, argv;
        for (auto &entry : env_strings) envp.push_back(entry.data());
        envp.push_back(nullptr);
        for (auto &arg : args) argv.push_back(arg.data());
        argv.push_back(nullptr);
        execve(argv[0], argv.data(), envp.data());
        _exit(127);
    }
    const std::regex listening(R"(Listening on http://127\.0\.0\.1:(\d+)\n)");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
        std::smatch match;
        const std::string out = read_file(out_file_);
        if (std::regex_search(out, match, listening)) {
            port_ = static_cast<unsigned short>(std::stoi(match[1]));
            return;
        }
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("pim-host serve exited: " + read_file(err_file_));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    stop();
    throw std::runtime_error("pim-host serve did not announce its port");
}

int ServerProcess::stop() {
    if (pid_ <= 0) return -1;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

void ServerProcess::kill_now() {
    (void)kill_and_wait(SIGKILL);
}

int ServerProcess::kill_and_wait(int signal) {
    if (pid_ <= 0) return -1;
    kill(pid_, signal);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return status;
}

ServerProcess::~ServerProcess() {
    stop();
}

std::string ServerProcess::output() const {
    return read_file(out_file_);
}
std::string ServerProcess::errors() const {
    return read_file(err_file_);
}

}  // namespace pim::test
