// Diagnostics: the one way a tool talks to the user on stderr.
//
// Format (GNU): "pantau-normalize: FILE:LINE: message" or "pantau-normalize: message".
// Messages start lowercase and have no trailing period. Counts errors so the tool can pick its
// exit code at the end.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace pantau::cli {

class Diagnostics {
 public:
  explicit Diagnostics(std::string program) : program_(std::move(program)) {}

  const std::string& program() const { return program_; }

  // An error: counted, always printed.
  void error(std::string_view message);
  void error_at(std::string_view input, uint64_t line, std::string_view message);
  // A warning: printed unless quiet, not counted.
  void warning(std::string_view message);
  void warning_at(std::string_view input, uint64_t line, std::string_view message);
  // A note for --verbose runs.
  void info(std::string_view message);
  // A line printed unless quiet, without a "warning:" (a run's closing summary).
  void notice(std::string_view message);

  void set_quiet(bool q) { quiet_ = q; }
  void set_verbose(bool v) { verbose_ = v; }
  bool verbose() const { return verbose_; }

  uint64_t error_count() const { return errors_; }

 private:
  void print(std::string_view prefix, std::string_view message);

  std::string program_;
  uint64_t errors_ = 0;
  bool quiet_ = false;
  bool verbose_ = false;
};

}  // namespace pantau::cli
