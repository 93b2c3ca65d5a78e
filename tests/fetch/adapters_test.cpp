// Each adapter driven by the engine through a scripted transport (no socket) that answers with
// the real recorded API bodies in tests/fixtures/api/.
#include <catch2/catch.hpp>

#include <functional>

#include "engine_doubles.h"
#include "pantau/fetch/engine.h"
#include "pantau/fetch/registry.h"
#include "test_support.h"

using namespace pantau;
using namespace pantau::fetch;
using pantau::fetch::test::MemorySink;

namespace {

std::string fixture(const std::string& rel) {
  std::string body = pantau::test::read_file(pantau::test::data_dir() + "/fixtures/api/" + rel);
  REQUIRE_FALSE(body.empty());
  return body;
}

HttpResponse fixture_response(const std::string& name, int status = 200) {
  HttpResponse r;
  r.status = status;
  r.body = fixture(name + ".json");
  const std::string head =
      pantau::test::read_file(pantau::test::data_dir() + "/fixtures/api/" + name + ".headers");
  if (!head.empty()) REQUIRE(parse_response_head(head, &r.status, &r.headers));
  return r;
}

// Answers each request with what `route` returns for its URL; logs the URLs.
class ScriptedTransport : public Transport {
 public:
  explicit ScriptedTransport(std::function<HttpResponse(const std::string&)> route)
      : route_(std::move(route)) {}
  void start(uint64_t id, HttpRequest req) override {
    urls.push_back(req.url);
    Completion c;
    c.id = id;
    c.response = route_(req.url);
    c.response.received_at = 1707699600000;
    ready_.push_back(std::move(c));
  }
  void poll(int64_t, std::vector<Completion>* done) override {
    for (auto& c : ready_) done->push_back(std::move(c));
    ready_.clear();
  }
  size_t in_flight() const override { return ready_.size(); }
  std::vector<std::string> urls;

 private:
  std::function<HttpResponse(const std::string&)> route_;
  std::vector<Completion> ready_;
};

bool has(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

struct Run {
  MemorySink sink;
  RunResult result;
  std::vector<std::string> urls;
};

Run run_one(const Account& a, std::function<HttpResponse(const std::string&)> route,
            CredentialPool creds = {}) {
  ScriptedTransport t(std::move(route));
  SystemClock clock;
  EngineObserver quiet;
  Run out;
  EngineOptions o;
  o.concurrency = 1;
  o.retry.base_ms = 1;
  o.retry.max_backoff_ms = 2;
  o.seed = 1;
  o.api_base = {{"youtube", "https://yt.test/youtube/v3"},
                {"mastodon", "https://masto.test"},
                {"bluesky", "https://bsky.test"}};
  Engine e(o, make_adapters(), t, creds, nullptr, clock, out.sink, quiet);
  REQUIRE(e.configure().ok());
  out.result = e.run({a}, nullptr);
  out.urls = t.urls;
  return out;
}

Account account(const std::string& platform, const std::string& handle) {
  Account a;
  a.platform = platform;
  a.handle = handle;
  a.role = "candidate";
  REQUIRE(complete_account(&a, "").ok());
  return a;
}

}  // namespace

TEST_CASE("mastodon: lookup, then statuses paged by the Link header", "[adapters]") {
  auto run =
      run_one(account("mastodon", "mastodonpy_test@example.social"), [](const std::string& url) {
        if (has(url, "/accounts/lookup?acct=mastodonpy_test")) {
          return fixture_response("mastodon/accounts_lookup_200");
        }
        if (has(url, "/accounts/117020565966271181/statuses?limit=40&max_id=117020580489281910")) {
          return fixture_response("mastodon/account_statuses_page2_next");
        }
        if (has(url, "/accounts/117020565966271181/statuses?limit=40&max_id=")) {
          HttpResponse end;
          end.status = 200;
          end.body = "[]";
          return end;
        }
        if (has(url, "/accounts/117020565966271181/statuses?limit=40")) {
          return fixture_response("mastodon/account_statuses_page1");
        }
        HttpResponse nf;
        nf.status = 404;
        return nf;
      });
  CHECK(run.result.stats.accounts_ok == 1);
  REQUIRE(run.sink.raws.size() == 3);  // the empty last page adds nothing
  CHECK(has(run.sink.raws[0], "\"endpoint\":\"lookup\""));
  CHECK(has(run.sink.raws[1], "\"endpoint\":\"statuses\""));
  CHECK(has(run.sink.raws[1], "\"cursor\":null"));
  CHECK(has(run.sink.raws[1], "\"page\":1"));
  CHECK(has(run.sink.raws[2], "\"cursor\":\"117020580489281910\""));
  CHECK(has(run.sink.raws[2], "\"page\":2"));
  // Paging and rate-limit headers are kept; others are not.
  CHECK(has(run.sink.raws[1], "\"link\":\"<http://localhost:3000"));
  CHECK(has(run.sink.raws[1], "\"x-ratelimit-remaining\":\"299\""));
  CHECK_FALSE(has(run.sink.raws[1], "x-request-id"));
  CHECK(run.result.stats.posts == 10);
}

TEST_CASE("mastodon: a missing account is an error record, not retried", "[adapters]") {
  auto run = run_one(account("mastodon", "gone@example.social"), [](const std::string&) {
    return fixture_response("mastodon/accounts_lookup_404_not_found");
  });
  CHECK(run.result.stats.accounts_failed == 1);
  REQUIRE(run.sink.errors.size() == 1);
  CHECK(has(run.sink.errors[0], "\"http_status\":404"));
  CHECK(has(run.sink.errors[0], "Record not found"));
  CHECK(has(run.sink.errors[0], "\"retryable\":false"));
  CHECK(run.urls.size() == 1);
}

TEST_CASE("youtube: channel -> uploads playlist pages -> videos in batches", "[adapters]") {
  CredentialPool creds;
  creds.add("youtube", "AIzaTESTKEY0000");
  auto run = run_one(
      account("youtube", "@google"),
      [](const std::string& url) {
        if (has(url, "/channels?")) return fixture_response("youtube/channels_list_multi");
        if (has(url, "/playlistItems?") && has(url, "pageToken=CAoQAA")) {
          return fixture_response("youtube/playlistItems_page2");
        }
        if (has(url, "/playlistItems?")) return fixture_response("youtube/playlistItems_page1");
        if (has(url, "/videos?")) return fixture_response("youtube/videos_list_multi");
        HttpResponse nf;
        nf.status = 404;
        return nf;
      },
      creds);
  CHECK(run.result.stats.accounts_ok == 1);
  REQUIRE(run.urls.size() == 5);
  CHECK(has(run.urls[0],
            "/channels?part=snippet%2CcontentDetails&maxResults=1&forHandle=%40google&key="
            "AIzaTESTKEY0000"));
  CHECK(has(run.urls[1], "playlistId=UUK8sQmJBp8GCxrOtXWBpyEA"));
  CHECK(has(run.urls[2], "/videos?part=snippet%2Cstatistics%2CcontentDetails&id=CvTApw9X8aA%2C"));
  CHECK(has(run.urls[3], "pageToken=CAoQAA"));
  REQUIRE(run.sink.raws.size() == 5);
  for (const auto& r : run.sink.raws) {
    CHECK_FALSE(has(r, "AIzaTESTKEY0000"));
    CHECK(has(r, "key=REDACTED"));
  }
  CHECK(has(run.sink.raws[3], "\"cursor\":\"CAoQAA\""));
  CHECK(has(run.sink.raws[3], "\"page\":2"));
  CHECK(run.result.stats.posts >= 13);  // 13 playlist items
}

TEST_CASE("youtube: an invalid key retires the key and stops the platform", "[adapters]") {
  CredentialPool creds;
  creds.add("youtube", "AIzaBADKEY000000");
  auto run = run_one(
      account("youtube", "@google"),
      [](const std::string&) { return fixture_response("youtube/error_400_keyInvalid", 400); },
      creds);
  CHECK(run.result.stats.accounts_failed == 1);
  CHECK(run.urls.size() == 1);  // not hammered
  REQUIRE(run.sink.errors.size() == 1);
  CHECK(has(run.sink.errors[0], "every credential was rejected"));
  CHECK(has(run.sink.errors[0], "\"retryable\":true"));
  CHECK_FALSE(has(run.sink.errors[0], "AIzaBADKEY"));
}

TEST_CASE("youtube: no key at all fails the accounts without a request", "[adapters]") {
  ::unsetenv("PANTAU_YOUTUBE_API_KEY");
  auto run = run_one(account("youtube", "@google"), [](const std::string&) {
    HttpResponse r;
    r.status = 500;
    return r;
  });
  CHECK(run.urls.empty());
  REQUIRE(run.sink.errors.size() == 1);
  CHECK(has(run.sink.errors[0], "no credential (set PANTAU_YOUTUBE_API_KEY"));
}

TEST_CASE("bluesky: getAuthorFeed with its cursor until the feed ends", "[adapters]") {
  auto run = run_one(account("bluesky", "bsky.app"), [](const std::string& url) {
    if (has(url, "cursor=")) {
      HttpResponse end;
      end.status = 200;
      end.body = "{\"feed\":[]}";
      return end;
    }
    return fixture_response("bluesky/libphpsky_getAuthorFeed");
  });
  CHECK(run.result.stats.accounts_ok == 1);
  REQUIRE(run.urls.size() == 2);
  CHECK(has(run.urls[0], "/xrpc/app.bsky.feed.getAuthorFeed?actor=bsky.app&limit=100"));
  // The DID learnt from the first page is used from then on (handles change, DIDs do not).
  CHECK(has(run.urls[1], "actor=did%3Aplc%3A"));
  CHECK(has(run.urls[1], "cursor=2025-01-17T21%3A08%3A17.119Z"));
  CHECK(run.sink.raws.size() == 1);  // the empty last page adds nothing
}
