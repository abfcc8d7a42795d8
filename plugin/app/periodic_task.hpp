// A function run every `interval` on a thread of its own until stop() (or
// destruction), for background upkeep that needs no request to trigger it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace pim {

class PeriodicTask {
public:
    PeriodicTask(std::chrono::milliseconds interval, std::function<void()> task);
    ~PeriodicTask();
    PeriodicTask(const PeriodicTask &) = delete;
    PeriodicTask &operator=(const PeriodicTask &) = delete;

    // Idempotent; the task does not run once more.
    void stop();

private:
    void run();

    std::chrono::milliseconds interval_;
    std::function<void()> task_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace pim
