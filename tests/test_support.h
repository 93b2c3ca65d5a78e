// Helpers shared by unit tests.
#pragma once

#include <stdlib.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace pantau::test {

// Root of tests/ in the source tree (fixtures live under it).
inline std::string data_dir() { return PANTAU_TEST_DATA_DIR; }

// Whole file as bytes; empty string if it cannot be read.
inline std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// Writes `text` to `path` as bytes, replacing the file.
inline void write_file(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// This test process's own scratch directory, made with mkdtemp under $TMPDIR (or /tmp) on first
// use and removed with everything in it when the process exits. Tests put every file they write
// here, so a run leaves nothing behind and two runs at once never share a path.
inline const std::string& scratch_dir() {
  struct Dir {
    std::string path;
    Dir() {
      const char* tmp = std::getenv("TMPDIR");
      std::string tmpl =
          std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/pantau-test-XXXXXX";
      if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp " + tmpl);
      path = tmpl;
    }
    ~Dir() {
      std::error_code ec;
      std::filesystem::remove_all(path, ec);
    }
  };
  static const Dir dir;
  return dir.path;
}

// A path inside scratch_dir().
inline std::string scratch_path(const std::string& name) { return scratch_dir() + "/" + name; }

// A deterministic stream of indexes below n (an LCG): next(n) is in [0, n). For the randomized
// comparisons with a reference (brute-force matchers, simdjson's DOM parser), so that a failure
// reproduces exactly.
struct Lcg {
  uint64_t seed;
  size_t operator()(size_t n) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<size_t>((seed >> 33) % n);
  }
};

}  // namespace pantau::test
