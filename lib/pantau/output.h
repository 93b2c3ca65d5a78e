// OutputStream: a buffered writer on a file descriptor, for NDJSON records and reports.
//
// Block-buffered by default; line-buffered mode flushes after every record so that a live
// pipeline (fetch-accounts | classify) sees records as they are made. The first write error is
// kept (later writes are dropped) and reported by status(): EPIPE, when the reader went away,
// has code kBrokenPipe, which tools treat as a quiet, successful end.
#pragma once

#include <string>
#include <string_view>

#include "pantau/result.h"

namespace pantau {

class OutputStream {
 public:
  // `fd` is not owned. `name` is used in error messages ("<stdout>" or a path).
  explicit OutputStream(int fd, std::string name = "<stdout>", bool line_buffered = false);
  ~OutputStream();  // flushes; errors at that point are lost, so call flush() first

  OutputStream(const OutputStream&) = delete;
  OutputStream& operator=(const OutputStream&) = delete;

  void write(std::string_view bytes);
  // Writes one record line: `record` (without newline) followed by '\n'.
  void write_line(std::string_view record);

  Status flush();
  // The first error seen, if any (also after flush()).
  const Status& status() const { return status_; }
  bool failed() const { return !status_.ok(); }

 private:
  void write_all(const char* p, size_t n);

  int fd_;
  std::string name_;
  bool line_buffered_;
  std::string buf_;
  Status status_;
};

}  // namespace pantau
