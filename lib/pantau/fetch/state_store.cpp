#include "pantau/fetch/state_store.h"

#include <sqlite3.h>

#include <cstring>

namespace pantau::fetch {
namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS account_state (
  key TEXT PRIMARY KEY,
  platform_id TEXT NOT NULL DEFAULT '',
  resolved_extra TEXT NOT NULL DEFAULT '',
  current_handle TEXT NOT NULL DEFAULT '',
  newest_id TEXT NOT NULL DEFAULT '',
  newest_time INTEGER NOT NULL DEFAULT 0,
  cursor TEXT NOT NULL DEFAULT '',
  cursor_page INTEGER NOT NULL DEFAULT 0,
  run_top_id TEXT NOT NULL DEFAULT '',
  run_top_time INTEGER NOT NULL DEFAULT 0,
  window TEXT NOT NULL DEFAULT '',
  last_success INTEGER NOT NULL DEFAULT 0,
  last_failure INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  failures INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS quota_usage (
  credential TEXT NOT NULL,
  day TEXT NOT NULL,
  units INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (credential, day)
);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT OR IGNORE INTO meta (name, value) VALUES ('schema', '1');
)sql";

std::string column_text(sqlite3_stmt* s, int i) {
  const unsigned char* t = sqlite3_column_text(s, i);
  return t == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(t));
}

void bind_text(sqlite3_stmt* s, int i, const std::string& v) {
  sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}

}  // namespace

// SQLite says "disk I/O error" for a full disk, a file size limit and a failing device alike;
// the system's errno tells the operator which.
std::string StateStore::with_system_error(std::string message) const {
  const int sys = db_ != nullptr ? sqlite3_system_errno(db_) : 0;
  if (sys != 0) message += std::string(" (") + std::strerror(sys) + ")";
  return message;
}

Status StateStore::error(const char* what) const {
  return Error::io(path_ + ": " + what + ": " + with_system_error(sqlite3_errmsg(db_)));
}

Status StateStore::exec(const char* sql) {
  char* msg = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &msg) != SQLITE_OK) {
    std::string m = msg != nullptr ? msg : "unknown error";
    sqlite3_free(msg);
    return Error::io(path_ + ": " + with_system_error(m));
  }
  return {};
}

Result<std::unique_ptr<StateStore>> StateStore::open(const std::string& path) {
  std::unique_ptr<StateStore> s(new StateStore());
  s->path_ = path;
  if (sqlite3_open_v2(path.c_str(), &s->db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    return s->error("cannot open state database").error();
  }
  // Another run (a second shard on the same file) may hold the write lock for a moment.
  sqlite3_busy_timeout(s->db_, 10000);
  for (const char* sql : {"PRAGMA journal_mode=WAL;", "PRAGMA synchronous=NORMAL;", kSchema}) {
    Status st = s->exec(sql);
    if (!st.ok()) return st.error();
  }
  const char* load_sql =
      "SELECT platform_id, resolved_extra, current_handle, newest_id, newest_time, cursor, "
      "cursor_page, run_top_id, run_top_time, window, last_success, last_failure, last_error, "
      "failures FROM account_state WHERE key = ?1";
  const char* save_sql =
      "INSERT INTO account_state (key, platform_id, resolved_extra, current_handle, newest_id, "
      "newest_time, cursor, cursor_page, run_top_id, run_top_time, window, last_success, "
      "last_failure, last_error, failures) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,"
      "?14,?15) ON CONFLICT(key) DO UPDATE SET platform_id=?2, resolved_extra=?3, "
      "current_handle=?4, newest_id=?5, newest_time=?6, cursor=?7, cursor_page=?8, "
      "run_top_id=?9, run_top_time=?10, window=?11, last_success=?12, last_failure=?13, "
      "last_error=?14, failures=?15";
  const char* units_sql = "SELECT units FROM quota_usage WHERE credential = ?1 AND day = ?2";
  const char* add_sql =
      "INSERT INTO quota_usage (credential, day, units) VALUES (?1, ?2, ?3) "
      "ON CONFLICT(credential, day) DO UPDATE SET units = units + ?3";
  if (sqlite3_prepare_v2(s->db_, load_sql, -1, &s->load_, nullptr) != SQLITE_OK ||
      sqlite3_prepare_v2(s->db_, save_sql, -1, &s->save_, nullptr) != SQLITE_OK ||
      sqlite3_prepare_v2(s->db_, units_sql, -1, &s->units_, nullptr) != SQLITE_OK ||
      sqlite3_prepare_v2(s->db_, add_sql, -1, &s->add_units_, nullptr) != SQLITE_OK) {
    return s->error("cannot prepare statements").error();
  }
  return s;
}

StateStore::~StateStore() {
  for (sqlite3_stmt* st : {load_, save_, units_, add_units_}) sqlite3_finalize(st);
  sqlite3_close(db_);
}

Result<AccountState> StateStore::load(const std::string& key) {
  sqlite3_reset(load_);
  bind_text(load_, 1, key);
  AccountState a;
  int rc = sqlite3_step(load_);
  if (rc == SQLITE_ROW) {
    a.platform_id = column_text(load_, 0);
    a.resolved_extra = column_text(load_, 1);
    a.current_handle = column_text(load_, 2);
    a.newest_id = column_text(load_, 3);
    a.newest_time = sqlite3_column_int64(load_, 4);
    a.cursor = column_text(load_, 5);
    a.cursor_page = sqlite3_column_int64(load_, 6);
    a.run_top_id = column_text(load_, 7);
    a.run_top_time = sqlite3_column_int64(load_, 8);
    a.window = column_text(load_, 9);
    a.last_success = sqlite3_column_int64(load_, 10);
    a.last_failure = sqlite3_column_int64(load_, 11);
    a.last_error = column_text(load_, 12);
    a.failures = sqlite3_column_int64(load_, 13);
  } else if (rc != SQLITE_DONE) {
    return error("cannot read state").error();
  }
  sqlite3_reset(load_);
  return a;
}

Status StateStore::save(const std::string& key, const AccountState& a) {
  sqlite3_reset(save_);
  bind_text(save_, 1, key);
  bind_text(save_, 2, a.platform_id);
  bind_text(save_, 3, a.resolved_extra);
  bind_text(save_, 4, a.current_handle);
  bind_text(save_, 5, a.newest_id);
  sqlite3_bind_int64(save_, 6, a.newest_time);
  bind_text(save_, 7, a.cursor);
  sqlite3_bind_int64(save_, 8, a.cursor_page);
  bind_text(save_, 9, a.run_top_id);
  sqlite3_bind_int64(save_, 10, a.run_top_time);
  bind_text(save_, 11, a.window);
  sqlite3_bind_int64(save_, 12, a.last_success);
  sqlite3_bind_int64(save_, 13, a.last_failure);
  bind_text(save_, 14, a.last_error);
  sqlite3_bind_int64(save_, 15, a.failures);
  const int rc = sqlite3_step(save_);
  sqlite3_reset(save_);
  if (rc != SQLITE_DONE) return error("cannot save state");
  return {};
}

Result<int64_t> StateStore::units_used(const std::string& id, const std::string& day) {
  sqlite3_reset(units_);
  bind_text(units_, 1, id);
  bind_text(units_, 2, day);
  int64_t v = 0;
  const int rc = sqlite3_step(units_);
  if (rc == SQLITE_ROW) {
    v = sqlite3_column_int64(units_, 0);
  } else if (rc != SQLITE_DONE) {
    return error("cannot read quota usage").error();
  }
  sqlite3_reset(units_);
  return v;
}

Status StateStore::add_units(const std::string& id, const std::string& day, int64_t units) {
  sqlite3_reset(add_units_);
  bind_text(add_units_, 1, id);
  bind_text(add_units_, 2, day);
  sqlite3_bind_int64(add_units_, 3, units);
  const int rc = sqlite3_step(add_units_);
  sqlite3_reset(add_units_);
  if (rc != SQLITE_DONE) return error("cannot save quota usage");
  return {};
}

}  // namespace pantau::fetch
