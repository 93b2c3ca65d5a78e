#include "pantau/output.h"

#include <fcntl.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <csignal>
#include <string>

#include "test_support.h"

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

TEST_CASE("small and large writes reach a file in order, whatever their sizes") {
  const std::string path = pantau::test::scratch_path("output-order.txt");
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  REQUIRE(fd >= 0);
  std::string expected;
  {
    OutputStream out(fd, "file");
    // Sizes around the buffer's (256 KiB) and the bypass threshold (half of it).
    for (size_t size : {size_t{10}, size_t{200000}, size_t{3}, size_t{131071}, size_t{131072},
                        size_t{7}, size_t{262144}, size_t{262145}, size_t{100000}, size_t{1}}) {
      std::string piece(size, static_cast<char>('a' + expected.size() % 26));
      out.write(piece);
      expected += piece;
    }
    REQUIRE(out.flush().ok());
  }
  ::close(fd);
  const std::string got = pantau::test::read_file(path);
  CHECK(got.size() == expected.size());
  CHECK(got == expected);
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
