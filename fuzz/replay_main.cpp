// Runs LLVMFuzzerTestOneInput over files and directories of inputs, once each, without
// libFuzzer: the harnesses build with any compiler, and CTest replays the seeds and every
// input a finding left in fuzz/regressions/ (a crash, a sanitizer report, a hang under the
// test's timeout) in every build.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

// A run slower than this is a hang (issue #16: "> 1 s per MB"), with room for a sanitizer
// build on a busy machine: every parser is linear, and runs in milliseconds per MB.
double seconds_allowed(size_t bytes) { return 2.0 + 4.0 * static_cast<double>(bytes) / 1e6; }

bool run_file(const std::filesystem::path& p, size_t* count) {
  std::ifstream in(p, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto start = std::chrono::steady_clock::now();
  LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ++*count;
  if (secs > seconds_allowed(bytes.size())) {
    std::fprintf(stderr, "replay: %s: %.1f s for %zu bytes: too slow\n", p.c_str(), secs,
                 bytes.size());
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  size_t count = 0;
  bool ok = true;
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path p(argv[i]);
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) {
      std::vector<std::filesystem::path> files;
      for (const auto& e : std::filesystem::recursive_directory_iterator(p)) {
        if (e.is_regular_file()) files.push_back(e.path());
      }
      std::sort(files.begin(), files.end());
      for (const auto& f : files) ok = run_file(f, &count) && ok;
    } else if (std::filesystem::is_regular_file(p, ec)) {
      ok = run_file(p, &count) && ok;
    } else {
      std::fprintf(stderr, "replay: %s: no such file or directory\n", argv[i]);
      return 2;
    }
  }
  std::printf("replayed %zu inputs\n", count);
  return ok ? 0 : 1;
}
