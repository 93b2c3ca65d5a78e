// StateLock: one run at a time per --state file.
//
// Two runs on one state file would fetch the same pages twice and race on the cursors, so a run
// holds an exclusive flock(2) on FILE.lock (next to the database, which SQLite locks its own way)
// for as long as it runs. The lock file holds who took it, "pid 1234 on host since
// 2024-02-12T01:00:00Z", so the run that is turned away can say whom it is waiting for. The
// kernel drops the lock when the holder exits, even after kill -9, so a stale lock file is never
// a problem: its contents are only read while someone holds it. The file is left in place
// (removing it would race with a run that has just opened it).
#pragma once

#include <memory>
#include <string>

#include "pantau/result.h"

namespace pantau::fetch {

class StateLock {
 public:
  // The lock file of a state database: "state.db" -> "state.db.lock".
  static std::string lock_path(const std::string& state_path);

  struct Attempt {
    std::unique_ptr<StateLock> lock;  // null when another process holds the lock
    std::string holder;               // then: "pid 1234 on host since 2024-...Z" (or "unknown")
  };
  // Tries once, without waiting. `started_ms` is this run's start (written for the next one).
  // Errors: the lock file cannot be opened, locked or written (named).
  static Result<Attempt> try_acquire(const std::string& state_path, int64_t started_ms);

  ~StateLock();
  StateLock(const StateLock&) = delete;
  StateLock& operator=(const StateLock&) = delete;

 private:
  explicit StateLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace pantau::fetch
