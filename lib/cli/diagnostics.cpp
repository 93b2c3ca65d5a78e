#include "cli/diagnostics.h"

#include <cstdio>
#include <string>

namespace pantau::cli {

void Diagnostics::print(std::string_view prefix, std::string_view message) {
  // One fwrite per message, so concurrent writers to the same stderr don't interleave mid-line.
  std::string line;
  line.reserve(program_.size() + prefix.size() + message.size() + 4);
  line.append(program_).append(": ").append(prefix).append(message).push_back('\n');
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

void Diagnostics::error(std::string_view message) {
  ++errors_;
  print("", message);
}

void Diagnostics::error_at(std::string_view input, uint64_t line, std::string_view message) {
  ++errors_;
  const std::string where = std::string(input) + ":" + std::to_string(line) + ": ";
  print(where, message);
}

void Diagnostics::warning(std::string_view message) {
  if (!quiet_) print("warning: ", message);
}

void Diagnostics::warning_at(std::string_view input, uint64_t line, std::string_view message) {
  if (quiet_) return;
  const std::string where = std::string(input) + ":" + std::to_string(line) + ": warning: ";
  print(where, message);
}

void Diagnostics::info(std::string_view message) {
  if (verbose_) print("", message);
}

void Diagnostics::notice(std::string_view message) {
  if (!quiet_) print("", message);
}

}  // namespace pantau::cli
