#include "server/buffered_log.hpp"

#include <utility>

namespace pim::host {

BufferedLog::BufferedLog(Writer write, std::chrono::milliseconds interval, std::size_t size_bound)
    : write_(std::move(write)), interval_(interval), size_bound_(size_bound) {
    if (interval_.count() > 0) flusher_ = std::thread([this] { run_flusher(); });
}

BufferedLog::~BufferedLog() {
    if (flusher_.joinable()) {
        {
            const std::lock_guard lock(buffer_mutex_);
            stopping_ = true;
        }
        wake_.notify_one();
        flusher_.join();
    }
    flush();
}

void BufferedLog::append(std::string_view line) {
    if (interval_.count() == 0) {
        std::string whole(line);
        whole += '\n';
        const std::lock_guard lock(write_mutex_);
        write_(whole);
        return;
    }
    bool full = false;
    {
        const std::lock_guard lock(buffer_mutex_);
        buffer_.append(line);
        buffer_ += '\n';
        full = buffer_.size() >= size_bound_;
    }
    // A full buffer is written by the thread that filled it: the log slows
    // the server down rather than growing without bound.
    if (full) flush();
}

void BufferedLog::run_flusher() {
    std::unique_lock lock(buffer_mutex_);
    while (!stopping_) {
        wake_.wait_for(lock, interval_, [this] { return stopping_; });
        lock.unlock();
        flush();
        lock.lock();
    }
}

void BufferedLog::flush() {
    const std::lock_guard write_lock(write_mutex_);
    std::string batch;
    {
        const std::lock_guard lock(buffer_mutex_);
        batch.swap(buffer_);
    }
    if (!batch.empty()) write_(batch);
}

}  // namespace pim::host
