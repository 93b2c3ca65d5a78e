// Terminal awareness in one place: whether a stream is a terminal, and so whether to draw
// progress (not on TERM=dumb) or line-buffer output.
#pragma once

namespace pantau::cli {

bool is_terminal(int fd);
// Progress goes to stderr, and only when stderr is a terminal.
bool progress_enabled();

}  // namespace pantau::cli
