#include "pantau/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace pantau {
namespace {

Error sys_error(const std::string& path) { return Error::io(path + ": " + std::strerror(errno)); }

Error too_long(const std::string& name, uint64_t max_bytes) {
  return Error{Error::Code::kTooLong,
               name + ": larger than " + std::to_string(max_bytes) + " bytes"};
}

// The directory part of `path` with its slash ("" for a bare name), and the name after it.
void split_path(const std::string& path, std::string* dir, std::string* base) {
  const size_t slash = path.rfind('/');
  *dir = slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
  *base = slash == std::string::npos ? path : path.substr(slash + 1);
}

// A rename is durable only once the directory holding the new name is on disk too.
Status sync_directory(const std::string& path) {
  std::string dir, base;
  split_path(path, &dir, &base);
  if (dir.empty()) dir = ".";
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return sys_error(path);
  // Some file systems cannot flush a directory (EINVAL); the rename is then as durable as it gets.
  const bool synced = ::fsync(fd) == 0 || errno == EINVAL;
  const int e = errno;
  ::close(fd);
  errno = e;
  if (!synced) return sys_error(path);
  return {};
}

}  // namespace

Result<std::string> read_file(const std::string& path, uint64_t max_bytes) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const bool missing = errno == ENOENT;
    Error e = sys_error(path);
    if (missing) e.code = Error::Code::kNotFound;
    return e;
  }
  std::string out;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
      static_cast<uint64_t>(st.st_size) <= max_bytes) {
    out.reserve(static_cast<size_t>(st.st_size));
  }
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      Error e = sys_error(path);
      ::close(fd);
      return e;
    }
    if (n == 0) break;
    if (static_cast<uint64_t>(n) > max_bytes - out.size()) {
      ::close(fd);
      return too_long(path, max_bytes);
    }
    out.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return out;
}

Status read_all(ByteSource& source, uint64_t max_bytes, std::string* out) {
  const size_t start = out->size();
  char buf[65536];
  for (;;) {
    auto n = source.read(buf, sizeof buf);
    if (!n) return n.error();
    if (*n == 0) return {};
    out->append(buf, *n);
    if (out->size() - start > max_bytes) return too_long(source.name(), max_bytes);
  }
}

Result<std::unique_ptr<AtomicFile>> AtomicFile::create(const std::string& given, mode_t mode) {
  if (given.empty()) return Error::invalid("empty output file name");
  std::string path = given;
  struct stat st {};
  if (::lstat(given.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
    // Renaming over a link would replace the link; the file it names is what is meant.
    if (char* real = ::realpath(given.c_str(), nullptr); real != nullptr) {
      path = real;
      std::free(real);
    }
  }
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    if (S_ISDIR(st.st_mode)) return Error::invalid(given + ": is a directory");
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return sys_error(given);
    return std::unique_ptr<AtomicFile>(new AtomicFile(given, std::string(), fd, mode));
  }
  std::string dir, base;
  split_path(path, &dir, &base);
  if (base.empty()) return Error::invalid(path + ": is a directory");
  // Hidden, so a directory listing (a web server's, a glob) never shows a half-written file.
  std::string temp = dir + "." + base + ".XXXXXX";
  std::vector<char> buf(temp.begin(), temp.end());
  buf.push_back('\0');
  const int fd = ::mkostemp(buf.data(), O_CLOEXEC);
  if (fd < 0) return sys_error(path);
  temp.assign(buf.data());
  return std::unique_ptr<AtomicFile>(new AtomicFile(path, std::move(temp), fd, mode));
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_ && !temp_.empty()) ::unlink(temp_.c_str());
}

Status AtomicFile::write(std::string_view bytes) {
  if (fd_ < 0) return Error::io(path_ + ": already committed");
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return sys_error(path_);
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return {};
}

Status AtomicFile::commit() {
  if (fd_ < 0) return Error::io(path_ + ": already committed");
  if (temp_.empty()) {  // written directly (a FIFO, a device): nothing to rename
    const int fd = fd_;
    fd_ = -1;
    // fsync() means nothing to a pipe or a terminal (EINVAL); a device may report a real error.
    if (::fsync(fd) != 0 && errno != EINVAL && errno != EROFS) {
      Status s = sys_error(path_);
      ::close(fd);
      return s;
    }
    if (::close(fd) != 0) return sys_error(path_);
    committed_ = true;
    return {};
  }
  mode_t mode = mode_;
  if (mode == kKeepMode) {
    struct stat st {};
    if (::stat(path_.c_str(), &st) == 0) {
      mode = st.st_mode & 07777;
    } else {
      const mode_t mask = ::umask(022);  // reading the umask means setting it; restore at once
      ::umask(mask);
      mode = 0666 & ~mask;
    }
  }
  if (::fchmod(fd_, mode) != 0 || ::fsync(fd_) != 0) return sys_error(path_);
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) return sys_error(path_);
  if (::rename(temp_.c_str(), path_.c_str()) != 0) return sys_error(path_);
  committed_ = true;
  return sync_directory(path_);
}

Status write_file_atomic(const std::string& path, std::string_view bytes, mode_t mode) {
  auto file = AtomicFile::create(path, mode);
  if (!file) return file.error();
  Status s = (*file)->write(bytes);
  if (!s.ok()) return s;
  return (*file)->commit();
}

}  // namespace pantau
