// What the Facebook and Instagram adapter tests share: the engine wired to the real curl
// transport, FakeGraphServer as both platforms' API base, records kept in memory, and the post
// ids of the listing pages among the raw records.
#pragma once

#include <simdjson.h>
#include <unistd.h>

#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine_doubles.h"
#include "fake_graph_server.h"
#include "pantau/fetch/curl_transport.h"
#include "pantau/fetch/engine.h"
#include "pantau/fetch/exchange_store.h"
#include "pantau/fetch/registry.h"
#include "pantau/fetch/state_store.h"
#include "test_support.h"

namespace pantau::fetch::test {

inline constexpr const char* kFacebookToken = "EAAGfbPageToken0123456789abcdef";
inline constexpr const char* kInstagramToken = "EAAGigUserToken9876543210fedcba";
inline constexpr const char* kOwnIgUserId = "17841406338772941";  // the fixtures' own account

inline std::string meta_fixture_dir() { return pantau::test::data_dir() + "/fixtures/api/meta"; }

inline Account meta_account(const std::string& platform, const std::string& handle) {
  Account a;
  a.platform = platform;
  a.role = "candidate";
  a.handle = handle;
  (void)complete_account(&a, "");
  return a;
}

struct GraphHarness {
  FakeGraphServer& server;
  EngineOptions opts;
  CredentialPool creds;
  StateStore* state = nullptr;
  MemorySink sink;
  Recorder observer;
  std::function<bool()> stop;
  std::string ig_user_id = kOwnIgUserId;
  std::string record_dir;  // non-empty: wrap the transport in a RecordingTransport

  explicit GraphHarness(FakeGraphServer& s) : server(s) {
    opts.concurrency = 4;
    opts.retry.base_ms = 20;
    opts.retry.max_backoff_ms = 200;
    opts.retry.max_attempts = 6;
    opts.timeout_ms = 3000;
    opts.seed = 7;
    opts.tool_version = "pantau-fetch-accounts test";
    for (const char* p : {"facebook", "instagram"}) {
      opts.api_base[p] = s.base();
      opts.rates[p] = RateSpec{1000, 1000, 0};  // the default 1/s would only slow the tests
    }
    creds.add("facebook", kFacebookToken);
    creds.add("instagram", kInstagramToken);
  }

  RunResult run(const std::vector<Account>& accounts) {
    CurlTransport curl(CurlTransport::Options{});
    std::unique_ptr<RecordingTransport> recording;
    Transport* t = &curl;
    if (!record_dir.empty()) {
      recording = std::make_unique<RecordingTransport>(curl, record_dir);
      t = recording.get();
    }
    SystemClock clock;
    std::vector<std::unique_ptr<Adapter>> adapters;
    adapters.push_back(make_facebook_adapter());
    adapters.push_back(make_instagram_adapter(ig_user_id));
    Engine e(opts, std::move(adapters), *t, creds, state, clock, sink, observer);
    Status s = e.configure();
    if (!s.ok()) throw std::runtime_error(s.message());
    return e.run(accounts, stop);
  }
};

// "<account key>/<post id>" of every post or media item in the page_posts and
// business_discovery raw records, with its multiplicity.
inline std::map<std::string, int> listed_ids(const std::vector<std::string>& raws) {
  std::map<std::string, int> out;
  simdjson::dom::parser p1, p2;
  for (const auto& line : raws) {
    simdjson::dom::element rec = p1.parse(line).value();
    std::string_view endpoint = rec["endpoint"].get_string().value();
    std::string_view key = rec["account"]["key"].get_string().value();
    const std::string body(rec["body"].get_string().value());
    simdjson::dom::element doc = p2.parse(body).value();
    auto add = [&](std::string_view id) { out[std::string(key) + "/" + std::string(id)]++; };
    if (endpoint == "page_posts") {
      for (auto it : doc["data"].get_array()) add(it["id"].get_string());
    } else if (endpoint == "business_discovery") {
      for (auto it : doc["business_discovery"]["media"]["data"].get_array()) {
        add(it["id"].get_string());
      }
    }
  }
  return out;
}

inline std::string temp_path(const std::string& name) {
  const std::string path = pantau::test::scratch_path("graph-" + name);
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
  return path;
}

}  // namespace pantau::fetch::test
