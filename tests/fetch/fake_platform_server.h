// FakePlatformServer: a loopback HTTP server (cpp-httplib) that speaks enough of the YouTube Data
// API v3, Mastodon and the Bluesky AppView for fetch-accounts to crawl any number of synthetic
// accounts, with faults injected on demand. Used by the loopback tests, the kill-and-resume test
// and bench/fetch.
//
// Every account NAME has `pages * per_page + extra` items. Item serials run from 0 (oldest) up;
// an item's time is base_time + serial minutes, so items published "later" (extra grows) land on
// top and older serials never change. Post identities are stable:
//   youtube  video id  NAME_<serial>            (channel UCNAME, uploads playlist UUNAME)
//   mastodon status id <1000000 + serial>       (account id NAME)
//   bluesky  uri       at://did:plc:NAME/app.bsky.feed.post/<serial>
// Accounts whose NAME starts with "dead" do not exist (404, or an empty channels.list).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace pantau::fetch::test {

struct FakeConfig {
  int pages = 3;
  int per_page = 5;
  int delay_ms = 0;  // added to every response
  int threads = 16;  // server worker threads (>= the client's concurrency for full speed)
  int64_t base_time_ms = 1704067200000;  // 2024-01-01T00:00:00Z
};

struct Hit {
  int64_t at_ms;     // steady clock when the request arrived
  std::string path;  // path with query
  std::string auth;  // value of the "key" parameter or the bearer token ("" when none)
};

class FakePlatformServer {
 public:
  explicit FakePlatformServer(FakeConfig config);
  ~FakePlatformServer();

  std::string base() const;  // "http://127.0.0.1:PORT"
  int port() const { return port_; }

  // Runs before normal handling, with the 1-based number of the request; returns true when it
  // wrote the response itself (a fault).
  using Fault = std::function<bool(const httplib::Request&, httplib::Response&, int64_t n)>;
  void set_fault(Fault f);

  // Adds `n` new items on top of every account (as if just published).
  void set_extra(int n) { extra_ = n; }

  std::vector<Hit> hits() const;
  int64_t hit_count() const { return count_; }

  // Blocks until stop() (used by the standalone server program).
  void wait();
  void stop();

  const FakeConfig& config() const { return config_; }
  int total_items() const { return config_.pages * config_.per_page + extra_; }

 private:
  void handle(const httplib::Request& req, httplib::Response& res);

  FakeConfig config_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
  std::atomic<int> extra_{0};
  std::atomic<int64_t> count_{0};
  mutable std::mutex mu_;
  std::vector<Hit> hits_;
  Fault fault_;
};

// Milliseconds of a steady clock shared by the server and the tests.
int64_t steady_now_ms();

}  // namespace pantau::fetch::test
