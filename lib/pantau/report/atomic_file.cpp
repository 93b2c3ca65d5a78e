#include "pantau/report/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

namespace pantau::report {
namespace {

Error sys_error(const std::string& path) { return Error::io(path + ": " + std::strerror(errno)); }

}  // namespace

Result<std::unique_ptr<AtomicFile>> AtomicFile::create(const std::string& path) {
  if (path.empty()) return Error::invalid("empty output file name");
  const size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
  const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  if (base.empty()) return Error::invalid(path + ": is a directory");
  std::string temp = dir + "." + base + ".XXXXXX";
  std::vector<char> buf(temp.begin(), temp.end());
  buf.push_back('\0');
  const int fd = ::mkstemp(buf.data());
  if (fd < 0) return sys_error(path);
  temp.assign(buf.data());
  return std::unique_ptr<AtomicFile>(new AtomicFile(path, std::move(temp), fd));
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_) ::unlink(temp_.c_str());
}

Status AtomicFile::commit() {
  struct stat st {};
  mode_t mode;
  if (::stat(path_.c_str(), &st) == 0) {
    mode = st.st_mode & 07777;
  } else {
    const mode_t mask = ::umask(022);  // reading the umask means setting it; restore at once
    ::umask(mask);
    mode = 0666 & ~mask;
  }
  if (::fchmod(fd_, mode) != 0 || ::fsync(fd_) != 0) return sys_error(path_);
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) return sys_error(path_);
  if (::rename(temp_.c_str(), path_.c_str()) != 0) return sys_error(path_);
  committed_ = true;
  return {};
}

}  // namespace pantau::report
