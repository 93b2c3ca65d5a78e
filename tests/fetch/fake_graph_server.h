// FakeGraphServer: a loopback Meta Graph API (cpp-httplib) that replays the real fixtures of
// tests/fixtures/api/meta/ (python-facebook recordings, cursors sanitised to "after"/"before"),
// for the Facebook and Instagram adapter tests. Faults are injected on demand.
//
//   GET /v19.0/{page}/posts        page FacebookforDevelopers or 19292868552:
//                                  no after -> fb_page_feed_full_fields_page1 (5 posts, next),
//                                  after=after -> _page2 (5 posts, no next); since=<unix s>
//                                  drops older posts as Graph does. Other pages: 803.
//   GET /v19.0/{post}/comments     fb_post_comments_page1, after=after -> _page2 (last)
//   GET /v19.0/{ig-user}?fields=business_discovery.username(U){...media...after(C)...}
//                                  U facebookfordevelopers: ig_business_discovery_media_page1
//                                  (2 media, after) then, for after(after), _page2 (2 media,
//                                  whose after cursor is "after" again: a cursor that does not
//                                  move). Other users: 110/2207013.
//
// set_new_posts(n) puts n newer posts (and n newer media) on top, as if just published:
// facebook ids 19292868552_990000000000000<i>, instagram ids 1799000000000000<i>, times after
// every fixture item.
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

struct GraphHit {
  int64_t at_ms = 0;         // steady clock when the request arrived
  std::string path;          // path and query as received (decoded)
  std::string access_token;  // the access_token parameter ("" when none)
};

class FakeGraphServer {
 public:
  // `fixture_dir`: tests/fixtures/api/meta.
  explicit FakeGraphServer(std::string fixture_dir);
  ~FakeGraphServer();

  std::string base() const;  // "http://127.0.0.1:PORT/v19.0"

  // Runs before normal handling, with the 1-based number of the request; returns true when it
  // wrote the response itself.
  using Fault = std::function<bool(const httplib::Request&, httplib::Response&, int64_t n)>;
  void set_fault(Fault f);
  void set_new_posts(int n) { new_posts_ = n; }
  // Sent as X-App-Usage on every normal response ("" for none).
  void set_app_usage(std::string json);

  std::vector<GraphHit> hits() const;
  int64_t hit_count() const { return count_; }
  // A fixture file's bytes (aborts the test run when missing).
  std::string fixture(const std::string& name) const;

 private:
  void handle(const httplib::Request& req, httplib::Response& res);

  std::string dir_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
  std::atomic<int> new_posts_{0};
  std::atomic<int64_t> count_{0};
  mutable std::mutex mu_;
  std::vector<GraphHit> hits_;
  Fault fault_;
  std::string app_usage_;
};

}  // namespace pantau::fetch::test
