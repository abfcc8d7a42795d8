#include "server/worker_pool.hpp"

#include "server/thread_priority.hpp"

#include <algorithm>
#include <string>

namespace pim::host {

WorkerPool::WorkerPool(std::size_t workers, std::size_t queue_limit, std::chrono::milliseconds boost_after)
    : queue_limit_(queue_limit), boost_after_(boost_after), idle_policy_(may_leave_idle_policy()) {
    workers = std::max<std::size_t>(1, workers);
    states_.resize(workers);
    threads_.reserve(workers);
    for (std::size_t i = 0; i < workers; ++i) threads_.emplace_back([this, i] { run(i); });
    if (idle_policy_) booster_ = std::thread([this] { boost_long_jobs(); });
    // Returns with every worker named and at its priority (serve announces
    // itself after this).
    std::unique_lock lock(mutex_);
    started_.wait(lock, [this] {
        return std::all_of(states_.begin(), states_.end(),
                           [](const Worker &state) { return state.thread != 0; });
    });
}

WorkerPool::~WorkerPool() {
    std::deque<std::function<void()>> dropped;
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
        dropped.swap(queue_);
    }
    ready_.notify_all();
    busy_.notify_all();
    for (auto &thread : threads_) thread.join();
    if (booster_.joinable()) booster_.join();
}

bool WorkerPool::try_submit(std::function<void()> &job) {
    {
        const std::lock_guard lock(mutex_);
        if (stopping_ || queue_.size() >= queue_limit_) return false;
        queue_.push_back(std::move(job));
    }
    ready_.notify_one();
    return true;
}

void WorkerPool::run(std::size_t index) {
    name_current_thread("pim-slow-" + std::to_string(index));
    const pid_t self = current_thread_id();
    run_at_low_priority(self);  // the nice value SCHED_IDLE keeps for a boost
    if (idle_policy_) run_when_idle(self);
    std::unique_lock lock(mutex_);
    states_[index].thread = self;
    started_.notify_all();
    while (true) {
        ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (stopping_) return;
        std::function<void()> job = std::move(queue_.front());
        queue_.pop_front();
        states_[index].busy_since = Clock::now();
        lock.unlock();
        busy_.notify_one();
        job();
        job = nullptr;
        lock.lock();
        Worker &state = states_[index];
        state.busy_since.reset();
        if (state.boosted) {  // under the lock: the booster does not race it
            run_when_idle(self);
            state.boosted = false;
        }
    }
}

void WorkerPool::boost_long_jobs() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        std::optional<Clock::time_point> next;  // when the earliest unboosted job is due
        for (Worker &worker : states_) {
            if (!worker.busy_since || worker.boosted) continue;
            const Clock::time_point due = *worker.busy_since + boost_after_;
            if (due <= Clock::now()) {
                worker.boosted = true;  // tried once per job, refused or not
                run_at_low_priority(worker.thread);
            } else if (!next || due < *next) {
                next = due;
            }
        }
        if (next)
            busy_.wait_until(lock, *next);
        else
            busy_.wait(lock);
    }
}

}  // namespace pim::host
