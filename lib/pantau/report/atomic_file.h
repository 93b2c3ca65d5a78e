// AtomicFile: the -o FILE of a report. Bytes go to a temporary file in FILE's directory, which
// commit() renames over FILE, so readers (a web server, a scheduled upload) never see half a
// report and a failed or interrupted run leaves FILE as it was.
#pragma once

#include <memory>
#include <string>

#include "pantau/result.h"

namespace pantau::report {

class AtomicFile {
 public:
  // Creates the temporary file ("DIR/.NAME.XXXXXX"). Errors name the path and the system's
  // reason.
  static Result<std::unique_ptr<AtomicFile>> create(const std::string& path);
  ~AtomicFile();  // removes the temporary file unless committed

  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  int fd() const { return fd_; }
  const std::string& path() const { return path_; }

  // Flushes the file to disk, gives it FILE's permissions (the existing file's, else 0666 less
  // the umask), and renames it over FILE.
  Status commit();

 private:
  AtomicFile(std::string path, std::string temp, int fd)
      : path_(std::move(path)), temp_(std::move(temp)), fd_(fd) {}

  std::string path_;
  std::string temp_;
  int fd_;
  bool committed_ = false;
};

}  // namespace pantau::report
