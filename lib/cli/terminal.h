// Terminal awareness in one place: whether a stream is a terminal, whether colour is wanted
// (NO_COLOR, TERM=dumb), and so whether to draw progress or line-buffer output.
#pragma once

namespace pantau::cli {

bool is_terminal(int fd);
// Colour on `fd` only when it is a terminal, TERM is not "dumb" and NO_COLOR is unset or empty.
bool color_enabled(int fd);
// Progress goes to stderr, and only when stderr is a terminal.
bool progress_enabled();

}  // namespace pantau::cli
