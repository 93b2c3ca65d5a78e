// StateStore: fetch-accounts' memory between runs, in one SQLite file (--state FILE).
//
// One row per registry key holds the AccountState; one row per (credential id, day) holds the
// quota units used. The database runs in WAL mode with synchronous=NORMAL: a save survives a
// kill -9 of pantau (the WAL is in the OS's hands once written) and readers never block the
// writer. Each save is its own transaction, made only after the records it vouches for were
// flushed to the output, so state never claims more than the output has.
#pragma once

#include <memory>
#include <string>

#include "pantau/fetch/account_state.h"
#include "pantau/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace pantau::fetch {

class StateStore {
 public:
  // Opens or creates the database and its tables. Errors name the path.
  static Result<std::unique_ptr<StateStore>> open(const std::string& path);
  ~StateStore();

  StateStore(const StateStore&) = delete;
  StateStore& operator=(const StateStore&) = delete;

  // The saved state of `key`, or a default AccountState when there is none.
  Result<AccountState> load(const std::string& key);
  Status save(const std::string& key, const AccountState& state);

  // Quota units used by credential `id` on `day` ("2024-02-12" in the platform's quota zone).
  Result<int64_t> units_used(const std::string& id, const std::string& day);
  Status add_units(const std::string& id, const std::string& day, int64_t units);

 private:
  StateStore() = default;
  Status exec(const char* sql);
  Status error(const char* what) const;
  std::string with_system_error(std::string message) const;

  sqlite3* db_ = nullptr;
  std::string path_;
  sqlite3_stmt* load_ = nullptr;
  sqlite3_stmt* save_ = nullptr;
  sqlite3_stmt* units_ = nullptr;
  sqlite3_stmt* add_units_ = nullptr;
};

}  // namespace pantau::fetch
