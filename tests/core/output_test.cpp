#include "pantau/output.h"

#include <fcntl.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <csignal>

using namespace pantau;

TEST_CASE("output reaches the descriptor on flush") {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  {
    OutputStream out(fds[1], "pipe");
    out.write_line("{\"a\":1}");
    out.write_line("{\"b\":2}");
    REQUIRE(out.flush().ok());
  }
  ::close(fds[1]);
  char buf[64] = {};
  const ssize_t n = ::read(fds[0], buf, sizeof buf);
  ::close(fds[0]);
  CHECK(std::string(buf, static_cast<size_t>(n)) == "{\"a\":1}\n{\"b\":2}\n");
}

TEST_CASE("a closed reader is a broken pipe, not an I/O error") {
  std::signal(SIGPIPE, SIG_IGN);
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  ::close(fds[0]);
  OutputStream out(fds[1], "pipe");
  out.write_line("{}");
  Status s = out.flush();
  ::close(fds[1]);
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().code == Error::Code::kBrokenPipe);
}

TEST_CASE("a full device is a write error that names the output") {
  const int fd = ::open("/dev/full", O_WRONLY);
  if (fd < 0) return;  // not every sandbox has /dev/full
  OutputStream out(fd, "/dev/full");
  out.write_line("{}");
  Status s = out.flush();
  ::close(fd);
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().code == Error::Code::kIo);
  CHECK(s.message() == "/dev/full: write error: No space left on device");
}
