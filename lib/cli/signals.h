// Signal policy for every tool, installed once in main():
//  - SIGPIPE is ignored, so a closed pipe becomes EPIPE on write, which OutputStream reports as
//    kBrokenPipe and the tool ends quietly with 0 (the behaviour doesn't depend on the parent).
//  - SIGINT and SIGTERM set a flag; loops poll interrupted(), stop at a record boundary, flush
//    what they have (fetch-accounts saves its state) and exit 128 + the signal's number: 130
//    after SIGINT (Ctrl-C), 143 after SIGTERM (what systemd, Kubernetes and kill send), so a
//    supervisor can tell the two apart. A second signal kills the process at once.
#pragma once

#include "cli/exit_codes.h"

namespace pantau::cli {

void install_signal_handlers();
bool interrupted();
// For tests and for tools that want to stop as if interrupted.
void set_interrupted();
// 130 after SIGINT (or set_interrupted()), 143 after SIGTERM.
int interrupted_exit_code();

}  // namespace pantau::cli
