// Shared helpers for the fuzz harnesses (fuzz/*.cpp): each defines LLVMFuzzerTestOneInput and
// is linked either with libFuzzer (the fuzz preset) or with replay_main.cpp (every other build,
// where CTest replays the seed corpus and fuzz/regressions/ through it).
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>
#include <string_view>

#include "pantau/line_reader.h"

namespace pantau::fuzz {

inline std::string_view as_text(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// A scratch file of this process holding `bytes` (for parsers that take a path), rewritten on
// every input. Under /dev/shm when there is one: no disk writes at thousands of runs a second.
inline std::string scratch_file(std::string_view name, std::string_view bytes) {
  static const std::string dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
  std::string path = dir + "/pantau-fuzz-" + std::to_string(getpid()) + "-" + std::string(name);
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return path;
}

// Calls f(line) for every line LineReader gives for `bytes`; errors are skipped, as the
// programs skip a bad line and read on.
template <class F>
void for_each_line(std::string_view bytes, size_t max_line_bytes, F&& f) {
  LineReader reader(memory_source(std::string(bytes), "fuzz.ndjson"), max_line_bytes);
  Line line;
  for (;;) {
    auto r = reader.next(&line);
    if (!r) continue;
    if (!*r) break;
    f(line);
  }
}

// Inputs over this are not interesting and only slow the search down.
inline constexpr size_t kMaxInput = 1 << 20;

}  // namespace pantau::fuzz
