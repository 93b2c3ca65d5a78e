// Clock: the engine's two times. Scheduling (budgets, backoff, timeouts) uses a steady clock
// that never jumps; records, quota days and date windows use the wall clock. A live run uses the
// system's clocks; a replay (--replay) uses ReplayClock, in which time is virtual.
#pragma once

#include <cstdint>

#include "pantau/time.h"

namespace pantau::fetch {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t steady_ms() = 0;    // for scheduling: never jumps
  virtual EpochMillis wall_ms() = 0;  // for records and quota days
};

class SystemClock : public Clock {
 public:
  int64_t steady_ms() override;
  EpochMillis wall_ms() override;
};

// Virtual time for replaying recordings: the run starts at `start` (the recorded run's first
// fetched-at) and time moves only when the replay transport is asked to wait, by exactly the time
// asked. So a replay never sleeps (no server to be polite to), yet waits for budgets, Retry-After
// and backoff happen in the same order as live; and date windows (TikTok), quota days, the retry
// jitter seed and error-record times are those of the recorded run, so a replay gives the same
// output on any day.
class ReplayClock : public Clock {
 public:
  explicit ReplayClock(EpochMillis start) : start_(start) {}
  int64_t steady_ms() override { return elapsed_ms_; }
  EpochMillis wall_ms() override { return start_ + elapsed_ms_; }
  void advance(int64_t ms) {
    if (ms > 0) elapsed_ms_ += ms;
  }

 private:
  EpochMillis start_;
  int64_t elapsed_ms_ = 0;
};

}  // namespace pantau::fetch
