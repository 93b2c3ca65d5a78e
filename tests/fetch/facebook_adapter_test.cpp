// The Facebook Pages adapter through the engine against FakeGraphServer replaying the real
// python-facebook recordings: exactly-once delivery across pages, incremental runs with since=,
// resume after an interruption, Graph's error codes (throttling without Retry-After, 5xx,
// truncated bodies, expired tokens, unknown pages, missing permission), X-App-Usage pauses,
// --comments, and the token kept out of records, messages, state and --record files.
#include <httplib.h>

#include <catch2/catch.hpp>

#include <dirent.h>

#include <set>

#include "graph_test_harness.h"
#include "pantau/time.h"

using namespace pantau;
using namespace pantau::fetch;
using namespace pantau::fetch::test;

namespace {

// The fixture's page, by its username (as a registry would name it).
Account fb_page() { return meta_account("facebook", "FacebookforDevelopers"); }

int64_t unix_seconds(const char* rfc3339) { return *parse_datetime(rfc3339) / 1000; }

// Every file of a --record directory, concatenated.
std::string read_dir(const std::string& dir) {
  std::string all;
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return all;
  while (dirent* e = ::readdir(d)) {
    const std::string n = e->d_name;
    if (n != "." && n != "..") all += pantau::test::read_file(dir + "/" + n);
  }
  ::closedir(d);
  return all;
}

}  // namespace

TEST_CASE("facebook: every post of a page arrives once, paging by cursors.after", "[facebook]") {
  FakeGraphServer server(meta_fixture_dir());
  GraphHarness h(server);
  RunResult r = h.run({fb_page()});
  CHECK(r.end == RunEnd::kDone);
  CHECK(r.stats.accounts_ok == 1);
  CHECK(h.sink.errors.empty());
  auto ids = listed_ids(h.sink.raws);
  CHECK(ids.size() == 10u);
  for (const auto& [id, n] : ids) CHECK(n == 1);
  auto hits = server.hits();
  REQUIRE(hits.size() == 2u);
  CHECK(hits[0].path.rfind("/v19.0/FacebookforDevelopers/posts?", 0) == 0);
  CHECK(hits[0].path.find("limit=100") != std::string::npos);
  CHECK(hits[0].path.find("reactions.summary(total_count).limit(0)") != std::string::npos);
  CHECK(hits[0].path.find("after=") == std::string::npos);
  CHECK(hits[1].path.find("after=after") != std::string::npos);
  // Graph's paging.next (which carries "access_token=access_token" in the fixture) is never
  // followed: every request carries our token, added by the engine.
  for (const auto& hit : hits) CHECK(hit.access_token == kFacebookToken);
  for (const auto& raw : h.sink.raws) {
    CHECK(raw.find("\"endpoint\":\"page_posts\"") != std::string::npos);
    CHECK(raw.find("access_token=REDACTED") != std::string::npos);
  }
  CHECK(h.sink.raws[1].find("\"cursor\":\"after\"") != std::string::npos);
  CHECK(h.sink.raws[1].find("\"page\":2") != std::string::npos);
}

TEST_CASE("facebook: the page's numeric id is learnt and used from then on", "[facebook]") {
  FakeGraphServer server(meta_fixture_dir());
  const std::string db = temp_path("fb-id.db");
  auto store = StateStore::open(db);
  REQUIRE(store);
  GraphHarness first(server);
  first.state = store->get();
  first.run({fb_page()});
  auto st = (*store)->load(fb_page().key);
  REQUIRE(st);
  CHECK(st->platform_id == "19292868552");
  CHECK(st->newest_id == "19292868552_10158349356748553");
  CHECK(st->cursor.empty());
  GraphHarness second(server);
  second.state = store->get();
  second.run({fb_page()});
  auto hits = server.hits();
  REQUIRE(hits.size() == 3u);
  CHECK(hits[2].path.rfind("/v19.0/19292868552/posts?", 0) == 0);
}

TEST_CASE("facebook: a rerun asks only for posts since the high-water mark", "[facebook]") {
  FakeGraphServer server(meta_fixture_dir());
  const std::string db = temp_path("fb-incr.db");
  auto store = StateStore::open(db);
  REQUIRE(store);
  GraphHarness first(server);
  first.state = store->get();
  first.run({fb_page()});
  const auto before = listed_ids(first.sink.raws);
  REQUIRE(before.size() == 10u);
  server.set_new_posts(2);
  GraphHarness second(server);
  second.state = store->get();
  RunResult r = second.run({fb_page()});
  CHECK(r.stats.accounts_ok == 1);
  auto hits = server.hits();
  REQUIRE(hits.size() == 3u);  // one page: nothing older than the mark is asked for
  CHECK(hits[2].path.find("since=" + std::to_string(unix_seconds("2021-07-09T19:09:52Z"))) !=
        std::string::npos);
  // since is inclusive (posts of the same second may be siblings): the page holds the two new
  // posts and the old top one, which is not counted again.
  auto after = listed_ids(second.sink.raws);
  CHECK(after.size() == 3u);
  int fresh = 0;
  for (const auto& [id, n] : after) fresh += before.count(id) == 0;
  CHECK(fresh == 2);
  CHECK(r.stats.posts == 2);
  // A third run with nothing new writes nothing.
  GraphHarness third(server);
  third.state = store->get();
  RunResult r3 = third.run({fb_page()});
  CHECK(r3.stats.accounts_ok == 1);
  CHECK(third.sink.raws.empty());
}

TEST_CASE("facebook: without since filtering the adapter still stops at the mark", "[facebook]") {
  FakeGraphServer server(meta_fixture_dir());
  const std::string db = temp_path("fb-floor.db");
  auto store = StateStore::open(db);
  REQUIRE(store);
  GraphHarness first(server);
  first.state = store->get();
  first.run({fb_page()});
  // A Graph that ignores since: page 1 again, with two new posts on top.
  server.set_new_posts(2);
  const std::string page1 = server.fixture("fb_page_feed_full_fields_page1.json");
  server.set_fault([&](const httplib::Request& req, httplib::Response& res, int64_t) {
    if (req.get_param_value("since").empty() || !req.get_param_value("after").empty()) {
      return false;
    }
    std::string body = page1;
    body.insert(
        body.find('[') + 1,
        R"({"id":"19292868552_990000000000001","created_time":"2021-07-10T01:00:00+0000"},)"
        R"({"id":"19292868552_990000000000002","created_time":"2021-07-10T02:00:00+0000"},)");
    res.status = 200;
    res.set_content(body, "application/json");
    return true;
  });
  GraphHarness second(server);
  second.state = store->get();
  RunResult r = second.run({fb_page()});
  CHECK(r.stats.accounts_ok == 1);
  CHECK(server.hits().size() == 3u);  // page 2 is not fetched again
  CHECK(r.stats.posts == 2);
}

TEST_CASE("facebook: an interrupted run resumes at the next page", "[facebook]") {
  FakeGraphServer server(meta_fixture_dir());
  const std::string db = temp_path("fb-resume.db");
  auto store = StateStore::open(db);
  REQUIRE(store);
  GraphHarness first(server);
  first.state = store->get();
  first.opts.concurrency = 1;
  first.stop = [&] { return first.sink.raws.size() >= 1; };
  RunResult r1 = first.run({fb_page()});
  CHECK(r1.end == RunEnd::kInterrupted);
  auto st = (*store)->load(fb_page().key);
  REQUIRE(st);
  CHECK(st->cursor == "after");
  CHECK(st->newest_id.empty());  // the mark moves only when the run completes
  GraphHarness second(server);
  second.state = store->get();
  RunResult r2 = second.run({fb_page()});
  CHECK(r2.end == RunEnd::kDone);
  auto hits = server.hits();
  REQUIRE(hits.size() == 2u);
  CHECK(hits[1].path.find("after=after") != std::string::npos);
  std::vector<std::string> all = first.sink.raws;
  all.insert(all.end(), second.sink.raws.begin(), second.sink.raws.end());
  auto ids = listed_ids(all);
  CHECK(ids.size() == 10u);
  for (const auto& [id, n] : ids) CHECK(n == 1);
  st = (*store)->load(fb_page().key);
  REQUIRE(st);
  CHECK(st->newest_id == "19292868552_10158349356748553");
}

TEST_CASE("facebook: throttling, 5xx and truncated bodies are retried", "[facebook]") {
  FakeGraphServer server(meta_fixture_dir());
  const std::string throttled = server.fixture("fb_error_4_rate_limit.json");
  server.set_fault([&](const httplib::Request&, httplib::Response& res, int64_t n) {
    if (n == 1) {  // Graph's application throttling: code 4, no Retry-After
      res.status = 403;
      res.set_content(throttled, "application/json");
      return true;
    }
    if (n == 2) {
      res.status = 500;
      res.set_content(
          R"({"error":{"message":"An unknown error has occurred.","type":"OAuthException","code":1,"fbtrace_id":"x"}})",
          "application/json");
      return true;
    }
    if (n == 3) {
      res.status = 503;
      res.set_content("<html>Service Unavailable</html>", "text/html");
      return true;
    }
    if (n == 5) {  // page 2 cut short
      res.status = 200;
      res.set_content(R"({"data":[{"id":"19292868552_10158331020098553","attach)",
                      "application/json");
      return true;
    }
    return false;
  });
  GraphHarness h(server);
  RunResult r = h.run({fb_page()});
  CHECK(r.stats.accounts_ok == 1);
  CHECK(h.sink.errors.empty());
  CHECK(r.stats.retries == 4);
  CHECK(r.stats.rate_waits >= 1);
  auto ids = listed_ids(h.sink.raws);
  CHECK(ids.size() == 10u);
  for (const auto& [id, n] : ids) CHECK(n == 1);
}

TEST_CASE("facebook: X-App-Usage near the limit pauses the next request", "[facebook]") {
  FakeGraphServer server(meta_fixture_dir());
  server.set_app_usage(R"({"call_count":97,"total_cputime":12,"total_time":20})");
  GraphHarness h(server);
  h.opts.retry.max_retry_after_ms = 1000;  // caps the 5-minute pause for the test
  RunResult r = h.run({fb_page()});
  CHECK(r.stats.accounts_ok == 1);
  auto hits = server.hits();
  REQUIRE(hits.size() == 2u);
  CHECK(hits[1].at_ms - hits[0].at_ms >= 950);
  CHECK(hits[1].at_ms - hits[0].at_ms < 5000);
  CHECK(h.sink.raws[0].find("\"x-app-usage\":") != std::string::npos);
}

TEST_CASE("facebook: an expired token is retired, the next one is used", "[facebook]") {
  FakeGraphServer server(meta_fixture_dir());
  const std::string expired = server.fixture("fb_error_190_token_expired.json");
  server.set_fault([&](const httplib::Request& req, httplib::Response& res, int64_t) {
    if (req.get_param_value("access_token") != "EAAGexpiredToken0000000000") return false;
    res.status = 400;
    res.set_content(expired, "application/json");
    return true;
  });
  GraphHarness h(server);
  h.creds = CredentialPool();
  h.creds.add("facebook", std::string("EAAGexpiredToken0000000000,") + kFacebookToken);
  RunResult r = h.run({fb_page()});
  CHECK(r.stats.accounts_ok == 1);
  CHECK(listed_ids(h.sink.raws).size() == 10u);
  REQUIRE(h.observer.notices.size() == 1u);
  CHECK(h.observer.notices[0].find("rejected (code 190/463: Error validating access token") !=
        std::string::npos);
  CHECK(h.observer.notices[0].find("EAAGexpired") == std::string::npos);

  // With no other token the platform stops; its accounts are left for the next run.
  FakeGraphServer server2(meta_fixture_dir());
  server2.set_fault([&](const httplib::Request&, httplib::Response& res, int64_t) {
    res.status = 400;
    res.set_content(expired, "application/json");
    return true;
  });
  GraphHarness h2(server2);
  RunResult r2 = h2.run({fb_page()});
  CHECK(r2.stats.accounts_failed == 1);
  REQUIRE(h2.sink.errors.size() == 1u);
  CHECK(h2.sink.errors[0].find("every credential was rejected") != std::string::npos);
  CHECK(h2.sink.errors[0].find("\"retryable\":true") != std::string::npos);
}

TEST_CASE("facebook: unknown pages and missing permissions fail only their account", "[facebook]") {
  FakeGraphServer server(meta_fixture_dir());
  const std::string denied = server.fixture("fb_error_100_missing_permission.json");
  server.set_fault([&](const httplib::Request& req, httplib::Response& res, int64_t) {
    if (req.path.find("/closedpage/") == std::string::npos) return false;
    res.status = 400;
    res.set_content(denied, "application/json");
    return true;
  });
  GraphHarness h(server);
  RunResult r = h.run({meta_account("facebook", "pantau_no_such_page"), fb_page(),
                       meta_account("facebook", "closedpage")});
  CHECK(r.stats.accounts_ok == 1);
  CHECK(r.stats.accounts_failed == 2);
  CHECK(listed_ids(h.sink.raws).size() == 10u);
  REQUIRE(h.sink.errors.size() == 2u);
  std::string all = h.sink.errors[0] + h.sink.errors[1];
  CHECK(all.find("account not found: code 803: (#803) Some of the aliases") != std::string::npos);
  CHECK(all.find("code 100: (#100) Object does not exist") != std::string::npos);
  for (const auto& e : h.sink.errors) CHECK(e.find("\"retryable\":false") != std::string::npos);
  // Not retried: one request each.
  CHECK(server.hits().size() == 4u);
}

TEST_CASE("facebook: --comments fetches the comments of new posts that have any", "[facebook]") {
  FakeGraphServer server(meta_fixture_dir());
  server.set_new_posts(1);  // a post without comments: no comments call for it
  const std::string denied = server.fixture("fb_error_100_missing_permission.json");
  server.set_fault([&](const httplib::Request& req, httplib::Response& res, int64_t) {
    // Comments of one post cannot be read: that post is skipped, the account goes on.
    if (req.path.find("/19292868552_10158347294088553/comments") == std::string::npos) {
      return false;
    }
    res.status = 400;
    res.set_content(denied, "application/json");
    return true;
  });
  GraphHarness h(server);
  h.opts.task.comments = true;
  h.opts.task.comments_per_video = 15;
  RunResult r = h.run({fb_page()});
  CHECK(r.stats.accounts_ok == 1);
  CHECK(h.sink.errors.empty());
  int comment_raws = 0;
  std::set<std::string> commented;
  for (const auto& hit : server.hits()) {
    if (hit.path.find("/comments") == std::string::npos) continue;
    CHECK(hit.path.find("filter=toplevel") != std::string::npos);
    commented.insert(hit.path.substr(0, hit.path.find('?')));
  }
  for (const auto& raw : h.sink.raws) {
    comment_raws += raw.find("\"endpoint\":\"post_comments\"") != std::string::npos;
  }
  // 10 posts with comments, 1 refused; the cap (15) stops after fixture page 2 (10 + 5).
  CHECK(commented.size() == 10u);
  CHECK(commented.count("/v19.0/19292868552_990000000000001/comments") == 0);
  CHECK(comment_raws == 9 * 2);
  CHECK(listed_ids(h.sink.raws).size() == 11u);
}

TEST_CASE("facebook: the token never appears in records, messages, state or recordings",
          "[facebook]") {
  FakeGraphServer server(meta_fixture_dir());
  // Graph echoes the token in paging.next: page 1 as the real API would send it.
  std::string page1 = server.fixture("fb_page_feed_full_fields_page1.json");
  const std::string sanitised = "access_token=access_token";
  REQUIRE(page1.find(sanitised) != std::string::npos);
  page1.replace(page1.find(sanitised), sanitised.size(),
                std::string("access_token=") + kFacebookToken);
  const std::string expired = server.fixture("fb_error_190_token_expired.json");
  server.set_fault([&](const httplib::Request& req, httplib::Response& res, int64_t) {
    if (req.get_param_value("access_token") == "EAAGexpiredToken0000000000") {
      res.status = 400;
      res.set_content(expired, "application/json");
      return true;
    }
    if (!req.get_param_value("after").empty() || req.path.find("/posts") == std::string::npos) {
      return false;
    }
    res.status = 200;
    res.set_content(page1, "application/json");
    return true;
  });
  const std::string db = temp_path("fb-secret.db");
  const std::string rec = temp_path("fb-record");
  auto store = StateStore::open(db);
  REQUIRE(store);
  GraphHarness h(server);
  h.state = store->get();
  h.record_dir = rec;
  h.creds = CredentialPool();
  h.creds.add("facebook", std::string("EAAGexpiredToken0000000000,") + kFacebookToken);
  RunResult r = h.run({fb_page(), meta_account("facebook", "pantau_no_such_page")});
  CHECK(r.stats.accounts_ok == 1);
  std::string everything;
  for (const auto& s : h.sink.raws) everything += s;
  for (const auto& s : h.sink.errors) everything += s;
  for (const auto& s : h.observer.notices) everything += s;
  for (const auto& s : h.observer.failures) everything += s;
  const std::string recorded = read_dir(rec);
  CHECK_FALSE(recorded.empty());
  everything += recorded;
  everything += pantau::test::read_file(db);
  everything += pantau::test::read_file(db + "-wal");
  CHECK(everything.find(kFacebookToken) == std::string::npos);
  CHECK(everything.find("EAAGexpiredToken") == std::string::npos);
  // The echoed URL is kept, redacted, in the raw body and in the recording.
  CHECK(h.sink.raws[0].find("access_token=REDACTED&pretty=0") != std::string::npos);
  CHECK(recorded.find("access_token=REDACTED&pretty=0") != std::string::npos);
}

TEST_CASE("facebook: registry forms of a page", "[facebook]") {
  for (const char* text : {"https://www.facebook.com/FacebookforDevelopers",
                           "facebook.com/FacebookforDevelopers/", "@FacebookforDevelopers"}) {
    Account a;
    a.platform = "facebook";
    a.role = "candidate";
    REQUIRE(complete_account(&a, text).ok());
    CHECK(a.handle == "FacebookforDevelopers");
  }
  Account id;
  id.platform = "facebook";
  id.role = "candidate";
  REQUIRE(complete_account(&id, "https://www.facebook.com/profile.php?id=19292868552").ok());
  CHECK(id.platform_id == "19292868552");
  Account group;
  group.platform = "facebook";
  group.role = "candidate";
  CHECK_FALSE(complete_account(&group, "https://www.facebook.com/groups/123456").ok());
}
