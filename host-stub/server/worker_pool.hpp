// The threads that run handlers which may block (PIM_ROUTE_MAY_BLOCK:
// password hashing), so that the I/O threads never wait for them. Bounded:
// a fixed number of workers and of jobs waiting for one.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace pim::host {

class WorkerPool {
public:
    // `workers` threads (at least 1); at most `queue_limit` jobs wait.
    WorkerPool(std::size_t workers, std::size_t queue_limit);
    // Stops the workers once their current jobs are done; waiting jobs are
    // destroyed without running.
    ~WorkerPool();
    WorkerPool(const WorkerPool &) = delete;
    WorkerPool &operator=(const WorkerPool &) = delete;

    // false (and `job` untouched) when the queue is full: the caller answers 503.
    bool try_submit(std::function<void()> &job);

    [[nodiscard]] std::size_t workers() const { return threads_.size(); }
    [[nodiscard]] std::size_t queue_limit() const { return queue_limit_; }

private:
    void run();

    const std::size_t queue_limit_;
    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<std::function<void()>> queue_;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace pim::host
