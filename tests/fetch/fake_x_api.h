// FakeXApi: the two X API v2 endpoints fetch-accounts uses, served from the real twarc page in
// tests/fixtures/api/x/twarc_users_tweets_expanded_page.json (100 posts of one user, newest
// first, with its includes), for FakePlatformServer to answer with (install serve() as its
// fault handler). It pages like X: max_results, an opaque pagination_token, meta.next_token,
// since_id (only newer posts), start_time/end_time, and x-rate-limit-* headers.
//
//   GET /2/users/by/username/NAME   200 {"data":{"id",...}}; NAME starting with "dead": 200 with
//                                   only a resource-not-found error; "gone": a suspended user
//   GET /2/users/ID/tweets          the fixture's posts (every user has the same timeline, so
//                                   post ids repeat across accounts; tests key them by account);
//                                   the user "locked" (id 3) gets the protected-account error
//
// add_posts(n) publishes n new posts on top (copies of the newest with ids above it), as if the
// user had just posted.
#pragma once

#include <mutex>
#include <string>
#include <vector>

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace pantau::fetch::test {

class FakeXApi {
 public:
  explicit FakeXApi(const std::string& fixture_page);

  // Answers an X request; false for any other path.
  bool serve(const httplib::Request& req, httplib::Response& res);

  void add_posts(int n);
  // Post ids of the timeline, newest first.
  std::vector<std::string> ids() const;
  // x-rate-limit-remaining of every later response (default 1499).
  void set_remaining(int n);
  // The user id a lookup of the fixture's user answers with.
  static constexpr const char* kUserId = "2351222345";

 private:
  struct Tweet {
    std::string id, created_at, json;
  };
  mutable std::mutex mu_;
  std::vector<Tweet> tweets_;  // newest first
  std::string includes_;
  int remaining_ = 1499;
};

}  // namespace pantau::fetch::test
