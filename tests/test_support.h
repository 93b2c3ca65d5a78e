// Helpers shared by unit tests.
#pragma once

#include <fstream>
#include <sstream>
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

}  // namespace pantau::test
