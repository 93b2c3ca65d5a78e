#include "pantau/fetch/clock.h"

#include <chrono>

namespace pantau::fetch {

int64_t SystemClock::steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

EpochMillis SystemClock::wall_ms() { return now_millis(); }

}  // namespace pantau::fetch
