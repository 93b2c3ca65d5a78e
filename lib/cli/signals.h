// Signal policy for every tool, installed once in main():
//  - SIGPIPE is ignored, so a closed pipe becomes EPIPE on write, which OutputStream reports as
//    kBrokenPipe and the tool ends quietly with 0 (the behaviour doesn't depend on the parent).
//  - SIGINT and SIGTERM set a flag; loops poll interrupted(), stop at a record boundary, flush
//    what they have and exit 130. A second signal kills the process at once.
#pragma once

namespace pantau::cli {

void install_signal_handlers();
bool interrupted();
// For tests and for tools that want to stop as if interrupted.
void set_interrupted();

}  // namespace pantau::cli
