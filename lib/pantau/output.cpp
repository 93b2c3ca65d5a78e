#include "pantau/output.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace pantau {
namespace {
constexpr size_t kBufferSize = size_t{1} << 18;
}

OutputStream::OutputStream(int fd, std::string name, bool line_buffered)
    : fd_(fd), name_(std::move(name)), line_buffered_(line_buffered) {
  buf_.reserve(kBufferSize);
}

OutputStream::~OutputStream() { (void)flush(); }

void OutputStream::write_all(const char* p, size_t n) {
  while (n > 0 && status_.ok()) {
    const ssize_t w = ::write(fd_, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      if (errno == EPIPE) {
        status_ = Error{Error::Code::kBrokenPipe, name_ + ": broken pipe"};
      } else {
        status_ = Error::io(name_ + ": write error: " + std::strerror(errno));
      }
      return;
    }
    p += w;
    n -= static_cast<size_t>(w);
  }
}

void OutputStream::write(std::string_view bytes) {
  if (!status_.ok()) return;
  // Large writes (a page of posts from pantau-normalize is ~200 KB) bypass the buffer: copying
  // them into it first cost 2% of that program's time.
  const bool large = bytes.size() >= kBufferSize / 2;
  if (large || buf_.size() + bytes.size() > kBufferSize) {
    if (!buf_.empty()) write_all(buf_.data(), buf_.size());
    buf_.clear();
    if (large) {
      write_all(bytes.data(), bytes.size());
      return;
    }
  }
  buf_.append(bytes);
}

void OutputStream::write_line(std::string_view record) {
  write(record);
  write("\n");
  if (line_buffered_) (void)flush();
}

Status OutputStream::flush() {
  if (status_.ok() && !buf_.empty()) write_all(buf_.data(), buf_.size());
  buf_.clear();
  return status_;
}

}  // namespace pantau
