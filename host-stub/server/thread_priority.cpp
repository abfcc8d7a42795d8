#include "server/thread_priority.hpp"

#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <fstream>

namespace pim::host {
namespace {

constexpr int low_priority_nice = 10;

bool has_cap_sys_nice() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("CapEff:", 0) != 0) continue;
        const unsigned long long effective = std::stoull(line.substr(7), nullptr, 16);
        return (effective >> 23U) & 1U;  // CAP_SYS_NICE
    }
    return false;
}

bool set_policy(pid_t thread, int policy) {
    sched_param none{};
    return sched_setscheduler(thread, policy, &none) == 0;
}

}  // namespace

pid_t current_thread_id() {
    return static_cast<pid_t>(syscall(SYS_gettid));
}

void name_current_thread(const std::string &name) {
    pthread_setname_np(pthread_self(), name.substr(0, 15).c_str());
}

void name_thread(std::thread &thread, const std::string &name) {
    pthread_setname_np(thread.native_handle(), name.substr(0, 15).c_str());
}

bool may_leave_idle_policy() {
    rlimit nice_limit{};
    if (getrlimit(RLIMIT_NICE, &nice_limit) == 0 &&
        (nice_limit.rlim_cur == RLIM_INFINITY || nice_limit.rlim_cur >= 20 - low_priority_nice))
        return true;
    return has_cap_sys_nice();
}

bool run_at_low_priority(pid_t thread) {
    // Linux nice is per thread.
    return set_policy(thread, SCHED_OTHER) &&
           setpriority(PRIO_PROCESS, static_cast<id_t>(thread), low_priority_nice) == 0;
}

bool run_when_idle(pid_t thread) {
    return set_policy(thread, SCHED_IDLE);
}

}  // namespace pim::host
