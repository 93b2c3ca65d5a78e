// FakeTiktokServer: a loopback HTTP server (cpp-httplib) that speaks enough of the TikTok
// Research API for the tiktok adapter's tests: the client-credentials token endpoint, video/query
// (30-day windows, cursor + search_id paging, results in no particular order) and
// video/comment/list, with the API's own error envelope, and faults injected on demand.
//
// Synthetic accounts: every username has `videos + extra` videos. Serial 0 is the oldest; the
// newest original video was created at newest_s, each older one spacing_s earlier, and "extra"
// videos (set_extra) come after it, spacing_s apart. Ids are 7320768196569599275 + serial: above
// 2^53, so neighbours collide when an id goes through a double. Usernames starting with "dead"
// do not exist (400 invalid_params "... cannot find the user").
//
// Fixture accounts replay the real pages in tests/fixtures/api/tiktok/: "fixture" answers cursor
// 0 with video_query_page1.json (cursor 100, search_id 7354367454467855403, has_more) and cursor
// 100 with video_query_page2_DERIVED.json (20-digit ids, has_more false); "nulbytes" answers with
// video_query_unicode_nul_bytes.json.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace pantau::fetch::test {

struct FakeTiktokConfig {
  int videos = 12;
  int64_t newest_s = 1706745600;  // 2024-02-01T00:00:00Z
  int64_t spacing_s = 3 * 86400;
  int comments_per_video = 0;  // comment_count of every video, and comments listed for it
  int64_t expires_in = 7200;   // token lifetime, seconds
  std::string client_key = "test-client-key-1";
  std::string client_secret = "test-client-secret-1";
  std::string fixtures_dir;  // tests/fixtures/api/tiktok
};

struct TiktokHit {
  int64_t at_ms = 0;  // steady clock
  std::string path;   // without the query
  std::string body;
  std::string token;  // bearer token ("" when none)
  int status = 0;     // the status answered
};

class FakeTiktokServer {
 public:
  explicit FakeTiktokServer(FakeTiktokConfig config);
  ~FakeTiktokServer();

  std::string base() const;  // "http://127.0.0.1:PORT"

  // Runs before normal handling with the 1-based number of the API request (token requests are
  // not counted); returns true when it wrote the response itself.
  using Fault = std::function<bool(const httplib::Request&, httplib::Response&, int64_t n)>;
  void set_fault(Fault f);
  void set_extra(int n) { extra_ = n; }
  // Every token issued so far stops working (as if revoked or expired early).
  void revoke_tokens();

  std::vector<TiktokHit> hits() const;  // API requests, in arrival order
  int64_t token_requests() const { return token_requests_; }
  std::vector<std::string> tokens_issued() const;

  // The id of synthetic serial `serial`.
  static std::string video_id(int serial);

 private:
  void handle_token(const httplib::Request& req, httplib::Response& res);
  void handle_api(const httplib::Request& req, httplib::Response& res);

  FakeTiktokConfig config_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
  std::atomic<int> extra_{0};
  std::atomic<int64_t> count_{0};
  std::atomic<int64_t> token_requests_{0};
  mutable std::mutex mu_;
  std::vector<TiktokHit> hits_;
  std::vector<std::string> issued_;
  std::set<std::string> valid_;
  Fault fault_;
};

}  // namespace pantau::fetch::test
