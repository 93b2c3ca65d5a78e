// The Instagram business_discovery adapter through the engine against FakeGraphServer
// replaying the real python-facebook recordings: paging by the media cursor nested in the field
// expression, a cursor that does not move, incremental runs, resume, unknown and personal
// accounts (110/2207013), throttling, and a missing PANTAU_INSTAGRAM_USER_ID.
#include <httplib.h>

#include <catch2/catch.hpp>

#include <atomic>

#include "graph_test_harness.h"
#include "pantau/fetch/plan.h"

using namespace pantau;
using namespace pantau::fetch;
using namespace pantau::fetch::test;

namespace {

Account ig_account() { return meta_account("instagram", "facebookfordevelopers"); }

}  // namespace

TEST_CASE("instagram: every media item arrives once, paging by media.after()", "[instagram]") {
  FakeGraphServer server(meta_fixture_dir());
  GraphHarness h(server);
  RunResult r = h.run({ig_account()});
  CHECK(r.end == RunEnd::kDone);
  CHECK(r.stats.accounts_ok == 1);
  CHECK(h.sink.errors.empty());
  auto ids = listed_ids(h.sink.raws);
  CHECK(ids.size() == 4u);
  for (const auto& [id, n] : ids) CHECK(n == 1);
  // Page 2's after cursor is page 1's again (sanitised fixture): paging stops, no loop.
  auto hits = server.hits();
  REQUIRE(hits.size() == 2u);
  CHECK(hits[0].path.rfind(std::string("/v19.0/") + kOwnIgUserId + "?", 0) == 0);
  CHECK(hits[0].path.find("fields=business_discovery.username(") != std::string::npos);
  CHECK(hits[0].path.find("business_discovery.username(facebookfordevelopers){id,username,"
                          "followers_count,media_count,media.limit(50){id,caption") !=
        std::string::npos);
  CHECK(hits[1].path.find("media.limit(50).after(after){") != std::string::npos);
  for (const auto& hit : hits) CHECK(hit.access_token == kInstagramToken);
  for (const auto& raw : h.sink.raws) {
    CHECK(raw.find("\"endpoint\":\"business_discovery\"") != std::string::npos);
    CHECK(raw.find(kInstagramToken) == std::string::npos);
    CHECK(raw.find("access_token=REDACTED") != std::string::npos);
  }
}

TEST_CASE("instagram: a rerun stops at the high-water mark", "[instagram]") {
  FakeGraphServer server(meta_fixture_dir());
  const std::string db = temp_path("ig-incr.db");
  auto store = StateStore::open(db);
  REQUIRE(store);
  GraphHarness first(server);
  first.state = store->get();
  first.run({ig_account()});
  auto st = (*store)->load(ig_account().key);
  REQUIRE(st);
  CHECK(st->platform_id == "17841407673135339");  // business_discovery.id
  CHECK(st->newest_id == "17885103395504675");
  server.set_new_posts(2);
  GraphHarness second(server);
  second.state = store->get();
  RunResult r = second.run({ig_account()});
  CHECK(r.stats.accounts_ok == 1);
  CHECK(server.hits().size() == 3u);  // one page
  CHECK(r.stats.posts == 2);
  st = (*store)->load(ig_account().key);
  REQUIRE(st);
  CHECK(st->newest_id == "17990000000000002");
  GraphHarness third(server);
  third.state = store->get();
  RunResult r3 = third.run({ig_account()});
  CHECK(r3.stats.posts == 0);
  CHECK(third.sink.raws.empty());
}

TEST_CASE("instagram: an interrupted run resumes with the saved cursor", "[instagram]") {
  FakeGraphServer server(meta_fixture_dir());
  const std::string db = temp_path("ig-resume.db");
  auto store = StateStore::open(db);
  REQUIRE(store);
  GraphHarness first(server);
  first.state = store->get();
  first.opts.concurrency = 1;
  first.stop = [&] { return first.sink.raws.size() >= 1; };
  CHECK(first.run({ig_account()}).end == RunEnd::kInterrupted);
  GraphHarness second(server);
  second.state = store->get();
  CHECK(second.run({ig_account()}).end == RunEnd::kDone);
  auto hits = server.hits();
  REQUIRE(hits.size() == 2u);
  CHECK(hits[1].path.find(".after(after)") != std::string::npos);
  std::vector<std::string> all = first.sink.raws;
  all.insert(all.end(), second.sink.raws.begin(), second.sink.raws.end());
  auto ids = listed_ids(all);
  CHECK(ids.size() == 4u);
  for (const auto& [id, n] : ids) CHECK(n == 1);
}

TEST_CASE("instagram: unknown or personal accounts fail alone, throttling is retried",
          "[instagram]") {
  FakeGraphServer server(meta_fixture_dir());
  const std::string throttled = server.fixture("fb_error_4_rate_limit.json");
  std::atomic<int> throttles{0};
  server.set_fault([&](const httplib::Request& req, httplib::Response& res, int64_t) {
    if (req.get_param_value("fields").find("facebookfordevelopers") == std::string::npos ||
        throttles >= 2) {
      return false;
    }
    ++throttles;
    res.status = 400;
    res.set_content(throttled, "application/json");
    return true;
  });
  GraphHarness h(server);
  RunResult r = h.run({meta_account("instagram", "pantau_no_such_user"), ig_account()});
  CHECK(r.stats.accounts_ok == 1);
  CHECK(r.stats.accounts_failed == 1);
  CHECK(r.stats.rate_waits >= 2);
  CHECK(listed_ids(h.sink.raws).size() == 4u);
  REQUIRE(h.sink.errors.size() == 1u);
  CHECK(h.sink.errors[0].find("account not found: code 110/2207013: Invalid user id") !=
        std::string::npos);
  CHECK(h.sink.errors[0].find("\"retryable\":false") != std::string::npos);
}

TEST_CASE("instagram: without PANTAU_INSTAGRAM_USER_ID nothing is requested", "[instagram]") {
  FakeGraphServer server(meta_fixture_dir());
  GraphHarness h(server);
  h.ig_user_id = "";
  RunResult r = h.run({ig_account(), meta_account("facebook", "FacebookforDevelopers")});
  CHECK(r.stats.accounts_ok == 1);  // Facebook goes on
  CHECK(r.stats.accounts_failed == 1);
  for (const auto& hit : server.hits())
    CHECK(hit.path.find("business_discovery") == std::string::npos);
  REQUIRE(h.sink.errors.size() == 1u);
  CHECK(h.sink.errors[0].find("PANTAU_INSTAGRAM_USER_ID is not set") != std::string::npos);
  REQUIRE_FALSE(h.observer.notices.empty());
  CHECK(h.observer.notices[0].find("instagram: PANTAU_INSTAGRAM_USER_ID is not set") == 0);
}

TEST_CASE("instagram: registry forms of an account", "[instagram]") {
  for (const char* text : {"https://www.instagram.com/facebookfordevelopers/",
                           "instagram.com/facebookfordevelopers", "@facebookfordevelopers"}) {
    Account a;
    a.platform = "instagram";
    a.role = "candidate";
    REQUIRE(complete_account(&a, text).ok());
    CHECK(a.handle == "facebookfordevelopers");
  }
  Account post;
  post.platform = "instagram";
  post.role = "candidate";
  CHECK_FALSE(complete_account(&post, "https://www.instagram.com/p/CSr71Gzlqo4/").ok());
}

TEST_CASE("instagram: --dry-run warns when PANTAU_INSTAGRAM_USER_ID is missing", "[instagram]") {
  for (const std::string id : {"", kOwnIgUserId}) {
    std::vector<std::unique_ptr<Adapter>> adapters;
    adapters.push_back(make_instagram_adapter(id));
    CredentialPool creds;
    creds.add("instagram", kInstagramToken);
    MemorySink sink;
    Recorder observer;
    SystemClock clock;
    CurlTransport curl(CurlTransport::Options{});
    Engine e(EngineOptions{}, std::move(adapters), curl, creds, nullptr, clock, sink, observer);
    REQUIRE(e.configure().ok());
    const std::vector<Account> accounts{ig_account()};
    const std::string text =
        format_plan(make_plan(accounts, e, creds, nullptr, PlanOptions{}), PlanOptions{});
    INFO(text);
    CHECK((text.find("warning: instagram: PANTAU_INSTAGRAM_USER_ID is not set") !=
           std::string::npos) == id.empty());
  }
}
