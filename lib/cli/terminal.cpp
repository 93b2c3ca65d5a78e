#include "cli/terminal.h"

#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace pantau::cli {

bool is_terminal(int fd) { return ::isatty(fd) == 1; }

bool progress_enabled() {
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::strcmp(term, "dumb") == 0) return false;
  return is_terminal(STDERR_FILENO);
}

}  // namespace pantau::cli
