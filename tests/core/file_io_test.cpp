#include "pantau/file_io.h"

#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "pantau/hash.h"
#include "test_support.h"

using pantau::test::read_file;
using pantau::test::scratch_path;
using pantau::test::write_file;
namespace fs = std::filesystem;

namespace {

// A fresh, empty directory of its own for each test.
std::string fresh_dir(const std::string& name) {
  const std::string dir = scratch_path(name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::vector<std::string> names_in(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

mode_t mode_of(const std::string& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

mode_t current_umask() {
  const mode_t mask = ::umask(022);
  ::umask(mask);
  return mask;
}

}  // namespace

TEST_CASE("read_file reads the bytes as stored, with a size cap", "[file_io]") {
  const std::string dir = fresh_dir("read");
  const std::string bytes("a\0b\r\n\xff", 6);
  write_file(dir + "/f", bytes);
  auto all = pantau::read_file(dir + "/f");
  REQUIRE(all.ok());
  CHECK(*all == bytes);
  auto exact = pantau::read_file(dir + "/f", 6);
  REQUIRE(exact.ok());
  CHECK(*exact == bytes);
  auto over = pantau::read_file(dir + "/f", 5);
  REQUIRE_FALSE(over.ok());
  CHECK(over.error().code == pantau::Error::Code::kTooLong);
  CHECK(over.error().message == dir + "/f: larger than 5 bytes");
  write_file(dir + "/empty", "");
  auto empty = pantau::read_file(dir + "/empty");
  REQUIRE(empty.ok());
  CHECK(empty->empty());
  auto missing = pantau::read_file(dir + "/nope");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == pantau::Error::Code::kNotFound);
  CHECK(missing.error().message == dir + "/nope: No such file or directory");
  auto directory = pantau::read_file(dir);
  REQUIRE_FALSE(directory.ok());
  CHECK(directory.error().code == pantau::Error::Code::kIo);
  CHECK(directory.error().message == dir + ": Is a directory");
}

TEST_CASE("read_all reads a source to its end, with a size cap", "[file_io]") {
  auto src = pantau::memory_source(std::string(70000, 'x'), "<doc>");
  std::string out = "kept";
  REQUIRE(pantau::read_all(*src, 70000, &out).ok());
  CHECK(out.size() == 4 + 70000);
  auto big = pantau::memory_source(std::string(70000, 'x'), "<doc>");
  std::string part;
  pantau::Status s = pantau::read_all(*big, 1000, &part);
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().code == pantau::Error::Code::kTooLong);
  CHECK(s.message() == "<doc>: larger than 1000 bytes");
  CHECK(part.size() > 1000);  // what was read is kept
}

TEST_CASE("write_file_atomic creates, replaces and keeps or sets permissions", "[file_io]") {
  const std::string dir = fresh_dir("write");
  const std::string path = dir + "/out.json";
  REQUIRE(pantau::write_file_atomic(path, "one").ok());
  CHECK(read_file(path) == "one");
  CHECK(mode_of(path) == (0666 & ~current_umask()));
  REQUIRE(::chmod(path.c_str(), 0600) == 0);
  REQUIRE(pantau::write_file_atomic(path, "two").ok());
  CHECK(read_file(path) == "two");
  CHECK(mode_of(path) == 0600);  // the existing file's permissions are kept
  REQUIRE(pantau::write_file_atomic(path, "three", 0640).ok());
  CHECK(read_file(path) == "three");
  CHECK(mode_of(path) == 0640);  // given ones are used as given
  CHECK(names_in(dir) == std::vector<std::string>{"out.json"});
  // A bare name is in the working directory; an empty name or a directory is no file.
  CHECK_FALSE(pantau::write_file_atomic("", "x").ok());
  CHECK(pantau::write_file_atomic(dir + "/", "x").message() == dir + "/: is a directory");
}

TEST_CASE("a link is followed and a FIFO or device is written, never replaced", "[file_io]") {
  // `report -o` on a symlink replaced the link and left its file stale; on a FIFO (or on
  // /dev/stdout, as root) it put a regular file where the FIFO or device node was.
  const std::string dir = fresh_dir("special");
  const std::string target = dir + "/report.html";
  write_file(target, "old");
  REQUIRE(::symlink("report.html", (dir + "/latest.html").c_str()) == 0);
  REQUIRE(pantau::write_file_atomic(dir + "/latest.html", "new").ok());
  CHECK(fs::is_symlink(dir + "/latest.html"));
  CHECK(read_file(target) == "new");
  CHECK(names_in(dir) == std::vector<std::string>{"latest.html", "report.html"});

  const std::string fifo = dir + "/pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::string got;
  std::thread reader([&] { got = read_file(fifo); });
  pantau::Status s = pantau::write_file_atomic(fifo, "through the pipe");
  reader.join();
  CHECK(s.ok());
  CHECK(got == "through the pipe");
  CHECK(fs::is_fifo(fifo));
  // /dev/null is a character device: written, not replaced.
  CHECK(pantau::write_file_atomic("/dev/null", "discarded").ok());
  CHECK(fs::is_character_file("/dev/null"));
}

TEST_CASE("the temporary file is hidden beside the target, never elsewhere", "[file_io]") {
  const std::string dir = fresh_dir("beside");
  auto f = pantau::AtomicFile::create(dir + "/report.md");
  REQUIRE(f.ok());
  const std::string temp = (*f)->temporary_path();
  CHECK(temp.rfind(dir + "/.report.md.", 0) == 0);
  CHECK(temp.size() == dir.size() + std::string("/.report.md.XXXXXX").size());
  CHECK(names_in(dir).size() == 1);
  auto missing_dir = pantau::AtomicFile::create(dir + "/no/such/dir/report.md");
  REQUIRE_FALSE(missing_dir.ok());
  CHECK(missing_dir.error().message == dir + "/no/such/dir/report.md: No such file or directory");
}

TEST_CASE("an uncommitted AtomicFile leaves the old file and no temporary", "[file_io]") {
  const std::string dir = fresh_dir("uncommitted");
  const std::string path = dir + "/report.md";
  write_file(path, "old");
  {
    auto f = pantau::AtomicFile::create(path);
    REQUIRE(f.ok());
    REQUIRE((*f)->write("half").ok());
    // Destroyed without commit: an interrupted run.
  }
  CHECK(read_file(path) == "old");
  CHECK(names_in(dir) == std::vector<std::string>{"report.md"});
  {
    auto f = pantau::AtomicFile::create(path);
    REQUIRE(f.ok());
    REQUIRE((*f)->write("new").ok());
    REQUIRE((*f)->commit().ok());
    CHECK_FALSE((*f)->commit().ok());  // once only
  }
  CHECK(read_file(path) == "new");
  CHECK(names_in(dir) == std::vector<std::string>{"report.md"});
}

TEST_CASE("a failed write leaves the old file intact and no temporary", "[file_io]") {
  const std::string dir = fresh_dir("write-fails");
  const std::string path = dir + "/model.bin";
  write_file(path, "old model");
  // The file size limit makes write(2) fail with EFBIG half way, for root too.
  struct rlimit old {};
  REQUIRE(::getrlimit(RLIMIT_FSIZE, &old) == 0);
  struct sigaction ignore {
  }, previous{};
  ignore.sa_handler = SIG_IGN;
  REQUIRE(::sigaction(SIGXFSZ, &ignore, &previous) == 0);
  struct rlimit small = old;
  small.rlim_cur = 4096;
  REQUIRE(::setrlimit(RLIMIT_FSIZE, &small) == 0);
  pantau::Status s = pantau::write_file_atomic(path, std::string(100000, 'w'));
  ::setrlimit(RLIMIT_FSIZE, &old);
  ::sigaction(SIGXFSZ, &previous, nullptr);
  REQUIRE_FALSE(s.ok());
  CHECK(s.message() == path + ": File too large");
  CHECK(read_file(path) == "old model");
  CHECK(names_in(dir) == std::vector<std::string>{"model.bin"});
}

TEST_CASE("a failed rename leaves the target as it was and no temporary", "[file_io]") {
  const std::string dir = fresh_dir("rename-fails");
  // A directory as the target is refused before anything is written.
  fs::create_directories(dir + "/target/inside");
  pantau::Status s = pantau::write_file_atomic(dir + "/target", "bytes");
  REQUIRE_FALSE(s.ok());
  CHECK(s.message() == dir + "/target: is a directory");
  CHECK(names_in(dir) == std::vector<std::string>{"target"});
  // One that becomes a non-empty directory while the file is written cannot be renamed over,
  // whoever asks: the rename fails and leaves it as it was.
  auto late = pantau::AtomicFile::create(dir + "/late");
  REQUIRE(late.ok());
  REQUIRE((*late)->write("bytes").ok());
  fs::create_directories(dir + "/late/inside");
  s = (*late)->commit();
  REQUIRE_FALSE(s.ok());
  CHECK(s.message() == dir + "/late: Is a directory");
  late->reset();
  CHECK(fs::is_directory(dir + "/late/inside"));
  CHECK(names_in(dir) == std::vector<std::string>{"late", "target"});
}

namespace {

pantau::Status fails_at(int step, int* reached) {
  for (int i = 1; i <= 3; ++i) {
    *reached = i;
    TRY(i == step ? pantau::Status(pantau::Error::invalid("step " + std::to_string(i)))
                  : pantau::Status());
  }
  return {};
}

pantau::Result<int> result_of(int step) {
  int reached = 0;
  TRY(fails_at(step, &reached));
  return reached;
}

}  // namespace

TEST_CASE("TRY returns the first error from a Status or Result function", "[file_io]") {
  int reached = 0;
  pantau::Status s = fails_at(2, &reached);
  CHECK(s.message() == "step 2");
  CHECK(reached == 2);
  CHECK(fails_at(0, &reached).ok());
  CHECK(reached == 3);
  auto r = result_of(3);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message == "step 3");
  CHECK(*result_of(0) == 3);
}

TEST_CASE("fnv1a64 is FNV-1a 64 with its published constants", "[hash]") {
  static_assert(pantau::kFnv1a64Offset == 0xcbf29ce484222325ULL);
  static_assert(pantau::kFnv1a64Prime == 0x100000001b3ULL);
  static_assert(pantau::fnv1a64("") == pantau::kFnv1a64Offset);
  // Test vectors from the FNV reference (draft-eastlake-fnv).
  CHECK(pantau::fnv1a64("a") == 0xaf63dc4c8601ec8cULL);
  CHECK(pantau::fnv1a64("foobar") == 0x85944171f73967e8ULL);
  CHECK(pantau::fnv1a64("b", pantau::fnv1a64("a")) == pantau::fnv1a64("ab"));
}
