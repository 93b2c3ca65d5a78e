// The library's file environment: read a whole file, and replace one atomically. Every stage
// uses these instead of its own fopen/rename, so each file is written the same careful way: to a
// temporary file beside the target (mkstemp), flushed to disk, renamed over the target, and the
// directory flushed too, so that a crash, a full disk or a signal leaves either the old file or
// the new one, never half of one and never a stray temporary.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "pantau/byte_source.h"
#include "pantau/result.h"

namespace pantau {

inline constexpr uint64_t kNoSizeLimit = UINT64_MAX;

// The whole file as bytes, read as stored (no decompression). Errors read "PATH: reason":
// kNotFound when the file does not exist, kTooLong when it holds more than `max_bytes` bytes
// ("PATH: larger than N bytes"), kIo for any other failure.
Result<std::string> read_file(const std::string& path, uint64_t max_bytes = kNoSizeLimit);

// Appends the rest of `source` to *out. kTooLong ("NAME: larger than N bytes") as soon as *out
// has grown by more than `max_bytes`; what was read stays in *out.
Status read_all(ByteSource& source, uint64_t max_bytes, std::string* out);

// The permissions a replaced file gets: kKeepMode keeps the existing file's (a new file gets
// 0666 less the umask, as open(2) would give it); any other value is used as given.
inline constexpr mode_t kKeepMode = static_cast<mode_t>(-1);

// A file being replaced: write to fd() (or with write()), then commit(). Destroying it
// uncommitted (an error, an interrupted run) removes the temporary and leaves PATH as it was.
class AtomicFile {
 public:
  // Creates the temporary file "DIR/.NAME.XXXXXX" beside `path`. Errors name the path and the
  // system's reason. A symbolic link is followed: the file it names is replaced, the link kept.
  // A path naming something that is not a regular file (a FIFO, /dev/stdout, a terminal) cannot
  // be replaced by a rename without destroying it: it is opened and written directly, and
  // commit() only flushes it.
  static Result<std::unique_ptr<AtomicFile>> create(const std::string& path,
                                                    mode_t mode = kKeepMode);
  ~AtomicFile();

  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  int fd() const { return fd_; }
  const std::string& path() const { return path_; }
  const std::string& temporary_path() const { return temp_; }  // "" when written directly

  // Writes all of `bytes` (retrying short writes and EINTR).
  Status write(std::string_view bytes);
  // Sets the permissions, flushes the file to disk, renames it over PATH and flushes PATH's
  // directory. After an error PATH is unchanged and the temporary is removed at destruction.
  Status commit();

 private:
  AtomicFile(std::string path, std::string temp, int fd, mode_t mode)
      : path_(std::move(path)), temp_(std::move(temp)), fd_(fd), mode_(mode) {}

  std::string path_;
  std::string temp_;
  int fd_;
  mode_t mode_;
  bool committed_ = false;
};

// Replaces `path` with `bytes` through an AtomicFile.
Status write_file_atomic(const std::string& path, std::string_view bytes, mode_t mode = kKeepMode);

}  // namespace pantau
