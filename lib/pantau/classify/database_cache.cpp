#include "pantau/classify/database_cache.h"

#include <dirent.h>
#include <fcntl.h>
#include <hs/hs.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string_view>

#include "pantau/classify/file_util.h"
#include "pantau/sha256.h"

namespace pantau::classify {

namespace {

// Bump when the file layout or the meaning of the key material changes.
constexpr std::string_view kFormat = "pantau-hsdb-1";
constexpr std::string_view kMagic = "PNTHSDB1";
constexpr size_t kHeaderBytes = 16;  // magic, count, reserved
constexpr size_t kChecksumBytes = 64;

// File names: database_cache_path() makes kPrefix + sha256_hex + kSuffix, and store_databases()
// writes through an AtomicFile, whose temporary is "." + that + kTemporarySuffix.
constexpr std::string_view kPrefix = "vectorscan-";
constexpr std::string_view kSuffix = ".hsdb";
constexpr std::string_view kTemporarySuffix = ".XXXXXX";
constexpr size_t kHashDigits = 64;
// A store takes well under a second, so a temporary this old has lost its writer.
constexpr std::chrono::hours kTemporaryMaxAge{24};

template <typename T>
void put(std::string* out, T v) {
  out->append(reinterpret_cast<const char*>(&v), sizeof v);
}

template <typename T>
bool get(std::string_view* in, T* v) {
  if (in->size() < sizeof *v) return false;
  std::memcpy(v, in->data(), sizeof *v);
  in->remove_prefix(sizeof *v);
  return true;
}

// One database from its serialized bytes, or null when vectorscan rejects them (wrong version or
// platform, damaged header) or they do not describe a block-mode database of the expected size.
hs_database* deserialize(std::string_view bytes) {
  size_t expected = 0;
  if (hs_serialized_database_size(bytes.data(), bytes.size(), &expected) != HS_SUCCESS) {
    return nullptr;
  }
  hs_database* db = nullptr;
  if (hs_deserialize_database(bytes.data(), bytes.size(), &db) != HS_SUCCESS) return nullptr;
  HsDatabasePtr owned(db);
  size_t size = 0;
  if (hs_database_size(db, &size) != HS_SUCCESS || size != expected) return nullptr;
  char* info = nullptr;
  if (hs_database_info(db, &info) != HS_SUCCESS || info == nullptr) return nullptr;
  const bool block = std::strstr(info, "Mode: BLOCK") != nullptr;
  std::free(info);  // allocated by vectorscan with the default allocator
  return block ? owned.release() : nullptr;
}

bool is_cache_name(std::string_view name) {
  if (name.size() != kPrefix.size() + kHashDigits + kSuffix.size()) return false;
  if (!name.starts_with(kPrefix) || !name.ends_with(kSuffix)) return false;
  const std::string_view hash = name.substr(kPrefix.size(), kHashDigits);
  return std::all_of(hash.begin(), hash.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// An AtomicFile's temporary (".NAME.XXXXXX", file_io.h), or one of a writer from before it
// ("NAME.XXXXXX"), of a cache file NAME. mkstemp fills the X's with ASCII letters and digits.
bool is_temporary_name(std::string_view name) {
  if (name.size() <= kTemporarySuffix.size()) return false;
  const std::string_view tail = name.substr(name.size() - kTemporarySuffix.size());
  std::string_view cache = name.substr(0, name.size() - tail.size());
  if (cache.starts_with('.')) cache.remove_prefix(1);
  return is_cache_name(cache) && tail[0] == '.' &&
         std::all_of(tail.begin() + 1, tail.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
         });
}

}  // namespace

void HsDatabaseFree::operator()(hs_database* db) const { hs_free_database(db); }

std::string database_key_base() {
  std::string out(kFormat);
  out += '\n';
  out += hs_version();
  out += '\n';
  hs_platform_info_t platform{};
  if (hs_populate_platform(&platform) == HS_SUCCESS) {
    out += std::to_string(platform.tune) + ' ' + std::to_string(platform.cpu_features) + ' ' +
           std::to_string(platform.reserved1) + ' ' + std::to_string(platform.reserved2);
  } else {
    out += "unknown platform";  // still keyed by version; deserialization checks the platform
  }
  out += '\n';
  return out;
}

std::string database_cache_path(const std::string& dir, std::string_view key_material) {
  std::string path = dir;
  if (!path.empty() && path.back() != '/') path += '/';
  return path + "vectorscan-" + sha256_hex(key_material) + ".hsdb";
}

std::vector<HsDatabasePtr> load_databases(const std::string& path, size_t count) {
  std::vector<HsDatabasePtr> dbs;
  auto file = read_file(path);
  if (!file || file->size() < kHeaderBytes + kChecksumBytes) return dbs;
  std::string_view all(*file);
  std::string_view body = all.substr(0, all.size() - kChecksumBytes);
  // The checksum catches damage inside the bytecode, which vectorscan's own header checks do not.
  if (all.substr(body.size()) != sha256_hex(body)) return dbs;
  if (body.substr(0, kMagic.size()) != kMagic) return dbs;
  body.remove_prefix(kMagic.size());
  uint32_t n = 0, reserved = 0;
  if (!get(&body, &n) || !get(&body, &reserved) || n != count || reserved != 0) return dbs;
  for (uint32_t i = 0; i < n; ++i) {
    uint64_t size = 0;
    if (!get(&body, &size) || size > body.size()) return {};
    hs_database* db = deserialize(body.substr(0, static_cast<size_t>(size)));
    if (!db) return {};
    dbs.emplace_back(db);
    body.remove_prefix(static_cast<size_t>(size));
  }
  if (!body.empty()) return {};
  // A file in use must not age out (prune_database_cache). One syscall; best effort, like the rest.
  ::utimensat(AT_FDCWD, path.c_str(), nullptr, 0);
  return dbs;
}

bool store_databases(const std::string& path, const std::vector<const hs_database*>& dbs) {
  std::string data(kMagic);
  put(&data, static_cast<uint32_t>(dbs.size()));
  put(&data, uint32_t{0});
  for (const hs_database* db : dbs) {
    char* bytes = nullptr;
    size_t length = 0;
    if (hs_serialize_database(db, &bytes, &length) != HS_SUCCESS) return false;
    put(&data, static_cast<uint64_t>(length));
    data.append(bytes, length);
    std::free(bytes);  // allocated by vectorscan with the default allocator
  }
  data += sha256_hex(data);

  const std::filesystem::path target(path);
  std::error_code ec;
  if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path(), ec);
  if (ec) return false;
  // Pruning only here, on a miss, keeps hits to a read; before writing, so a full disk has room.
  prune_database_cache(target.has_parent_path() ? target.parent_path().string() : ".",
                       std::chrono::system_clock::now(), kDatabaseCacheMaxAge);
  // A temporary file beside the target, renamed over it: concurrent runs each write their own and
  // the last rename wins; a reader sees the old file or the new one, never a partial one. 0600,
  // as the cache always was: compiled patterns are nobody else's business.
  return write_file_atomic(path, data, 0600).ok();
}

void prune_database_cache(const std::string& dir, std::chrono::system_clock::time_point now,
                          std::chrono::seconds max_age) {
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return;
  const int fd = ::dirfd(d);
  const auto now_s = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch());
  // Names are looked at and removed relative to the open directory, and lstat'ed: a symlink
  // named like a cache file is not ours, and neither is what it points to.
  while (const dirent* e = ::readdir(d)) {
    const bool temporary = is_temporary_name(e->d_name);
    if (!temporary && !is_cache_name(e->d_name)) continue;
    struct stat st {};
    if (::fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode)) continue;
    const std::chrono::seconds limit = temporary ? kTemporaryMaxAge : max_age;
    // A run that refreshes the file between the stat and the unlink does not save it; the next
    // run compiles and stores it again, which is all a cache promises.
    if (now_s.count() - st.st_mtim.tv_sec > limit.count()) ::unlinkat(fd, e->d_name, 0);
  }
  ::closedir(d);
}

}  // namespace pantau::classify
