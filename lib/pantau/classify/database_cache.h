// Database cache: compiled vectorscan databases kept on disk between runs, so that a program's
// start-up does not compile the same patterns again (~0.1 s for the shipped rule pack).
//
// A cache file holds all the databases of one Matcher. Its name is the SHA-256 of the key
// material: database_key_base() (a format version, hs_version() and the host platform from
// hs_populate_platform(): CPU tuning and features) followed by the caller's description of every
// database's complete compile input. So a file is only ever looked up by a run that would compile
// exactly those databases for this vectorscan and this CPU; a different pattern set, library or
// machine gets another name.
//
// File layout (host byte order; the platform is part of the name):
//   "PNTHSDB1"  uint32 count  uint32 0
//   count times: uint64 size, then `size` bytes from hs_serialize_database
//   64 bytes: sha256_hex of everything before them
// Loading checks every part of it (magic, count, sizes, checksum, hs_deserialize_database,
// hs_database_size, block mode); any failure, including a missing file, reads as "not cached".
// Storing creates the directory and replaces the file with write_file_atomic (file_io.h), so a
// reader never sees half a file. Both are best effort and never report anything: the
// caller compiles on a miss, and a cache that cannot be written is simply not used.
//
// Every rule-pack or vectorscan change leaves a new file behind, so the directory is pruned: a
// load that succeeds sets the file's modification time to now, and a store (a miss, so rare)
// first removes the cache files no run has loaded or written for kDatabaseCacheMaxAge.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct hs_database;

namespace pantau::classify {

struct HsDatabaseFree {
  void operator()(hs_database* db) const;
};
using HsDatabasePtr = std::unique_ptr<hs_database, HsDatabaseFree>;

// The start of every key: format version, vectorscan version, host platform.
std::string database_key_base();

// `dir`/vectorscan-<sha256 of key_material>.hsdb
std::string database_cache_path(const std::string& dir, std::string_view key_material);

// The `count` databases stored at `path`, in order; empty when the file is missing, damaged, holds
// another number of databases or was written for another platform.
std::vector<HsDatabasePtr> load_databases(const std::string& path, size_t count);

// Writes `dbs` to `path` atomically, creating its directory, after pruning that directory with
// prune_database_cache(dir, now, kDatabaseCacheMaxAge). False when it could not write.
bool store_databases(const std::string& path, const std::vector<const hs_database*>& dbs);

// How long a cache file may go without being loaded or written before a store removes it.
inline constexpr std::chrono::hours kDatabaseCacheMaxAge{24 * 30};

// Removes from `dir` the cache files (vectorscan-<sha256>.hsdb) last modified more than `max_age`
// before `now`, and the temporaries of writers that died before their rename
// (.vectorscan-<sha256>.hsdb.XXXXXX, or without the dot from older versions) older than a day. Only
// regular files with exactly those names: the directory may be shared (~/.cache/pantau), so
// anything else, a symlink or a directory included, is left alone. Best effort and silent, like the
// rest of the cache.
void prune_database_cache(const std::string& dir, std::chrono::system_clock::time_point now,
                          std::chrono::seconds max_age);

}  // namespace pantau::classify
