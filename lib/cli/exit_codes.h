// The exit-code contract of every pantau program (also in each man page's EXIT STATUS).
#pragma once

namespace pantau::cli {

enum ExitCode : int {
  kExitOk = 0,             // everything succeeded (also: the reader of our output went away)
  kExitFailure = 1,        // a runtime or data failure: a bad record, an I/O or HTTP error
  kExitUsage = 2,          // bad flag or argument
  kExitInterrupted = 130,  // SIGINT; records already written are whole lines
  kExitTerminated = 143    // SIGTERM (128 + 15), same guarantees as kExitInterrupted
};

}  // namespace pantau::cli
