// The Telegram adapter against a loopback t.me (FakeTelegramSite: the fixture page and pages
// built like it), with faults: 429 with Retry-After, 5xx, a page cut short with a 200, a dropped
// connection, a channel without a preview (302) or without posts. Asserts exactly-once delivery
// across ?before= pages, incremental runs, resume, --since, the request rate and the User-Agent.
#include <httplib.h>

#include <catch2/catch.hpp>

#include <map>

#include "fake_platform_server.h"
#include "fake_telegram_site.h"
#include "loopback_harness.h"
#include "pantau/fetch/telegram_page.h"

using namespace pantau;
using namespace pantau::fetch;
using namespace pantau::fetch::test;

namespace {

std::string fixture(const std::string& name) {
  return pantau::test::read_file(pantau::test::data_dir() + "/fixtures/api/telegram/" + name);
}

struct TelegramServer {
  FakePlatformServer server{FakeConfig{}};
  FakeTelegramSite site{fixture("tme_s_page.html"), fixture("tme_s_no_posts.html")};
  FakePlatformServer::Fault fault;
  std::mutex mu;

  TelegramServer() {
    server.set_fault([this](const httplib::Request& req, httplib::Response& res, int64_t n) {
      FakePlatformServer::Fault f;
      {
        std::lock_guard<std::mutex> lock(mu);
        f = fault;
      }
      if (f && f(req, res, n)) return true;
      return site.serve(req, res);
    });
  }
  void set_fault(FakePlatformServer::Fault f) {
    std::lock_guard<std::mutex> lock(mu);
    fault = std::move(f);
  }
};

struct TelegramRun : LoopbackRun {
  explicit TelegramRun(TelegramServer& s) : LoopbackRun("telegram", s.server.base()) {
    opts.rates["telegram"] = RateSpec{1000, 1000, 0};  // the polite default would take seconds
  }
};

// account key + "/" + message id -> how often a channel_page raw record carried it (posts only).
std::map<std::string, int> post_ids(const std::vector<std::string>& raws) {
  std::map<std::string, int> out;
  simdjson::dom::parser p;
  for (const auto& line : raws) {
    simdjson::dom::element rec = p.parse(line).value();
    REQUIRE(rec["endpoint"].get_string().value() == "channel_page");
    const std::string key(rec["account"]["key"].get_string().value());
    auto page = parse_telegram_page(rec["body"].get_string().value());
    REQUIRE(page);
    for (const auto& m : page->messages) {
      if (!m.service) out[key + "/" + std::to_string(m.id)]++;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("telegram: every post arrives once across ?before= pages", "[telegram]") {
  TelegramServer s;
  TelegramRun run(s);
  const std::vector<Account> accounts{registry_account("telegram", "relawan_a"),
                                      registry_account("telegram", "https://t.me/s/relawan_b")};
  RunResult r = run.run(accounts);
  CHECK(r.end == RunEnd::kDone);
  CHECK(r.stats.accounts_ok == 2);
  CHECK(run.sink.errors.empty());
  CHECK(r.stats.posts == 2 * 45);  // 50 messages, 5 of them service messages
  auto ids = post_ids(run.sink.raws);
  CHECK(ids.size() == 2 * 45u);
  for (const auto& [id, n] : ids) CHECK(n == 1);
  // 31-50, 11-30, 1-10: message 1 is the first, so no fourth request.
  std::vector<std::string> paths;
  for (const Hit& h : s.server.hits()) {
    if (h.path.find("relawan_a") != std::string::npos) paths.push_back(h.path);
  }
  CHECK(paths == std::vector<std::string>{"/s/relawan_a", "/s/relawan_a?before=31",
                                          "/s/relawan_a?before=11"});
  for (const auto& ua : s.site.user_agents()) CHECK(ua.find("pantau") != std::string::npos);
  for (const auto& raw : run.sink.raws) {
    CHECK(raw.find("\"platform\":\"telegram\"") != std::string::npos);
    CHECK(raw.find("\"adapter\":\"telegram\"") != std::string::npos);
  }
}

TEST_CASE("telegram: the fixture channel and channels without a preview or without posts",
          "[telegram]") {
  TelegramServer s;
  TelegramRun run(s);
  const std::vector<Account> accounts{registry_account("telegram", "pantau_contoh"),
                                      registry_account("telegram", "dead_channel"),
                                      registry_account("telegram", "empty_channel")};
  RunResult r = run.run(accounts);
  CHECK(r.stats.accounts_ok == 1);
  CHECK(r.stats.accounts_failed == 2);
  auto ids = post_ids(run.sink.raws);
  CHECK(ids.size() == 5);  // 101-106 less the service message 105
  CHECK(ids.count(accounts[0].key + "/106") == 1);
  CHECK(ids.count(accounts[0].key + "/105") == 0);
  REQUIRE(run.sink.errors.size() == 2);
  for (const auto& e : run.sink.errors) {
    CHECK(e.find("\"retryable\":false") != std::string::npos);
    CHECK(e.find("not found") != std::string::npos);
  }
  CHECK(run.everything().find("No posts found") != std::string::npos);
  CHECK(run.everything().find("http 302") != std::string::npos);
}

TEST_CASE("telegram: a rerun fetches only the newer messages", "[telegram]") {
  TelegramServer s;
  const TempDb db("tg-incr");
  auto store = StateStore::open(db.path);
  REQUIRE(store);
  const std::vector<Account> accounts{registry_account("telegram", "relawan_a")};
  TelegramRun first(s);
  first.state = store->get();
  CHECK(first.run(accounts).stats.posts == 45);

  s.site.set_extra(25);  // 51-75, of which 60 and 70 are service messages
  const size_t before = s.server.hits().size();
  TelegramRun second(s);
  second.state = store->get();
  RunResult r = second.run(accounts);
  CHECK(r.stats.posts == 23);
  CHECK(s.server.hits().size() == before + 2);  // 56-75, then 36-55 which reaches 50
  auto ids = post_ids(second.sink.raws);
  CHECK(ids.count(accounts[0].key + "/51") == 1);
  CHECK(ids.count(accounts[0].key + "/75") == 1);
  auto st = (*store)->load(accounts[0].key);
  REQUIRE(st);
  CHECK(st->newest_id == "75");
  CHECK(st->newest_time == FakeTelegramSite::time_of(75));
  CHECK(st->current_handle == "relawan_a");

  TelegramRun third(s);
  third.state = store->get();
  RunResult r3 = third.run(accounts);
  CHECK(s.server.hits().size() == before + 3);
  CHECK(r3.stats.posts == 0);
  CHECK(third.sink.raws.empty());
}

TEST_CASE("telegram: an interrupted run resumes at the page where it stopped", "[telegram]") {
  TelegramServer s;
  const TempDb db("tg-resume");
  auto store = StateStore::open(db.path);
  REQUIRE(store);
  const std::vector<Account> accounts{registry_account("telegram", "relawan_a")};
  TelegramRun first(s);
  first.state = store->get();
  first.opts.concurrency = 1;
  first.stop = [&] { return first.sink.raws.size() >= 1; };
  RunResult r1 = first.run(accounts);
  CHECK(r1.end == RunEnd::kInterrupted);
  const size_t before = s.server.hits().size();
  s.site.set_extra(3);  // published meanwhile: not part of this backfill, next run's
  TelegramRun second(s);
  second.state = store->get();
  RunResult r2 = second.run(accounts);
  CHECK(r2.end == RunEnd::kDone);
  auto hits = s.server.hits();
  REQUIRE(hits.size() > before);
  CHECK(hits[before].path == "/s/relawan_a?before=31");
  std::vector<std::string> all = first.sink.raws;
  all.insert(all.end(), second.sink.raws.begin(), second.sink.raws.end());
  auto ids = post_ids(all);
  CHECK(ids.size() == 45);
  for (const auto& [id, n] : ids) CHECK(n == 1);
  TelegramRun third(s);
  third.state = store->get();
  RunResult r3 = third.run(accounts);
  CHECK(r3.stats.posts == 3);
}

TEST_CASE("telegram: 429 and 5xx and cut pages and dropped connections are retried", "[telegram]") {
  TelegramServer s;
  const std::string full = s.site.page("relawan_a", 31);
  s.set_fault([&](const httplib::Request&, httplib::Response& res, int64_t n) {
    if (n == 2) {
      res.status = 429;
      res.set_header("Retry-After", "1");
      res.set_content("Too Many Requests", "text/plain");
      return true;
    }
    if (n == 3 || n == 5) {
      res.status = n == 3 ? 502 : 500;
      res.set_content("<html><body>Bad Gateway</body></html>", "text/html");
      return true;
    }
    if (n == 4) {  // a 200 cut in the middle
      res.status = 200;
      res.set_content(full.substr(0, full.size() / 2), "text/html; charset=utf-8");
      return true;
    }
    if (n == 6) {
      res.set_content_provider(50000, "text/html", [](size_t, size_t, httplib::DataSink& sink) {
        sink.write("<!DOCTYPE html><html>", 21);
        return false;
      });
      return true;
    }
    return false;
  });
  TelegramRun run(s);
  run.opts.concurrency = 1;
  RunResult r = run.run({registry_account("telegram", "relawan_a")});
  CHECK(r.stats.accounts_ok == 1);
  CHECK(run.sink.errors.empty());
  CHECK(r.stats.retries == 5);
  auto hits = s.server.hits();
  REQUIRE(hits.size() >= 3);
  CHECK(hits[2].at_ms - hits[1].at_ms >= 950);  // Retry-After: 1
  auto ids = post_ids(run.sink.raws);
  CHECK(ids.size() == 45);
  for (const auto& [id, n] : ids) CHECK(n == 1);
}

TEST_CASE("telegram: the request rate is polite by default and follows --rate", "[telegram]") {
  auto adapter = make_telegram_adapter();
  CHECK(adapter->default_rate().requests == 1);
  CHECK(adapter->default_rate().window_ms == 2000);
  CHECK(adapter->auth().style == AuthSpec::Style::kNone);
  CHECK(adapter->default_base_url() == "https://t.me");

  TelegramServer s;
  TelegramRun run(s);
  run.opts.rates["telegram"] = RateSpec{1, 300, 0};
  RunResult r = run.run({registry_account("telegram", "relawan_a")});
  CHECK(r.stats.accounts_ok == 1);
  auto hits = s.server.hits();
  REQUIRE(hits.size() == 3);
  for (size_t i = 1; i < hits.size(); ++i) CHECK(hits[i].at_ms - hits[i - 1].at_ms >= 280);
}

TEST_CASE("telegram: --since stops paging at the first older message", "[telegram]") {
  TelegramServer s;
  TelegramRun run(s);
  run.opts.task.since = FakeTelegramSite::time_of(35);
  run.opts.task.until = FakeTelegramSite::time_of(45);
  RunResult r = run.run({registry_account("telegram", "relawan_a")});
  CHECK(r.stats.accounts_ok == 1);
  CHECK(s.server.hits().size() == 1);  // 31-50 holds 34, older than --since
  CHECK(r.stats.posts == 10);          // 35..45 less the service message 40
}
