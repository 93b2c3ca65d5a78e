#include "cli/signals.h"

#include <csignal>

namespace pantau::cli {
namespace {

// The number of the first SIGINT or SIGTERM received, 0 before.
volatile std::sig_atomic_t g_signal = 0;

extern "C" void on_signal(int sig) {
  if (g_signal != 0) {  // second signal: the user means it
    std::signal(sig, SIG_DFL);
    std::raise(sig);
    return;
  }
  g_signal = sig;
}

}  // namespace

void install_signal_handlers() {
  std::signal(SIGPIPE, SIG_IGN);
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  // no SA_RESTART: blocking reads return EINTR so loops notice promptly
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

bool interrupted() { return g_signal != 0; }
void set_interrupted() { g_signal = SIGINT; }

int interrupted_exit_code() { return g_signal == SIGTERM ? kExitTerminated : kExitInterrupted; }

}  // namespace pantau::cli
