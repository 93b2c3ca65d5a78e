// Recheck (lib/pantau/fetch/recheck.h) on loopback: X, YouTube, Mastodon and Bluesky lookups
// against FakeLookupApi (fake_lookup_api.h), whose ids say their own fate.
#include <httplib.h>
#include <simdjson.h>

#include <catch2/catch.hpp>

#include <map>
#include <mutex>
#include <set>

#include "fake_lookup_api.h"
#include "fake_platform_server.h"
#include "loopback_harness.h"
#include "pantau/fetch/plan.h"
#include "pantau/fetch/recheck.h"
#include "pantau/sha256.h"

namespace pantau::fetch::test {
namespace {

const char* kXToken = "x-recheck-secret-77aa1";
const char* kYoutubeKey = "yt-recheck-secret-88bb2";
const char* kFacebookToken = "EAAfb-recheck-secret-44dd5";

struct StatusSink : RecordSink {
  std::vector<std::string> raws, errors, statuses;
  void raw(std::string_view r) override { raws.emplace_back(r); }
  void error(std::string_view r) override { errors.emplace_back(r); }
  void status(std::string_view r) override { statuses.emplace_back(r); }
  bool flush() override { return true; }
};

struct LookupServer {
  FakePlatformServer server{FakeConfig{}};
  FakePlatformServer::Fault fault;
  std::mutex mu;
  LookupServer() {
    server.set_fault([this](const httplib::Request& req, httplib::Response& res, int64_t n) {
      FakePlatformServer::Fault f;
      {
        std::lock_guard<std::mutex> lock(mu);
        f = fault;
      }
      if (f && f(req, res, n)) return true;
      return serve_lookup(req, res);
    });
  }
  void set_fault(FakePlatformServer::Fault f) {
    std::lock_guard<std::mutex> lock(mu);
    fault = std::move(f);
  }
  int64_t hits(const std::string& part) const {
    int64_t n = 0;
    for (const Hit& h : server.hits()) n += h.path.find(part) != std::string::npos ? 1 : 0;
    return n;
  }
};

RecheckItem item(const std::string& platform, const std::string& native_id) {
  RecheckItem it;
  it.platform = platform;
  it.native_id = native_id;
  it.id = platform + ":" + native_id;
  it.sha256_before = sha256_hex(original_text(native_id));
  return it;
}

// n ids of `platform`, numbered from 1000.
std::vector<RecheckItem> items(const std::string& platform, int n) {
  std::vector<RecheckItem> out;
  for (int i = 0; i < n; ++i) {
    const std::string num = std::to_string(1000 + i);
    if (platform == "x") out.push_back(item("x", "175500000000000" + num));
    if (platform == "youtube") out.push_back(item("youtube", "vid" + num));
    if (platform == "mastodon") out.push_back(item("mastodon", "mastodon.social/" + num));
    if (platform == "bluesky") out.push_back(item("bluesky", "did:plc:budi/" + num));
    if (platform == "telegram") out.push_back(item("telegram", "Kanal_Budi/" + num));
    if (platform == "tiktok") out.push_back(item("tiktok", "730000000000000" + num));
    if (platform == "facebook") out.push_back(item("facebook", "104000000000001_" + num));
  }
  return out;
}

struct Verdicts {
  std::map<std::string, std::string> status;  // id -> status
  std::map<std::string, int> count;           // id -> status records
  std::map<std::string, std::string> line;    // id -> the record
};

Verdicts read_statuses(const std::vector<std::string>& records) {
  Verdicts v;
  simdjson::dom::parser p;
  for (const auto& r : records) {
    simdjson::dom::element doc;
    REQUIRE(!p.parse(r).get(doc));
    std::string_view kind, id, status;
    REQUIRE(!doc["kind"].get_string().get(kind));
    REQUIRE(kind == "status");
    REQUIRE(!doc["id"].get_string().get(id));
    REQUIRE(!doc["status"].get_string().get(status));
    v.status[std::string(id)] = std::string(status);
    v.count[std::string(id)]++;
    v.line[std::string(id)] = r;
  }
  return v;
}

std::string expected(const std::string& platform, const std::string& native_id) {
  switch (fate_of(native_id)) {
    case Fate::kPresent:
      return "present";
    case Fate::kEdited:
      return "edited";
    case Fate::kDeleted:
      return platform == "youtube" || platform == "tiktok" ? "not_visible" : "deleted";
    case Fate::kPrivate:
      if (platform == "x" || platform == "youtube" || platform == "tiktok" ||
          platform == "facebook") {
        return "not_visible";
      }
      return "deleted";  // Mastodon's 404 and the silence of the others do not tell it apart
    case Fate::kGone:
      if (platform == "tiktok" || platform == "facebook") return "not_visible";
      return platform == "bluesky" || platform == "telegram" ? "deleted" : "account_gone";
  }
  return {};
}

struct RecheckRun {
  LookupServer& server;
  EngineOptions opts;
  CredentialPool creds;
  StateStore* state = nullptr;
  StatusSink sink;
  Recorder observer;
  std::function<bool()> stop;
  std::string tag = "recheck@test";

  explicit RecheckRun(LookupServer& s) : server(s) {
    opts.concurrency = 4;
    opts.retry.base_ms = 20;
    opts.retry.max_backoff_ms = 200;
    opts.retry.max_attempts = 3;
    opts.timeout_ms = 3000;
    opts.seed = 7;
    for (const char* p :
         {"x", "youtube", "mastodon", "bluesky", "telegram", "tiktok", "facebook"}) {
      opts.api_base[p] = s.server.base();
    }
    creds.add("facebook", kFacebookToken);
    REQUIRE(creds.add_pairs("tiktok", "tt-key", "tt-recheck-secret-99cc3").ok());
    // The polite defaults of t.me and Graph would make this test wait for minutes.
    for (const char* p : {"telegram", "facebook"}) {
      opts.rates[p].requests = 1000;
      opts.rates[p].window_ms = 1000;
    }
    creds.add("x", kXToken);
    creds.add("youtube", kYoutubeKey);
  }

  RunResult run(const RecheckPlan& plan) {
    CurlTransport t(CurlTransport::Options{});
    SystemClock clock;
    Engine e(opts, make_recheck_adapters(make_adapters(), plan, tag), t, creds, state, clock, sink,
             observer);
    REQUIRE(e.configure().ok());
    return e.run(plan.batches, stop);
  }
};

}  // namespace

TEST_CASE("recheck: every id gets exactly one status, as its platform tells it") {
  LookupServer server;
  std::vector<RecheckItem> all;
  for (const char* p : {"x", "youtube", "mastodon", "bluesky", "telegram", "tiktok", "facebook"}) {
    auto its = items(p, 20);
    all.insert(all.end(), its.begin(), its.end());
  }
  const auto input = all;
  const RecheckPlan plan = plan_recheck(all, 0);
  RecheckRun run(server);
  const RunResult r = run.run(plan);
  CHECK(r.end == RunEnd::kDone);
  CHECK(run.sink.errors.empty());
  const Verdicts v = read_statuses(run.sink.statuses);
  REQUIRE(v.count.size() == input.size());
  std::set<std::string> raw_shas;
  simdjson::dom::parser p;
  for (const auto& raw : run.sink.raws) {
    simdjson::dom::element doc;
    REQUIRE(!p.parse(raw).get(doc));
    std::string_view sha;
    REQUIRE(!doc["sha256"].get_string().get(sha));
    raw_shas.insert(std::string(sha));
    CHECK(doc["account"].is_null());
    CHECK(raw.find(kXToken) == std::string::npos);
    CHECK(raw.find(kYoutubeKey) == std::string::npos);
    CHECK(raw.find(kFacebookToken) == std::string::npos);
  }
  for (const auto& it : input) {
    INFO(it.id);
    CHECK(v.count.at(it.id) == 1);
    CHECK(v.status.at(it.id) == expected(it.platform, it.native_id));
    simdjson::dom::element doc;
    REQUIRE(!p.parse(v.line.at(it.id)).get(doc));
    std::string_view before, src_sha;
    REQUIRE(!doc["content_sha256_before"].get_string().get(before));
    CHECK(before == it.sha256_before);
    if (!doc["source"].is_null()) {
      REQUIRE(!doc["source"]["raw_sha256"].get_string().get(src_sha));
      CHECK(raw_shas.count(std::string(src_sha)) == 1);
    }
    const std::string st = v.status.at(it.id);
    if (st == "present") {
      std::string_view now;
      REQUIRE(!doc["content_sha256_now"].get_string().get(now));
      CHECK(now == before);
      CHECK(doc["text_now"].is_null());
      CHECK(doc["reason"].is_null());
    } else if (st == "edited") {
      std::string_view now, text;
      REQUIRE(!doc["text_now"].get_string().get(text));
      CHECK(text == original_text(it.native_id) + " (diedit)");
      REQUIRE(!doc["content_sha256_now"].get_string().get(now));
      CHECK(now == sha256_hex(text));
    } else {
      CHECK(doc["text_now"].is_null());
      std::string_view reason;
      CHECK(!doc["reason"].get_string().get(reason));
      CHECK(!reason.empty());
    }
  }
  // X says why in its own words; Mastodon's status code is in the reason.
  CHECK(v.line.at("x:1755000000000001007").find("Could not find tweet") != std::string::npos);
  CHECK(v.line.at("x:1755000000000001009").find("suspended") != std::string::npos);
  CHECK(v.line.at("mastodon:mastodon.social/1007").find("HTTP 404") != std::string::npos);
  CHECK(v.line.at("mastodon:mastodon.social/1009").find("HTTP 410") != std::string::npos);
  CHECK(v.line.at("facebook:104000000000001_1008").find("code 100/33") != std::string::npos);
  // A reason that quotes a body echoing the token has it redacted.
  CHECK(v.line.at("facebook:104000000000001_1009").find("access_token=REDACTED") !=
        std::string::npos);
  for (const auto& s : run.sink.statuses) CHECK(s.find(kFacebookToken) == std::string::npos);
}

TEST_CASE("recheck: a Telegram channel without a public preview is gone, a cut page is retried") {
  LookupServer server;
  std::atomic<int> cut{0};
  server.set_fault([&](const httplib::Request& req, httplib::Response& res, int64_t) {
    if (req.path != "/s/Kanal_Budi" || cut.exchange(1) != 0) return false;
    res.status = 200;
    res.set_content("<!DOCTYPE html><html><body><section class=\"tgme_channel_history\">",
                    "text/html");
    return true;
  });
  std::vector<RecheckItem> all = {item("telegram", "Kanal_Budi/1005"),
                                  item("telegram", "gone_kanal/1000")};
  RecheckRun run(server);
  run.run(plan_recheck(all, 0));
  const Verdicts v = read_statuses(run.sink.statuses);
  CHECK(cut == 1);
  CHECK(v.status.at("telegram:Kanal_Budi/1005") == "present");
  CHECK(v.status.at("telegram:gone_kanal/1000") == "account_gone");
  CHECK(v.line.at("telegram:gone_kanal/1000").find("HTTP 302") != std::string::npos);
}

TEST_CASE("recheck: batches split exactly at each API's limit") {
  LookupServer server;
  std::vector<RecheckItem> all;
  for (auto [p, n] : std::vector<std::pair<const char*, int>>{
           {"x", 101}, {"youtube", 51}, {"bluesky", 26}, {"mastodon", 3}}) {
    auto its = items(p, n);
    all.insert(all.end(), its.begin(), its.end());
  }
  const RecheckPlan plan = plan_recheck(all, 0);
  CHECK(plan.batches.size() == 2 + 2 + 2 + 3);
  RecheckRun run(server);
  run.run(plan);
  CHECK(server.hits("/2/tweets") == 2);
  CHECK(server.hits("/videos") == 2);
  CHECK(server.hits("getPosts") == 2);
  CHECK(server.hits("/api/v1/statuses/") == 3);
  CHECK(read_statuses(run.sink.statuses).count.size() == 101 + 51 + 26 + 3);

  SECTION("100, 50 and 25 ids still fit one request") {
    std::vector<RecheckItem> fit;
    for (auto [p, n] :
         std::vector<std::pair<const char*, int>>{{"x", 100}, {"youtube", 50}, {"bluesky", 25}}) {
      auto its = items(p, n);
      fit.insert(fit.end(), its.begin(), its.end());
    }
    CHECK(plan_recheck(fit, 0).batches.size() == 3);
  }
}

TEST_CASE("recheck: a 429 in the middle is waited out, no id is lost or doubled") {
  LookupServer server;
  std::atomic<int> refused{0};
  server.set_fault([&](const httplib::Request& req, httplib::Response& res, int64_t) {
    if (req.path != "/2/tweets" ||
        req.get_param_value("ids").find("1755000000000001100") == std::string::npos ||
        refused.exchange(1) != 0) {
      return false;
    }
    res.status = 429;
    res.set_header("retry-after", "1");
    res.set_content(
        R"({"title":"Too Many Requests","detail":"Too Many Requests","type":"about:blank","status":429})",
        "application/json");
    return true;
  });
  const RecheckPlan plan = plan_recheck(items("x", 250), 0);
  RecheckRun run(server);
  const RunResult r = run.run(plan);
  CHECK(refused == 1);
  CHECK(r.stats.rate_waits >= 1);
  CHECK(server.hits("/2/tweets") == 4);  // 3 batches, one of them asked twice
  const Verdicts v = read_statuses(run.sink.statuses);
  CHECK(v.count.size() == 250);
  for (const auto& [id, n] : v.count) CHECK(n == 1);
  CHECK(run.sink.raws.size() == 3);  // the 429 is no answer: not kept
}

TEST_CASE("recheck: a batch that cannot be checked is unknown for each id, never deleted") {
  LookupServer server;
  server.set_fault([](const httplib::Request& req, httplib::Response& res, int64_t) {
    if (req.path != "/videos") return false;
    res.status = 503;
    res.set_content(R"({"error":{"code":503,"message":"Backend Error"}})", "application/json");
    return true;
  });
  auto all = items("youtube", 60);
  auto xs = items("x", 5);
  all.insert(all.end(), xs.begin(), xs.end());
  RecheckRun run(server);
  const RunResult r = run.run(plan_recheck(all, 0));
  CHECK(r.stats.accounts_failed == 2);
  const Verdicts v = read_statuses(run.sink.statuses);
  REQUIRE(v.count.size() == 65);
  for (const auto& [id, st] : v.status) {
    INFO(id);
    CHECK(v.count.at(id) == 1);
    if (id.rfind("youtube:", 0) == 0) {
      CHECK(st == "unknown");
      CHECK(v.line.at(id).find("\"source\":null") != std::string::npos);
    } else {
      CHECK(st != "unknown");
    }
  }
  REQUIRE(run.sink.errors.size() == 2);
  for (const auto& e : run.sink.errors) {
    CHECK(e.find("\"account\":null") != std::string::npos);
    CHECK(e.find(kYoutubeKey) == std::string::npos);
  }
}

TEST_CASE("recheck: a stopped run resumes with the batches not yet answered") {
  LookupServer server;
  TempDb db("recheck_resume");
  auto store = StateStore::open(db.path);
  REQUIRE(store);
  const RecheckPlan plan = plan_recheck(items("mastodon", 12), 0);
  auto tag = begin_recheck_run(store->get(), plan.run_key, 1000, false);
  REQUIRE(tag);
  RecheckRun first(server);
  first.state = store->get();
  first.tag = *tag;
  first.opts.concurrency = 1;
  first.stop = [&] { return first.sink.statuses.size() >= 5; };
  CHECK(first.run(plan).end == RunEnd::kInterrupted);
  const size_t done = first.sink.statuses.size();
  CHECK(done >= 5);
  CHECK(done < 12);
  // The next run of the same ids finds the unfinished run and skips what it answered.
  auto again = begin_recheck_run(store->get(), plan.run_key, 2000, false);
  REQUIRE(again);
  CHECK(*again == *tag);
  const int64_t hits_before = server.hits("/api/v1/statuses/");
  RecheckRun second(server);
  second.state = store->get();
  second.tag = *again;
  CHECK(second.run(plan).end == RunEnd::kDone);
  CHECK(server.hits("/api/v1/statuses/") - hits_before == static_cast<int64_t>(12 - done));
  std::vector<std::string> both = first.sink.statuses;
  both.insert(both.end(), second.sink.statuses.begin(), second.sink.statuses.end());
  const Verdicts v = read_statuses(both);
  CHECK(v.count.size() == 12);
  for (const auto& [id, n] : v.count) CHECK(n == 1);
  // Once ended, the same ids are a new run: all checked again.
  REQUIRE(end_recheck_run(store->get(), plan.run_key).ok());
  auto fresh = begin_recheck_run(store->get(), plan.run_key, 3000, false);
  REQUIRE(fresh);
  CHECK(*fresh != *tag);
}

TEST_CASE("recheck: --dry-run plans one request per batch") {
  LookupServer server;
  auto all = items("x", 150);
  auto yt = items("youtube", 120);
  all.insert(all.end(), yt.begin(), yt.end());
  const RecheckPlan plan = plan_recheck(all, 0);
  RecheckRun run(server);
  CurlTransport t(CurlTransport::Options{});
  SystemClock clock;
  Engine e(run.opts, make_recheck_adapters(make_adapters(), plan, run.tag), t, run.creds, nullptr,
           clock, run.sink, run.observer);
  REQUIRE(e.configure().ok());
  const auto p = make_plan(plan.batches, e, run.creds, nullptr, PlanOptions{});
  std::map<std::string, int64_t> requests, units;
  for (const auto& pp : p) {
    requests[pp.platform] = pp.requests;
    units[pp.platform] = pp.units;
  }
  CHECK(requests["x"] == 2);
  CHECK(requests["youtube"] == 3);
  CHECK(units["youtube"] == 3);
  CHECK(server.server.hit_count() == 0);
}

TEST_CASE("recheck: a request budget defers the rest, and unknown platforms are named") {
  std::vector<RecheckItem> all = items("x", 250);
  all.push_back(item("instagram", "17900000000000001"));
  const RecheckPlan plan = plan_recheck(all, 2);
  CHECK(plan.batches.size() == 2);
  CHECK(plan.deferred.size() == 50);
  REQUIRE(plan.unsupported.size() == 1);
  const std::string rec = unsupported_status(plan.unsupported[0], 0);
  CHECK(rec.find("\"status\":\"unknown\"") != std::string::npos);
  CHECK(rec.find("not available for instagram") != std::string::npos);
}

}  // namespace pantau::fetch::test
