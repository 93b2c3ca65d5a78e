// FakeTelegramSite: t.me/s/<channel> preview pages for FakePlatformServer to answer with
// (install serve() as its fault handler). Pages look like the fixture tests/fixtures/api/telegram/
// tme_s_page.html: up to 20 messages, oldest first, a <link rel="prev" href="/s/CH?before=ID">
// when older ones exist, and ?before=ID giving the messages below ID.
//
//   /s/pantau_contoh          the fixture page itself (messages 101-106); ?before=101 the fixture
//                             "No posts found" page
//   /s/dead...                302 to https://t.me/<channel> (no public preview)
//   /s/empty...               the "No posts found" page on every request
//   /s/<any other>            messages 1..total(), message ID published at base + ID minutes;
//                             every 10th is a service message (not a post)
#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <vector>

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace pantau::fetch::test {

class FakeTelegramSite {
 public:
  FakeTelegramSite(std::string fixture_page, std::string no_posts_page, int messages = 50);

  bool serve(const httplib::Request& req, httplib::Response& res);

  void set_extra(int n) { extra_ = n; }  // n new messages on top
  int total() const { return messages_ + extra_; }
  static int64_t time_of(int64_t id);  // epoch ms of synthetic message `id`
  std::vector<std::string> user_agents() const;

  // One page of channel `name` below `before` (0: the newest page), as served.
  std::string page(const std::string& name, int64_t before) const;

 private:
  std::string fixture_, no_posts_;
  int messages_;
  std::atomic<int> extra_{0};
  mutable std::mutex mu_;
  std::vector<std::string> user_agents_;
};

}  // namespace pantau::fetch::test
