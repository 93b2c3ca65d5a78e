// pantau-fake-api: FakePlatformServer as a program, for shell tests and bench/fetch.
//   pantau-fake-api --port-file FILE [--pages N] [--per-page N] [--delay-ms N] [--threads N]
//                   [--fail-every N] [--lookup 1]
// Writes the port to FILE once listening and serves until SIGTERM or SIGINT. --fail-every N
// answers every Nth request with 503 (to exercise retries under load). --lookup 1 also answers
// the lookups by id of a recheck (fake_lookup_api.h).
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

#include <httplib.h>

#include "fake_lookup_api.h"
#include "fake_platform_server.h"

namespace {
volatile std::sig_atomic_t g_stop = 0;
extern "C" void on_signal(int) { g_stop = 1; }
}  // namespace

int main(int argc, char** argv) {
  using pantau::fetch::test::FakeConfig;
  using pantau::fetch::test::FakePlatformServer;
  FakeConfig cfg;
  std::string port_file;
  int fail_every = 0;
  bool lookup = false;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i];
    const char* v = argv[i + 1];
    if (k == "--port-file")
      port_file = v;
    else if (k == "--pages")
      cfg.pages = std::atoi(v);
    else if (k == "--per-page")
      cfg.per_page = std::atoi(v);
    else if (k == "--delay-ms")
      cfg.delay_ms = std::atoi(v);
    else if (k == "--threads")
      cfg.threads = std::atoi(v);
    else if (k == "--fail-every")
      fail_every = std::atoi(v);
    else if (k == "--lookup")
      lookup = std::atoi(v) != 0;
    else {
      std::fprintf(stderr, "pantau-fake-api: unknown option %s\n", k.c_str());
      return 2;
    }
  }
  std::signal(SIGTERM, on_signal);
  std::signal(SIGINT, on_signal);
  std::signal(SIGPIPE, SIG_IGN);
  FakePlatformServer server(cfg);
  if (fail_every > 0 || lookup) {
    server.set_fault(
        [fail_every, lookup](const httplib::Request& req, httplib::Response& res, int64_t n) {
          if (fail_every > 0 && n % fail_every == 0) {
            res.status = 503;
            res.set_content(R"({"error":"try again"})", "application/json");
            return true;
          }
          return lookup && pantau::fetch::test::serve_lookup(req, res);
        });
  }
  {
    std::ofstream f(port_file + ".tmp");
    f << server.port() << "\n";
  }
  std::rename((port_file + ".tmp").c_str(), port_file.c_str());
  while (!g_stop) ::usleep(50000);
  std::fprintf(stderr, "pantau-fake-api: served %lld requests\n",
               static_cast<long long>(server.hit_count()));
  server.stop();
  return 0;
}
