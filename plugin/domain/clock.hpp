// The plugin's sense of time (as LevelDB's Env::NowMicros): expiry and
// throttling read it, so tests move time instead of sleeping.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>

namespace pim {

class Clock {
public:
    virtual ~Clock() = default;
    // Unix time in seconds.
    [[nodiscard]] virtual std::int64_t now() const = 0;
};

class SystemClock final : public Clock {
public:
    [[nodiscard]] std::int64_t now() const override;
};

// The system time plus a number of seconds read from a file at every call:
// integration tests write the file to move a running host's time forward.
class OffsetFileClock final : public Clock {
public:
    explicit OffsetFileClock(std::filesystem::path offset_file) : offset_file_(std::move(offset_file)) {}
    [[nodiscard]] std::int64_t now() const override;

private:
    std::filesystem::path offset_file_;
};

// SystemClock, or an OffsetFileClock when PIM_TEST_CLOCK_FILE is set in an
// environment other than prod (production never runs on a moved clock).
std::shared_ptr<const Clock> make_clock(const std::string &environment);

}  // namespace pim
