// How serve's threads run (Linux): named, and the workers that hash passwords under SCHED_IDLE, which a
// waking I/O thread preempts at once (a nice-10 worker kept it waiting up to a scheduler tick:
// docs/performance.md, "API calls beside password grants").
#pragma once

#include <sys/types.h>

#include <string>
#include <thread>

namespace pim::host {

// The calling thread's kernel id, for the functions below.
pid_t current_thread_id();
// Names the calling thread (top -H, /proc/…/task/…/comm); at most 15 bytes.
void name_current_thread(const std::string &name);
// Names `thread` from the thread that started it: named before it runs.
void name_thread(std::thread &thread, const std::string &name);

// Whether this process may move a thread from SCHED_IDLE back to SCHED_OTHER
// at nice 10: CAP_SYS_NICE, or RLIMIT_NICE of at least 10.
bool may_leave_idle_policy();
// SCHED_OTHER at nice 10, below the I/O threads.
bool run_at_low_priority(pid_t thread);
// SCHED_IDLE (keeps the nice value for a later run_at_low_priority).
bool run_when_idle(pid_t thread);

}  // namespace pim::host
