// The request log's output, buffered: a write(2) per request line costs the
// I/O thread a system call and, on a slow terminal or pipe, a wait. Lines
// are gathered in memory and written in one go every flush interval, when
// the buffer reaches its size bound, and when the log is destroyed (after
// `serve` returns on SIGTERM / SIGINT), so a clean stop loses no line; a
// SIGKILL loses at most one interval of lines.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace pim::host {

class BufferedLog {
public:
    using Writer = std::function<void(std::string_view)>;

    // interval 0: every line is written at once (no thread, no buffer).
    BufferedLog(Writer write, std::chrono::milliseconds interval, std::size_t size_bound = 64 * 1024);
    ~BufferedLog();
    BufferedLog(const BufferedLog &) = delete;
    BufferedLog &operator=(const BufferedLog &) = delete;

    // Thread-safe. Appends `line` and a newline.
    void append(std::string_view line);

private:
    void run_flusher();
    void flush();  // takes the buffer under the lock, writes it outside

    Writer write_;
    std::chrono::milliseconds interval_;
    std::size_t size_bound_;
    std::mutex buffer_mutex_;
    std::string buffer_;
    std::mutex write_mutex_;  // keeps batches in order
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread flusher_;
};

}  // namespace pim::host
