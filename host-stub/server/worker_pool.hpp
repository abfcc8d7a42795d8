// The threads that run handlers which may block (PIM_ROUTE_MAY_BLOCK:
// password hashing), so that the I/O threads never wait for them. Bounded:
// a fixed number of workers and of jobs waiting for one.
//
// The workers run under SCHED_IDLE: they get the CPU time the I/O threads
// leave, and a waking I/O thread takes the CPU from them at once. So that a
// machine kept busy by other work cannot starve logins, a job still running
// after `boost_after` is raised to SCHED_OTHER at nice 10 until it ends.
// Where the process may not leave SCHED_IDLE again (no CAP_SYS_NICE,
// RLIMIT_NICE below 10), the workers run at nice 10 throughout.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace pim::host {

class WorkerPool {
public:
    using Clock = std::chrono::steady_clock;

    // `workers` threads (at least 1); at most `queue_limit` jobs wait.
    WorkerPool(std::size_t workers, std::size_t queue_limit,
               std::chrono::milliseconds boost_after = std::chrono::seconds(1));
    // Stops the workers once their current jobs are done; waiting jobs are
    // destroyed without running.
    ~WorkerPool();
    WorkerPool(const WorkerPool &) = delete;
    WorkerPool &operator=(const WorkerPool &) = delete;

    // false (and `job` untouched) when the queue is full: the caller answers 503.
    bool try_submit(std::function<void()> &job);

    [[nodiscard]] std::size_t workers() const { return threads_.size(); }
    [[nodiscard]] std::size_t queue_limit() const { return queue_limit_; }
    // Whether the workers wait under SCHED_IDLE (else at nice 10).
    [[nodiscard]] bool idle_policy() const { return idle_policy_; }

private:
    struct Worker {
        pid_t thread = 0;
        std::optional<Clock::time_point> busy_since;
        bool boosted = false;
    };

    void run(std::size_t index);
    void boost_long_jobs();

    const std::size_t queue_limit_;
    const std::chrono::milliseconds boost_after_;
    const bool idle_policy_;
    std::mutex mutex_;
    std::condition_variable ready_;
    std::condition_variable busy_;     // wakes the booster
    std::condition_variable started_;  // a worker has named itself and set its priority
    std::deque<std::function<void()>> queue_;
    std::vector<Worker> states_;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
    std::thread booster_;
};

}  // namespace pim::host
