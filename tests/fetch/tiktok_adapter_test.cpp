// The TikTok Research API adapter and the engine's client-credentials support, against a loopback
// server (FakeTiktokServer) that replays the real fixtures and synthesises accounts: exactly-once
// delivery across pages and 30-day windows, ids above 2^53 (and 2^64) kept as written, NUL
// escapes kept, incremental runs, resume after an interruption, 429 rate_limit_exceeded, 5xx,
// truncated bodies, token renewal after 401, a refused client secret, an unknown user, the daily
// quota, --record/--replay of POST exchanges, and no secret or token in any output.
#include <httplib.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>

#include "engine_doubles.h"
#include "fake_tiktok_server.h"
#include "pantau/fetch/access_token.h"
#include "pantau/fetch/curl_transport.h"
#include "pantau/fetch/engine.h"
#include "pantau/fetch/exchange_store.h"
#include "pantau/fetch/registry.h"
#include "pantau/fetch/state_store.h"
#include "test_support.h"

using namespace pantau;
using namespace pantau::fetch;
using pantau::fetch::test::FakeTiktokConfig;
using pantau::fetch::test::FakeTiktokServer;
using pantau::fetch::test::MemorySink;
using pantau::fetch::test::Recorder;
using pantau::fetch::test::TiktokHit;

namespace {

namespace od = simdjson::ondemand;

const std::string kKey = "test-client-key-1";
const std::string kSecret = "test-client-secret-1";

std::string fixtures() { return pantau::test::data_dir() + "/fixtures/api/tiktok"; }

Account tiktok_account(const std::string& name) {
  Account a;
  a.platform = "tiktok";
  a.role = "candidate";
  a.handle = name;
  (void)complete_account(&a, "");
  return a;
}

std::vector<Account> accounts(int n, const std::string& prefix = "calon") {
  std::vector<Account> out;
  for (int i = 0; i < n; ++i) out.push_back(tiktok_account(prefix + std::to_string(i)));
  return out;
}

// The ids in the raw records' bodies ("<account key>/<id>" for videos, "comment/<id>" for
// comments), read On Demand as written: never through a double.
std::map<std::string, int> ids_of(const std::vector<std::string>& raws) {
  std::map<std::string, int> out;
  simdjson::dom::parser records;
  od::parser bodies;
  for (const auto& line : raws) {
    simdjson::dom::element rec = records.parse(line).value();
    const std::string key(rec["account"]["key"].get_string().value());
    const std::string endpoint(rec["endpoint"].get_string().value());
    simdjson::padded_string body(std::string(rec["body"].get_string().value()));
    od::document doc = bodies.iterate(body);
    const char* list = endpoint == "comment_list" ? "comments" : "videos";
    for (auto item : doc["data"][list].get_array()) {
      std::string_view id = item["id"].raw_json_token();
      while (!id.empty() && (id.back() == ' ' || id.back() == '\n')) id.remove_suffix(1);
      out[(endpoint == "comment_list" ? std::string("comment") : key) + "/" + std::string(id)]++;
    }
  }
  return out;
}

// Real steady time (budgets, backoff), but the wall clock of 2024-02-10, nine days after the
// synthetic accounts' newest video, so the date windows are the same on every run.
struct TestClock : Clock {
  SystemClock real;
  int64_t steady_ms() override { return real.steady_ms(); }
  EpochMillis wall_ms() override { return parse_datetime("2024-02-10T00:00:00Z").value(); }
};

struct Harness {
  FakeTiktokServer& server;
  EngineOptions opts;
  CredentialPool creds;
  StateStore* state = nullptr;
  MemorySink sink;
  Recorder observer;
  std::function<bool()> stop;
  std::string record_dir;  // when set, exchanges are recorded there

  explicit Harness(FakeTiktokServer& s) : server(s) {
    opts.concurrency = 4;
    opts.retry.base_ms = 20;
    opts.retry.max_backoff_ms = 200;
    opts.retry.max_attempts = 6;
    opts.timeout_ms = 3000;
    opts.seed = 7;
    opts.tool_version = "pantau-fetch-accounts test";
    opts.api_base["tiktok"] = s.base();
    opts.task.page_size = 5;
    opts.rates["tiktok"] = RateSpec{1000, 1000, 0};  // not the default 5/s: tests stay fast
    opts.task.since = parse_datetime("2023-12-01T00:00:00Z").value();
    REQUIRE(creds.add_pairs("tiktok", kKey, kSecret).ok());
  }

  RunResult run(const std::vector<Account>& list) {
    CurlTransport curl(CurlTransport::Options{});
    std::unique_ptr<RecordingTransport> recording;
    Transport* t = &curl;
    if (!record_dir.empty()) {
      recording = std::make_unique<RecordingTransport>(curl, record_dir);
      t = recording.get();
    }
    TestClock clock;
    Engine e(opts, make_adapters(), *t, creds, state, clock, sink, observer);
    Status s = e.configure();
    REQUIRE(s.ok());
    return e.run(list, stop);
  }
};

std::string temp_path(const std::string& name) {
  const std::string path = pantau::test::scratch_path("tiktok-" + name);
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
  return path;
}

FakeTiktokConfig fake_config() {
  FakeTiktokConfig c;
  c.fixtures_dir = fixtures();
  return c;
}

int count_path(const std::vector<TiktokHit>& hits, const std::string& path) {
  int n = 0;
  for (const auto& h : hits) n += h.path == path;
  return n;
}

}  // namespace

TEST_CASE("tiktok: every video arrives once across pages and 30-day windows", "[tiktok]") {
  FakeTiktokServer server(fake_config());
  Harness h(server);
  const auto list = accounts(3);
  RunResult r = h.run(list);
  CHECK(r.end == RunEnd::kDone);
  CHECK(r.stats.accounts_ok == 3);
  CHECK(h.sink.errors.empty());
  const auto ids = ids_of(h.sink.raws);
  CHECK(ids.size() == 3 * 12u);
  for (const auto& [id, n] : ids) CHECK(n == 1);
  // Ids above 2^53 arrive digit for digit (neighbours differ in the last digit only).
  CHECK(ids.count(list[0].key + "/" + FakeTiktokServer::video_id(0)) == 1);
  CHECK(ids.count(list[0].key + "/" + FakeTiktokServer::video_id(11)) == 1);
  // One token for the credential, however many accounts and requests.
  CHECK(server.token_requests() == 1);
  const auto hits = server.hits();
  // The 12 videos span 33 days: 2 windows; 5 per page.
  std::set<std::string> windows;
  for (const auto& hit : hits) {
    CHECK(hit.token == server.tokens_issued().at(0));
    simdjson::dom::parser p;
    simdjson::dom::element b = p.parse(hit.body).value();
    windows.insert(std::string(b["start_date"].get_string().value()) + "-" +
                   std::string(b["end_date"].get_string().value()));
    CHECK(int64_t(b["max_count"].get_int64().value()) == 5);
  }
  CHECK(windows.size() >= 2);
  for (const auto& raw : h.sink.raws) {
    CHECK(raw.find("\"endpoint\":\"video_query\"") != std::string::npos);
    CHECK(raw.find("\"platform\":\"tiktok\"") != std::string::npos);
  }
}

TEST_CASE("tiktok: a first run without --since reads the last 30 days in one window", "[tiktok]") {
  FakeTiktokServer server(fake_config());
  Harness h(server);
  h.opts.task.since = 0;
  RunResult r = h.run(accounts(1));
  CHECK(r.stats.accounts_ok == 1);
  const auto hits = server.hits();
  REQUIRE(hits.size() == 2u);  // 7 videos in the window: two pages of 5
  for (const auto& hit : hits) {
    CHECK(hit.body.find("\"start_date\":\"20240112\",\"end_date\":\"20240210\"") !=
          std::string::npos);
  }
  CHECK(ids_of(h.sink.raws).size() == 7u);  // Jan 14 ... Feb 1, three days apart
}

TEST_CASE("tiktok: the real fixture pages carry cursor and search_id; big ids stay exact",
          "[tiktok]") {
  FakeTiktokServer server(fake_config());
  Harness h(server);
  h.opts.task.page_size = 0;
  h.opts.task.since = parse_datetime("2024-01-01T00:00:00Z").value();
  h.opts.task.until = parse_datetime("2024-01-10T00:00:00Z").value();
  RunResult r = h.run({tiktok_account("fixture")});
  CHECK(r.stats.accounts_ok == 1);
  // The NUL page is from November 2024.
  Harness nul_run(server);
  nul_run.opts.task.page_size = 0;
  nul_run.opts.task.since = parse_datetime("2024-11-01T00:00:00Z").value();
  nul_run.opts.task.until = parse_datetime("2024-11-20T00:00:00Z").value();
  RunResult rn = nul_run.run({tiktok_account("nulbytes")});
  CHECK(rn.stats.accounts_ok == 1);
  REQUIRE(nul_run.sink.raws.size() == 1u);
  h.sink.raws.push_back(nul_run.sink.raws[0]);
  const auto hits = server.hits();
  REQUIRE(hits.size() == 3u);
  // The second page of "fixture" echoes the first page's cursor and search_id.
  bool second_page = false;
  for (const auto& hit : hits) {
    if (hit.body.find("\"fixture\"") == std::string::npos) continue;
    CHECK(hit.body.find("\"start_date\":\"20240101\",\"end_date\":\"20240110\"") !=
          std::string::npos);
    CHECK(hit.body.find("\"max_count\":100") != std::string::npos);
    if (hit.body.find("\"cursor\":100") != std::string::npos) {
      second_page = true;
      CHECK(hit.body.find("\"search_id\":\"7354367454467855403\"") != std::string::npos);
    }
  }
  CHECK(second_page);
  // The bodies go into the raw records byte for byte: ids of 19 and 20 digits, \u0000 escapes.
  const std::string page1 = pantau::test::read_file(fixtures() + "/video_query_page1.json");
  const std::string page2 = pantau::test::read_file(fixtures() + "/video_query_page2_DERIVED.json");
  const std::string nul =
      pantau::test::read_file(fixtures() + "/video_query_unicode_nul_bytes.json");
  std::set<std::string> bodies;
  simdjson::dom::parser p;
  for (const auto& raw : h.sink.raws) {
    bodies.insert(std::string(p.parse(raw).value()["body"].get_string().value()));
  }
  CHECK(bodies.count(page1) == 1);
  CHECK(bodies.count(page2) == 1);
  CHECK(bodies.count(nul) == 1);
  CHECK(nul.find("\\u0000") != std::string::npos);
  const auto ids = ids_of(h.sink.raws);
  const std::string fixture_key = tiktok_account("fixture").key;
  CHECK(ids.count(fixture_key + "/7320768196569599275") == 1);
  CHECK(ids.count(fixture_key + "/73207681965695992750") == 1);  // above 2^64
  // The resume cursor names the window and the search: what requested page 2.
  bool cursor_seen = false;
  for (const auto& raw : h.sink.raws) {
    cursor_seen |= raw.find("\"cursor\":\"20240110:100:7354367454467855403\"") != std::string::npos;
  }
  CHECK(cursor_seen);
}

TEST_CASE("tiktok: a rerun fetches only newer videos", "[tiktok]") {
  FakeTiktokServer server(fake_config());
  const std::string db = temp_path("incr.db");
  auto store = StateStore::open(db);
  REQUIRE(store);
  const auto list = accounts(2);
  Harness first(server);
  first.state = store->get();
  RunResult r1 = first.run(list);
  CHECK(r1.stats.accounts_ok == 2);
  const auto before = ids_of(first.sink.raws);
  CHECK(before.size() == 2 * 12u);
  const size_t hits_before = server.hits().size();
  server.set_extra(2);
  Harness second(server);
  second.state = store->get();
  second.opts.task.since = 0;  // from the high-water mark
  RunResult r2 = second.run(list);
  CHECK(r2.stats.accounts_ok == 2);
  CHECK(second.sink.errors.empty());
  const auto after = ids_of(second.sink.raws);
  int fresh = 0;
  for (const auto& [id, n] : after) fresh += before.count(id) == 0;
  CHECK(fresh == 2 * 2);
  // The first page of the newest window holds only the newest item of the last run and the two
  // new ones: one request per account.
  CHECK(server.hits().size() - hits_before == 2u);
  // A third run with nothing new writes nothing.
  Harness third(server);
  third.state = store->get();
  third.opts.task.since = 0;
  RunResult r3 = third.run(list);
  CHECK(r3.stats.accounts_ok == 2);
  CHECK(third.sink.raws.empty());
}

TEST_CASE("tiktok: an interrupted run resumes inside its window", "[tiktok]") {
  FakeTiktokConfig cfg = fake_config();
  cfg.videos = 30;
  cfg.spacing_s = 86400;
  FakeTiktokServer server(cfg);
  const std::string db = temp_path("resume.db");
  auto store = StateStore::open(db);
  REQUIRE(store);
  const auto list = accounts(2);
  Harness first(server);
  first.state = store->get();
  first.opts.concurrency = 1;
  first.stop = [&] { return first.sink.raws.size() >= 4; };
  RunResult r1 = first.run(list);
  CHECK(r1.end == RunEnd::kInterrupted);
  auto st = (*store)->load(list[0].key);
  REQUIRE(st);
  CHECK_FALSE(st->cursor.empty());  // "YYYYMMDD:cursor:search_id"
  CHECK(st->cursor.find(':') == 8);
  const size_t hits_before = server.hits().size();
  Harness second(server);
  second.state = store->get();
  RunResult r2 = second.run(list);
  CHECK(r2.end == RunEnd::kDone);
  CHECK(r2.stats.accounts_ok == 2);
  // The resumed run went on with the saved cursor and search, not from the window's start.
  const auto hits = server.hits();
  REQUIRE(hits.size() > hits_before);
  CHECK(hits[hits_before].body.find(list[0].key.substr(7)) != std::string::npos);
  CHECK(hits[hits_before].body.find("\"search_id\":") != std::string::npos);
  CHECK(hits[hits_before].body.find("\"cursor\":0") == std::string::npos);
  std::vector<std::string> all = first.sink.raws;
  all.insert(all.end(), second.sink.raws.begin(), second.sink.raws.end());
  const auto ids = ids_of(all);
  CHECK(ids.size() == 2 * 30u);  // nothing lost
  int repeated = 0;
  for (const auto& [id, n] : ids) repeated += n - 1;
  CHECK(repeated <= 5);  // at most the page in flight
}

TEST_CASE("tiktok: 429 rate_limit_exceeded, 5xx and truncated bodies are retried", "[tiktok]") {
  const std::string limited = pantau::test::read_file(fixtures() + "/error_429_rate_limit.json");
  REQUIRE_FALSE(limited.empty());
  FakeTiktokServer server(fake_config());
  server.set_fault([&](const httplib::Request&, httplib::Response& res, int64_t n) {
    if (n == 2 || n == 3) {  // TikTok's signal: 429 and a body, no header
      res.status = 429;
      res.set_content(limited, "application/json");
      return true;
    }
    if (n == 5) {
      res.status = 500;
      res.set_content(
          R"({"data":{},"error":{"code":"internal_error","message":"Something went wrong.","log_id":"x"}})",
          "application/json");
      return true;
    }
    if (n == 7) {  // truncated JSON with a 200
      res.status = 200;
      res.set_content(R"({"data":{"videos":[{"id":7320768196569599275,)", "application/json");
      return true;
    }
    if (n == 9) {  // connection reset mid-body
      res.set_content_provider(5000, "application/json",
                               [](size_t, size_t, httplib::DataSink& sink) {
                                 sink.write("{\"data\":{", 9);
                                 return false;
                               });
      return true;
    }
    return false;
  });
  Harness h(server);
  const auto list = accounts(2);
  RunResult r = h.run(list);
  CHECK(r.stats.accounts_ok == 2);
  CHECK(h.sink.errors.empty());
  CHECK(r.stats.retries >= 5);
  CHECK(r.stats.rate_waits >= 2);
  const auto ids = ids_of(h.sink.raws);
  CHECK(ids.size() == 2 * 12u);
  for (const auto& [id, n] : ids) CHECK(n == 1);
  for (const auto& raw : h.sink.raws) CHECK(raw.find("\"status\":200") != std::string::npos);
}

TEST_CASE("tiktok: a 401 renews the token once; a refused secret retires the credential",
          "[tiktok]") {
  SECTION("revoked token") {
    FakeTiktokServer server(fake_config());
    server.set_fault([&](const httplib::Request&, httplib::Response&, int64_t n) {
      if (n == 3) server.revoke_tokens();  // requests from the third on see 401 once
      return false;
    });
    Harness h(server);
    h.opts.concurrency = 1;
    RunResult r = h.run(accounts(2));
    CHECK(r.stats.accounts_ok == 2);
    CHECK(h.sink.errors.empty());
    CHECK(server.token_requests() == 2);
    CHECK(ids_of(h.sink.raws).size() == 2 * 12u);
    CHECK(h.observer.notices.empty());
  }
  SECTION("a 401 that a fresh token does not cure") {
    FakeTiktokServer server(fake_config());
    server.set_fault([&](const httplib::Request&, httplib::Response& res, int64_t) {
      res.status = 401;
      res.set_content(
          R"({"data":{},"error":{"code":"scope_not_authorized","message":"The client does not have the research scope.","log_id":"x"}})",
          "application/json");
      return true;
    });
    Harness h(server);
    RunResult r = h.run(accounts(2));
    CHECK(r.stats.accounts_ok == 0);
    CHECK(server.token_requests() == 2);  // the first token, and one renewal
    CHECK(server.hits().size() <= 4u);    // two per account at most: not hammered
    REQUIRE(h.observer.notices.size() >= 1);
    CHECK(h.observer.notices[0].find("tiktok key #1 rejected") != std::string::npos);
    for (const auto& e : h.sink.errors) CHECK(e.find("\"retryable\":true") != std::string::npos);
  }
  SECTION("wrong client secret") {
    FakeTiktokServer server(fake_config());
    Harness h(server);
    h.creds = CredentialPool();
    REQUIRE(h.creds.add_pairs("tiktok", kKey, "wrong-client-secret").ok());
    RunResult r = h.run(accounts(3));
    CHECK(r.stats.accounts_ok == 0);
    CHECK(r.stats.accounts_failed == 3);
    CHECK(server.hits().empty());  // no API call without a token
    CHECK(server.token_requests() == 1);
    REQUIRE(h.observer.notices.size() == 2);  // key refused; platform stopped
    CHECK(h.observer.notices[0].find("tiktok key #1: no access token (invalid_client, http 401)") !=
          std::string::npos);
    for (const auto& e : h.sink.errors) {
      CHECK(e.find("\"retryable\":true") != std::string::npos);
      CHECK(e.find("wrong-client-secret") == std::string::npos);
    }
  }
}

TEST_CASE("tiktok: an unknown user fails alone", "[tiktok]") {
  FakeTiktokServer server(fake_config());
  Harness h(server);
  auto list = accounts(2);
  list.push_back(tiktok_account("deadcalon"));
  RunResult r = h.run(list);
  CHECK(r.stats.accounts_ok == 2);
  CHECK(r.stats.accounts_failed == 1);
  REQUIRE(h.sink.errors.size() == 1);
  CHECK(h.sink.errors[0].find("\"retryable\":false") != std::string::npos);
  CHECK(h.sink.errors[0].find("\"http_status\":400") != std::string::npos);
  CHECK(h.sink.errors[0].find("account not found") != std::string::npos);
  CHECK(ids_of(h.sink.raws).size() == 2 * 12u);
}

TEST_CASE("tiktok: the daily quota stops the platform", "[tiktok]") {
  FakeTiktokServer server(fake_config());
  Harness h(server);
  h.opts.concurrency = 1;
  h.opts.rates["tiktok"] = RateSpec{1000, 1000, 3};  // 3 requests per project per day
  RunResult r = h.run(accounts(3));
  CHECK(server.hits().size() == 3u);
  CHECK(r.stats.accounts_ok == 0);
  CHECK(r.stats.accounts_failed == 3);
  for (const auto& e : h.sink.errors) CHECK(e.find("\"retryable\":true") != std::string::npos);
}

TEST_CASE("tiktok: quota units count in the UTC day of TikTok's reset", "[tiktok]") {
  // The test clock says 2024-02-10T00:00:00Z: already the 10th in UTC, still the 9th in the
  // Pacific time YouTube's quota day follows.
  FakeTiktokServer server(fake_config());
  const std::string db = temp_path("quota-day.db");
  auto store = StateStore::open(db);
  REQUIRE(store);
  Harness h(server);
  h.state = store->get();
  h.opts.rates["tiktok"] = RateSpec{1000, 1000, 1000};
  RunResult r = h.run(accounts(1));
  CHECK(r.stats.accounts_ok == 1);
  const std::string id = h.creds.at("tiktok", 0).id;
  const auto token_requests = static_cast<int64_t>(count_path(server.hits(), "/v2/oauth/token/"));
  const auto charged = static_cast<int64_t>(server.hits().size()) - token_requests;
  CHECK(charged > 0);
  CHECK((*store)->units_used(id, "2024-02-10").value() == charged);
  CHECK((*store)->units_used(id, "2024-02-09").value() == 0);
}

TEST_CASE("tiktok: --comments lists comments of videos that have some", "[tiktok]") {
  FakeTiktokConfig cfg = fake_config();
  cfg.videos = 4;
  cfg.comments_per_video = 3;
  FakeTiktokServer server(cfg);
  Harness h(server);
  h.opts.task.comments = true;
  h.opts.task.comments_per_video = 2;  // capped below the 3 available
  RunResult r = h.run({tiktok_account("calon0")});
  CHECK(r.stats.accounts_ok == 1);
  const auto ids = ids_of(h.sink.raws);
  int comments = 0;
  for (const auto& [id, n] : ids) comments += id.rfind("comment/", 0) == 0;
  CHECK(comments == 4 * 2);
  const auto hits = server.hits();
  CHECK(count_path(hits, "/v2/research/video/comment/list/") == 4);
  std::set<std::string> videos;
  for (const auto& hit : hits) {
    if (hit.path != "/v2/research/video/comment/list/") continue;
    // video_id goes out as a bare integer, digit for digit.
    const std::string prefix = "{\"video_id\":";
    REQUIRE(hit.body.rfind(prefix, 0) == 0);
    videos.insert(hit.body.substr(prefix.size(), hit.body.find(',') - prefix.size()));
    CHECK(hit.body.find("\"max_count\":2") != std::string::npos);
  }
  CHECK(videos ==
        std::set<std::string>{FakeTiktokServer::video_id(0), FakeTiktokServer::video_id(1),
                              FakeTiktokServer::video_id(2), FakeTiktokServer::video_id(3)});
  for (const auto& raw : h.sink.raws) {
    if (raw.find("\"endpoint\":\"comment_list\"") == std::string::npos) continue;
    CHECK(raw.find("/v2/research/video/comment/list/?fields=id,video_id,text") !=
          std::string::npos);
  }
}

TEST_CASE("tiktok: no secret or token in records, messages, state or recordings", "[tiktok]") {
  FakeTiktokServer server(fake_config());
  const std::string db = temp_path("secrets.db");
  const std::string dir = temp_path("record");
  REQUIRE(std::system(("rm -rf " + dir).c_str()) == 0);
  auto store = StateStore::open(db);
  REQUIRE(store);
  server.set_fault([&](const httplib::Request&, httplib::Response&, int64_t n) {
    if (n == 4) server.revoke_tokens();  // a second token comes into play
    return false;
  });
  Harness h(server);
  h.state = store->get();
  h.record_dir = dir;
  auto list = accounts(2);
  list.push_back(tiktok_account("deadcalon"));
  RunResult r = h.run(list);
  CHECK(r.stats.accounts_ok == 2);
  store->reset();  // close the database
  const auto tokens = server.tokens_issued();
  REQUIRE(tokens.size() == 2u);
  std::vector<std::string> texts = h.sink.raws;
  texts.insert(texts.end(), h.sink.errors.begin(), h.sink.errors.end());
  texts.insert(texts.end(), h.observer.notices.begin(), h.observer.notices.end());
  texts.insert(texts.end(), h.observer.failures.begin(), h.observer.failures.end());
  for (const char* suffix : {"", "-wal"}) texts.push_back(pantau::test::read_file(db + suffix));
  int recorded = 0;
  {
    FILE* ls = ::popen(("ls " + dir).c_str(), "r");
    REQUIRE(ls != nullptr);
    char name[256];
    while (std::fgets(name, sizeof name, ls) != nullptr) {
      std::string n(name);
      n.pop_back();
      texts.push_back(pantau::test::read_file(dir + "/" + n));
      ++recorded;
    }
    ::pclose(ls);
  }
  CHECK(recorded >= 6);
  for (const auto& t : texts) {
    CHECK(t.find(kSecret) == std::string::npos);
    CHECK(t.find(kKey) == std::string::npos);
    for (const auto& token : tokens) CHECK(t.find(token) == std::string::npos);
    CHECK(t.find("/oauth/token/") == std::string::npos);  // the token exchange is not recorded
  }

  SECTION("and the recording replays offline, request bodies and all") {
    auto replay = ReplayTransport::open(dir);
    REQUIRE(replay);
    EngineOptions o = h.opts;
    o.placeholder_credentials = true;
    CredentialPool none;
    MemorySink sink;
    Recorder obs;
    TestClock clock;
    Engine e(o, make_adapters(), **replay, none, nullptr, clock, sink, obs);
    REQUIRE(e.configure().ok());
    RunResult rr = e.run(list, nullptr);
    CHECK(rr.stats.accounts_ok == 2);
    CHECK(ids_of(sink.raws) == ids_of(h.sink.raws));
  }
  std::system(("rm -rf " + dir).c_str());
}

TEST_CASE("tiktok: TokenCache fetches once, renews before expiry and after a 401", "[tiktok]") {
  TokenCache cache;
  std::string token;
  uint64_t gen = 0;
  CHECK(cache.get(0, 0, &token, &gen) == TokenCache::Want::kFetch);
  CHECK(cache.get(0, 0, &token, &gen) == TokenCache::Want::kWait);  // one fetch at a time
  cache.store(0, AccessToken{"t1", 7200 * 1000}, 0);
  CHECK(cache.get(0, 1000, &token, &gen) == TokenCache::Want::kUse);
  CHECK(token == "t1");
  const uint64_t first = gen;
  // Renewed when less than 5 minutes are left.
  CHECK(cache.get(0, (7200 - 301) * 1000, &token, &gen) == TokenCache::Want::kUse);
  CHECK(cache.get(0, (7200 - 300) * 1000, &token, &gen) == TokenCache::Want::kFetch);
  cache.store(0, AccessToken{"t2", 7200 * 1000}, 7000 * 1000);
  CHECK(cache.get(0, 7000 * 1000, &token, &gen) == TokenCache::Want::kUse);
  CHECK(token == "t2");
  // A 401 on a request sent with the old token does not throw the new one away.
  cache.invalidate(0, first);
  CHECK(cache.get(0, 7000 * 1000, &token, &gen) == TokenCache::Want::kUse);
  cache.invalidate(0, gen);
  CHECK(cache.get(0, 7000 * 1000, &token, &gen) == TokenCache::Want::kFetch);
  cache.fetch_failed(0);
  CHECK(cache.get(0, 7000 * 1000, &token, &gen) == TokenCache::Want::kFetch);
  // A short-lived token is renewed at half its life, not at once.
  cache.store(1, AccessToken{"s", 60 * 1000}, 0);
  CHECK(cache.get(1, 29 * 1000, &token, &gen) == TokenCache::Want::kUse);
  CHECK(cache.get(1, 30 * 1000, &token, &gen) == TokenCache::Want::kFetch);
}

TEST_CASE("tiktok: token responses and requests", "[tiktok]") {
  HttpResponse ok;
  ok.status = 200;
  ok.body = R"({"access_token":"clt.abc","expires_in":7200,"token_type":"Bearer"})";
  auto t = parse_token_response(ok);
  REQUIRE(t);
  CHECK(t->value == "clt.abc");
  CHECK(t->lifetime_ms == 7200 * 1000);
  HttpResponse refused;
  refused.status = 200;  // TikTok answers some refusals with 200
  refused.body =
      R"({"error":"invalid_client","error_description":"Client key or secret is incorrect.","log_id":"x"})";
  auto bad = parse_token_response(refused);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message == "invalid_client");
  CHECK(classify_token_failure(refused) == Failure::kAuth);
  refused.status = 429;
  CHECK(classify_token_failure(refused) == Failure::kRateLimited);
  refused.status = 503;
  CHECK(classify_token_failure(refused) == Failure::kRetry);

  AuthSpec auth = make_tiktok_adapter()->auth();
  Credential c;
  c.client_key = "k&1";
  c.secret = "s=2";
  HttpRequest req = token_request(auth, "https://open.tiktokapis.com", c);
  CHECK(req.method == "POST");
  CHECK(req.url == "https://open.tiktokapis.com/v2/oauth/token/");
  CHECK(req.body == "client_key=k%261&client_secret=s%3D2&grant_type=client_credentials");
  CHECK(req.sensitive);
}

TEST_CASE("tiktok: client key and secret pair up from the environment or a file", "[tiktok]") {
  CredentialPool pool;
  REQUIRE(pool.add_pairs("tiktok", "k1,k2", "s1,s2").ok());
  REQUIRE(pool.count("tiktok") == 2);
  CHECK(pool.at("tiktok", 1).client_key == "k2");
  CHECK(pool.at("tiktok", 1).secret == "s2");
  CHECK_FALSE(pool.add_pairs("tiktok", "k1,k2", "s1").ok());

  const std::string path = temp_path("creds");
  {
    std::ofstream f(path);
    f << "# tiktok research project\nPANTAU_TIKTOK_CLIENT_KEY=file-key\n"
         "PANTAU_TIKTOK_CLIENT_SECRET=file-secret\n";
  }
  ::chmod(path.c_str(), 0600);
  CredentialPool from_file;
  REQUIRE(from_file.load_file(path).ok());
  REQUIRE(from_file.count("tiktok") == 1);
  CHECK(from_file.at("tiktok", 0).client_key == "file-key");
  CHECK(from_file.at("tiktok", 0).secret == "file-secret");
  const auto secrets = from_file.all_secrets();
  CHECK(std::find(secrets.begin(), secrets.end(), "file-key") != secrets.end());
  {
    std::ofstream f(path);
    f << "PANTAU_TIKTOK_CLIENT_KEY=a,b\nPANTAU_TIKTOK_CLIENT_SECRET=only-one\n";
  }
  CredentialPool mismatched;
  auto s = mismatched.load_file(path);
  REQUIRE_FALSE(s.ok());
  CHECK(s.message().find("only-one") == std::string::npos);
  std::remove(path.c_str());

  ::setenv("PANTAU_TEST_TT_KEY", "env-key", 1);
  ::setenv("PANTAU_TEST_TT_SECRET", "env-secret", 1);
  CredentialPool env;
  REQUIRE(env.load_env_pairs("tiktok", "PANTAU_TEST_TT_KEY", "PANTAU_TEST_TT_SECRET").ok());
  REQUIRE(env.count("tiktok") == 1);
  CHECK(env.at("tiktok", 0).client_key == "env-key");
  ::unsetenv("PANTAU_TEST_TT_SECRET");
  CredentialPool half;
  CHECK_FALSE(half.load_env_pairs("tiktok", "PANTAU_TEST_TT_KEY", "PANTAU_TEST_TT_SECRET").ok());
  ::unsetenv("PANTAU_TEST_TT_KEY");
}

TEST_CASE("tiktok: a POST exchange's key includes its body", "[tiktok]") {
  const std::string url = "https://open.tiktokapis.com/v2/research/video/query/?fields=id";
  const std::string a = exchange_key("POST", url, R"({"cursor":0})");
  const std::string b = exchange_key("POST", url, R"({"cursor":100})");
  CHECK(a != b);
  CHECK(exchange_key("GET", url, "") == canonical_request_line("GET", url));
  HttpResponse r;
  r.status = 200;
  r.body = "{}";
  auto parsed = parse_exchange(format_exchange(b, r));
  REQUIRE(parsed);
  CHECK(parsed->request_line == b);
  CHECK(exchange_key("POST", url, "a\nb").find("request-body-sha256: ") != std::string::npos);
}
