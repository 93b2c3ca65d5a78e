#include "pantau/fetch/state_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

#include "pantau/time.h"

namespace pantau::fetch {
namespace {

std::string os_error(const std::string& path, const char* what) {
  return path + ": " + what + ": " + std::strerror(errno);
}

// What the holder wrote, on one line; "unknown" when it has not written yet.
std::string read_holder(int fd) {
  std::array<char, 512> buf{};
  const ssize_t n = ::pread(fd, buf.data(), buf.size() - 1, 0);
  if (n <= 0) return "unknown";
  std::string s(buf.data(), static_cast<size_t>(n));
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  if (const size_t nl = s.find('\n'); nl != std::string::npos) s.resize(nl);
  return s.empty() ? "unknown" : s;
}

}  // namespace

std::string StateLock::lock_path(const std::string& state_path) { return state_path + ".lock"; }

Result<StateLock::Attempt> StateLock::try_acquire(const std::string& state_path,
                                                  int64_t started_ms) {
  const std::string path = lock_path(state_path);
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Error::io(os_error(path, "cannot open the state lock"));
  int rc = 0;
  do {
    rc = ::flock(fd, LOCK_EX | LOCK_NB);
  } while (rc != 0 && errno == EINTR);
  if (rc != 0) {
    if (errno == EWOULDBLOCK) {
      Attempt held;
      held.holder = read_holder(fd);
      ::close(fd);
      return held;
    }
    Error e = Error::io(os_error(path, "cannot lock the state"));
    ::close(fd);
    return e;
  }
  std::array<char, 256> host{};
  if (::gethostname(host.data(), host.size() - 1) != 0) std::strcpy(host.data(), "unknown-host");
  const std::string who = "pid " + std::to_string(::getpid()) + " on " + host.data() + " since " +
                          format_rfc3339(started_ms / 1000 * 1000) + "\n";
  if (::ftruncate(fd, 0) != 0 ||
      ::pwrite(fd, who.data(), who.size(), 0) != static_cast<ssize_t>(who.size())) {
    Error e = Error::io(os_error(path, "cannot write the state lock"));
    ::close(fd);
    return e;
  }
  Attempt got;
  got.lock = std::unique_ptr<StateLock>(new StateLock(fd));
  return got;
}

StateLock::~StateLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the descriptor releases the flock
}

}  // namespace pantau::fetch
