// ByteSource: where input bytes come from. open_input() gives one for a file operand or "-"
// (standard input) and decompresses gzip transparently, whatever the file is called.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "pantau/result.h"

namespace pantau {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to `n` bytes into `buf`. Returns the number read; 0 means end of input.
  virtual Result<size_t> read(char* buf, size_t n) = 0;
  // The name diagnostics use: the path as given, or "<stdin>".
  virtual const std::string& name() const = 0;
};

// Opens `path` ("-" is standard input). Gzip input (by its magic bytes, so also on stdin) is
// decompressed; concatenated gzip members are read as one stream. Errors name the path and
// carry strerror text, e.g. "missing.ndjson: No such file or directory".
Result<std::unique_ptr<ByteSource>> open_input(std::string_view path);

// A source over bytes in memory (tests, and records carried inside other records).
std::unique_ptr<ByteSource> memory_source(std::string bytes, std::string name);

}  // namespace pantau
