// The X API v2 adapter against a loopback server replaying the real twarc users/:id/tweets page
// (FakeXApi), with faults: 429 with x-rate-limit-* headers, x-rate-limit-remaining 0, 5xx,
// truncated and cut-off bodies, 401 (the real problem JSON shape), the monthly usage cap, unknown,
// suspended and protected users. Asserts exactly-once delivery across pages, incremental runs
// with since_id, resume after an interruption, and that the bearer token appears nowhere.
#include <httplib.h>

#include <catch2/catch.hpp>

#include <map>

#include "fake_platform_server.h"
#include "fake_x_api.h"
#include "loopback_harness.h"

using namespace pantau;
using namespace pantau::fetch;
using namespace pantau::fetch::test;

namespace {

const char* kToken = "x-secret-token-3f9a1c";

std::string fixture(const std::string& name) {
  return pantau::test::read_file(pantau::test::data_dir() + "/fixtures/api/x/" + name);
}

// Serves X from the fixture, after `fault` had its say.
struct XServer {
  FakePlatformServer server{FakeConfig{}};
  FakeXApi api{fixture("twarc_users_tweets_expanded_page.json")};
  FakePlatformServer::Fault fault;
  std::mutex mu;

  XServer() {
    server.set_fault([this](const httplib::Request& req, httplib::Response& res, int64_t n) {
      FakePlatformServer::Fault f;
      {
        std::lock_guard<std::mutex> lock(mu);
        f = fault;
      }
      if (f && f(req, res, n)) return true;
      return api.serve(req, res);
    });
  }
  void set_fault(FakePlatformServer::Fault f) {
    std::lock_guard<std::mutex> lock(mu);
    fault = std::move(f);
  }
  std::vector<Hit> hits(const std::string& part) const {
    std::vector<Hit> out;
    for (const Hit& h : server.hits()) {
      if (h.path.find(part) != std::string::npos) out.push_back(h);
    }
    return out;
  }
};

struct XRun : LoopbackRun {
  explicit XRun(XServer& s) : LoopbackRun("x", s.server.base()) {
    creds.add("x", kToken);
    opts.task.page_size = 20;
  }
};

// account key + "/" + post id -> how often a users_tweets raw record carried it.
std::map<std::string, int> post_ids(const std::vector<std::string>& raws) {
  std::map<std::string, int> out;
  simdjson::dom::parser p1, p2;
  for (const auto& line : raws) {
    simdjson::dom::element rec = p1.parse(line).value();
    if (rec["endpoint"].get_string().value() != "users_tweets") continue;
    const std::string key(rec["account"]["key"].get_string().value());
    const std::string body(rec["body"].get_string().value());
    simdjson::dom::element doc = p2.parse(body).value();
    for (auto t : doc["data"].get_array())
      out[key + "/" + std::string(t["id"].get_string().value())]++;
  }
  return out;
}

Account by_id() { return registry_account("x", "https://x.com/i/user/2351222345"); }

}  // namespace

TEST_CASE("x: every post arrives once across pages and the token appears nowhere", "[x]") {
  XServer s;
  const TempDb db("x-once");
  auto store = StateStore::open(db.path);
  REQUIRE(store);
  XRun run(s);
  run.state = store->get();
  std::vector<Account> accounts{
      registry_account("x", "@PhillyNEFL"), by_id(), registry_account("x", "dead_handle"),
      registry_account("x", "gone_handle"), registry_account("x", "locked")};
  RunResult r = run.run(accounts);
  CHECK(r.end == RunEnd::kDone);
  CHECK(r.stats.accounts_ok == 2);
  CHECK(r.stats.accounts_failed == 3);
  auto ids = post_ids(run.sink.raws);
  CHECK(ids.size() == 2 * 100u);
  for (const auto& [id, n] : ids) CHECK(n == 1);
  // One lookup per handle; the account given by id needs none.
  CHECK(s.hits("/2/users/by/username/").size() == 4);
  CHECK(s.hits("/2/users/by/username/2351222345").empty());
  // 100 posts at 20 a page, for two accounts; the protected user's one refused page.
  CHECK(s.hits("/tweets").size() == 2 * 5 + 1);
  for (const Hit& h : s.server.hits()) CHECK(h.auth == kToken);
  for (const Hit& h : s.hits("/tweets")) {
    CHECK(h.path.find("expansions=attachments.media_keys,author_id,referenced_tweets.id,"
                      "referenced_tweets.id.author_id") != std::string::npos);
    CHECK(h.path.find("max_results=20") != std::string::npos);
    CHECK(h.path.find("since_id") == std::string::npos);  // nothing seen yet
  }
  // Not found, not retryable, and named as such.
  REQUIRE(run.sink.errors.size() == 3);
  for (const auto& e : run.sink.errors) {
    CHECK(e.find("\"retryable\":false") != std::string::npos);
    CHECK(e.find("account not found") != std::string::npos);
  }
  CHECK(run.everything().find("suspended") != std::string::npos);
  CHECK(run.everything().find("not authorized") != std::string::npos);
  // The raw records carry the lookups (endpoint users_by_username) and the pages.
  int lookups = 0;
  for (const auto& raw : run.sink.raws) {
    lookups += raw.find("\"endpoint\":\"users_by_username\"") != std::string::npos;
  }
  CHECK(lookups == 2);  // PhillyNEFL and locked
  store->reset();
  CHECK(run.everything().find(kToken) == std::string::npos);
  const std::string state = db_bytes(db.path);
  REQUIRE_FALSE(state.empty());
  CHECK(state.find(kToken) == std::string::npos);
  CHECK(state.find(FakeXApi::kUserId) != std::string::npos);  // the resolved id is kept
}

TEST_CASE("x: a rerun asks only for posts newer than the last one seen", "[x]") {
  XServer s;
  const TempDb db("x-incr");
  auto store = StateStore::open(db.path);
  REQUIRE(store);
  const std::vector<Account> accounts{registry_account("x", "PhillyNEFL")};
  XRun first(s);
  first.state = store->get();
  first.run(accounts);
  const std::string newest = s.api.ids().front();
  CHECK(post_ids(first.sink.raws).size() == 100);

  s.api.add_posts(3);
  const size_t before = s.server.hits().size();
  XRun second(s);
  second.state = store->get();
  RunResult r = second.run(accounts);
  CHECK(r.stats.accounts_ok == 1);
  auto hits = s.server.hits();
  REQUIRE(hits.size() == before + 1);  // no lookup, one page
  CHECK(hits.back().path.find("since_id=" + newest) != std::string::npos);
  auto fresh = post_ids(second.sink.raws);
  REQUIRE(fresh.size() == 3);
  for (int i = 0; i < 3; ++i) CHECK(fresh.count(accounts[0].key + "/" + s.api.ids()[i]) == 1);

  XRun third(s);
  third.state = store->get();
  third.run(accounts);
  CHECK(s.server.hits().size() == before + 2);
  CHECK(s.server.hits().back().path.find("since_id=" + s.api.ids().front()) != std::string::npos);
  CHECK(third.sink.raws.empty());  // nothing new, nothing written
  auto st = (*store)->load(accounts[0].key);
  REQUIRE(st);
  CHECK(st->newest_id == s.api.ids().front());
  CHECK(st->cursor.empty());
}

TEST_CASE("x: an interrupted run resumes at the page where it stopped", "[x]") {
  XServer s;
  const TempDb db("x-resume");
  auto store = StateStore::open(db.path);
  REQUIRE(store);
  const std::vector<Account> accounts{registry_account("x", "PhillyNEFL")};
  XRun first(s);
  first.state = store->get();
  first.opts.concurrency = 1;
  first.stop = [&] { return post_ids(first.sink.raws).size() >= 40; };
  RunResult r1 = first.run(accounts);
  CHECK(r1.end == RunEnd::kInterrupted);
  CHECK(post_ids(first.sink.raws).size() == 40);
  // New posts while the run was stopped do not disturb the backfill; the next run gets them.
  s.api.add_posts(2);
  const size_t before = s.server.hits().size();
  XRun second(s);
  second.state = store->get();
  RunResult r2 = second.run(accounts);
  CHECK(r2.end == RunEnd::kDone);
  auto hits = s.server.hits();
  REQUIRE(hits.size() > before);
  CHECK(hits[before].path.find("pagination_token=nt") != std::string::npos);
  CHECK(hits[before].path.find("/2/users/by/") == std::string::npos);
  std::vector<std::string> all = first.sink.raws;
  all.insert(all.end(), second.sink.raws.begin(), second.sink.raws.end());
  auto ids = post_ids(all);
  CHECK(ids.size() == 100);
  for (const auto& [id, n] : ids) CHECK(n == 1);
  // The mark is the newest post of the interrupted run, so the two new posts come next.
  XRun third(s);
  third.state = store->get();
  third.run(accounts);
  CHECK(post_ids(third.sink.raws).size() == 2);
}

TEST_CASE("x: x-rate-limit-remaining 0 holds requests until x-rate-limit-reset", "[x]") {
  XServer s;
  s.api.set_remaining(0);  // reset two seconds ahead (epoch seconds)
  XRun run(s);
  run.opts.task.page_size = 50;
  RunResult r = run.run({by_id()});
  CHECK(r.stats.accounts_ok == 1);
  auto hits = s.server.hits();
  REQUIRE(hits.size() == 2);
  // reset = now_s + 2 in whole seconds: at least one full second later.
  CHECK(hits[1].at_ms - hits[0].at_ms >= 950);
  CHECK(post_ids(run.sink.raws).size() == 100);
}

TEST_CASE("x: a 429 waits for the reset it announces, then goes on", "[x]") {
  XServer s;
  const std::string body = fixture("error_429_too_many_requests.json");
  REQUIRE_FALSE(body.empty());
  s.set_fault([&](const httplib::Request&, httplib::Response& res, int64_t n) {
    if (n != 2) return false;
    const int64_t now_s = now_millis() / 1000;
    res.status = 429;
    res.set_header("x-rate-limit-limit", "1500");
    res.set_header("x-rate-limit-remaining", "0");
    res.set_header("x-rate-limit-reset", std::to_string(now_s + 2));
    res.set_content(body, "application/problem+json");
    return true;
  });
  XRun run(s);
  run.opts.task.page_size = 50;
  RunResult r = run.run({by_id()});
  CHECK(r.stats.accounts_ok == 1);
  CHECK(r.stats.rate_waits >= 1);
  auto hits = s.server.hits();
  REQUIRE(hits.size() == 3);
  CHECK(hits[1].path == hits[2].path);  // the same page again
  CHECK(hits[2].at_ms - hits[1].at_ms >= 950);
  auto ids = post_ids(run.sink.raws);
  CHECK(ids.size() == 100);
  for (const auto& [id, n] : ids) CHECK(n == 1);
}

TEST_CASE("x: 5xx and truncated and cut-off bodies are retried without loss or repeats", "[x]") {
  XServer s;
  s.set_fault([](const httplib::Request& req, httplib::Response& res, int64_t n) {
    if (req.path.find("/tweets") == std::string::npos) return false;
    if (n % 5 == 2) {
      res.status = n % 2 ? 503 : 500;
      res.set_content(R"({"title":"Service Unavailable","status":503})", "application/json");
      return true;
    }
    if (n % 7 == 3) {  // a 200 whose JSON stops half way
      res.status = 200;
      res.set_content(R"({"data":[{"id":"1257786232978968578","text":"RT @fr)", "application/json");
      return true;
    }
    if (n == 4) {  // the connection drops mid-body
      res.set_content_provider(9000, "application/json",
                               [](size_t, size_t, httplib::DataSink& sink) {
                                 sink.write("{\"data\":[", 9);
                                 return false;
                               });
      return true;
    }
    return false;
  });
  XRun run(s);
  RunResult r = run.run({registry_account("x", "PhillyNEFL"), by_id()});
  CHECK(r.stats.accounts_ok == 2);
  CHECK(run.sink.errors.empty());
  CHECK(r.stats.retries >= 3);
  auto ids = post_ids(run.sink.raws);
  CHECK(ids.size() == 200);
  for (const auto& [id, n] : ids) CHECK(n == 1);
}

TEST_CASE("x: a rejected token is retired and with none left the platform stops", "[x]") {
  const std::string body = fixture("error_401_unauthorized.json");
  REQUIRE_FALSE(body.empty());
  XServer s;
  s.set_fault([&](const httplib::Request& req, httplib::Response& res, int64_t) {
    if (req.get_header_value("Authorization") != "Bearer bad-x-token") return false;
    res.status = 401;
    res.set_content(body, "application/problem+json");
    return true;
  });
  {
    XRun run(s);
    run.creds = CredentialPool();
    run.creds.add("x", "bad-x-token,good-x-token");
    RunResult r = run.run({registry_account("x", "PhillyNEFL"), by_id()});
    CHECK(r.stats.accounts_ok == 2);
    CHECK(post_ids(run.sink.raws).size() == 200);
    REQUIRE(run.observer.notices.size() == 1);
    CHECK(run.observer.notices[0].find("key #1 rejected") != std::string::npos);
    CHECK(run.everything().find("bad-x-token") == std::string::npos);
    int bad = 0;
    for (const Hit& h : s.server.hits()) bad += h.auth == "bad-x-token";
    CHECK(bad <= 2);  // the requests already in flight
  }
  {
    XRun run(s);
    run.creds = CredentialPool();
    run.creds.add("x", "bad-x-token");
    RunResult r = run.run({registry_account("x", "PhillyNEFL"), by_id()});
    CHECK(r.stats.accounts_ok == 0);
    REQUIRE(run.sink.errors.size() == 2);
    for (const auto& e : run.sink.errors) CHECK(e.find("\"retryable\":true") != std::string::npos);
    CHECK(run.everything().find("every credential was rejected") != std::string::npos);
    CHECK(run.everything().find("bad-x-token") == std::string::npos);
  }
  {
    XRun run(s);  // no token at all: nothing is sent
    run.creds = CredentialPool();
    const size_t before = s.server.hits().size();
    RunResult r = run.run({by_id()});
    CHECK(r.stats.accounts_failed == 1);
    CHECK(s.server.hits().size() == before);
    CHECK(run.everything().find("PANTAU_X_BEARER_TOKEN") != std::string::npos);
  }
}

TEST_CASE("x: the monthly usage cap stops the token, not just the request", "[x]") {
  XServer s;
  s.set_fault([](const httplib::Request&, httplib::Response& res, int64_t) {
    res.status = 429;
    res.set_content(
        R"({"title":"UsageCapExceeded","detail":"Usage cap exceeded: Monthly product cap",)"
        R"("type":"https://api.twitter.com/2/problems/usage-capped","period":"Monthly",)"
        R"("scope":"Product"})",
        "application/problem+json");
    return true;
  });
  XRun run(s);
  run.opts.concurrency = 1;
  RunResult r = run.run({by_id(), registry_account("x", "PhillyNEFL")});
  CHECK(r.stats.accounts_ok == 0);
  CHECK(s.server.hits().size() == 1);  // no hammering
  CHECK(run.everything().find("quota exhausted") != std::string::npos);
}

TEST_CASE("x: --since and --until become start_time and end_time", "[x]") {
  XServer s;
  const TempDb db("x-window");
  auto store = StateStore::open(db.path);
  REQUIRE(store);
  XRun run(s);
  run.state = store->get();
  run.opts.task.since = *parse_datetime("2020-05-01T00:00:00Z");
  run.opts.task.until = *parse_datetime("2020-05-03T12:00:00.5Z");
  RunResult r = run.run({by_id()});
  CHECK(r.stats.accounts_ok == 1);
  auto hits = s.hits("/tweets");
  REQUIRE_FALSE(hits.empty());
  CHECK(hits[0].path.find("start_time=2020-05-01T00:00:00Z") != std::string::npos);
  CHECK(hits[0].path.find("end_time=2020-05-03T12:00:01Z") != std::string::npos);
  auto ids = post_ids(run.sink.raws);
  CHECK_FALSE(ids.empty());
  CHECK(ids.size() < 100);
  // A window bounded by --until does not move the high-water mark.
  auto st = (*store)->load(by_id().key);
  REQUIRE(st);
  CHECK(st->newest_id.empty());
}

TEST_CASE("x: post ids compare as decimal strings, not as numbers", "[x]") {
  auto adapter = make_x_adapter();
  Account a = by_id();
  AccountState st;
  st.platform_id = "2351222345";
  st.newest_id = "9999999999999999999";  // 19 digits: above what a double holds exactly
  TaskConfig cfg;
  cfg.base_url = "https://api.x.com";
  auto task = adapter->start(a, st, cfg);
  auto call = task->next_call();
  REQUIRE(call);
  CHECK(call->endpoint == "users_tweets");
  CHECK(call->url.find("since_id=9999999999999999999") != std::string::npos);
  HttpResponse page;
  page.status = 200;
  page.body = R"({"data":[{"id":"10000000000000000001","created_at":"2024-02-10T00:00:01.000Z"},)"
              R"({"id":"10000000000000000000","created_at":"2024-02-10T00:00:00.000Z"},)"
              R"({"id":"9999999999999999999","created_at":"2024-02-09T00:00:00.000Z"}],)"
              R"("meta":{"result_count":3,"next_token":"more"}})";
  auto out = task->on_response(page);
  REQUIRE(out);
  CHECK(out->items == 2);
  CHECK_FALSE(task->next_call());  // reached the mark: no further page
  CHECK(task->state().newest_id == "10000000000000000001");
}

TEST_CASE("x: error classes follow X's problem types", "[x]") {
  auto adapter = make_x_adapter();
  auto classify = [&](int status, const std::string& body) {
    HttpResponse r;
    r.status = status;
    r.body = body;
    return adapter->classify(r);
  };
  CHECK(classify(401, fixture("error_401_unauthorized.json")) == Failure::kAuth);
  CHECK(classify(429, fixture("error_429_too_many_requests.json")) == Failure::kRateLimited);
  CHECK(classify(429, R"({"type":"https://api.twitter.com/2/problems/usage-capped"})") ==
        Failure::kQuota);
  CHECK(classify(403, R"({"title":"Client Forbidden","reason":"client-not-enrolled",)"
                      R"("type":"https://api.twitter.com/2/problems/client-forbidden"})") ==
        Failure::kAuth);
  CHECK(classify(403, R"({"title":"Forbidden","type":"about:blank"})") == Failure::kNotFound);
  CHECK(classify(503, "") == Failure::kRetry);
  CHECK(classify(400, R"({"title":"Invalid Request"})") == Failure::kPermanent);
  CHECK(adapter->auth().env == "PANTAU_X_BEARER_TOKEN");
  CHECK(adapter->auth().required);
  CHECK(adapter->default_rate().requests == 1500);
  CHECK(adapter->default_rate().window_ms == 15 * 60 * 1000);
}
