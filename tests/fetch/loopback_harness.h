// A fetch-accounts engine run against a loopback server, for the adapter tests (X, Telegram):
// records go to memory, state to an optional SQLite file, requests through the real libcurl
// transport. Small retry delays so fault tests run in well under a second.
#pragma once

#include <unistd.h>

#include <catch2/catch.hpp>

#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "engine_doubles.h"
#include "pantau/fetch/curl_transport.h"
#include "pantau/fetch/engine.h"
#include "pantau/fetch/registry.h"
#include "pantau/fetch/state_store.h"
#include "test_support.h"

namespace pantau::fetch::test {

struct LoopbackRun {
  EngineOptions opts;
  CredentialPool creds;
  StateStore* state = nullptr;
  MemorySink sink;
  Recorder observer;
  std::function<bool()> stop;

  LoopbackRun(const std::string& platform, const std::string& base) {
    opts.concurrency = 4;
    opts.retry.base_ms = 20;
    opts.retry.max_backoff_ms = 200;
    opts.retry.max_attempts = 6;
    opts.timeout_ms = 3000;
    opts.seed = 7;
    opts.tool_version = "pantau-fetch-accounts test";
    opts.api_base[platform] = base;
  }

  RunResult run(const std::vector<Account>& accounts) {
    CurlTransport t(CurlTransport::Options{});
    SystemClock clock;
    Engine e(opts, make_adapters(), t, creds, state, clock, sink, observer);
    Status s = e.configure();
    REQUIRE(s.ok());
    return e.run(accounts, stop);
  }

  // Every line this run wrote or told: raw and error records, notices, failures.
  std::string everything() const {
    std::string all;
    for (const auto* v : {&sink.raws, &sink.errors, &observer.notices, &observer.failures}) {
      for (const auto& s : *v) all += s + "\n";
    }
    return all;
  }
};

inline Account registry_account(const std::string& platform, const std::string& handle_or_url) {
  Account a;
  a.platform = platform;
  a.role = "candidate";
  const bool url = handle_or_url.find("://") != std::string::npos;
  if (!url) a.handle = handle_or_url;
  auto st = complete_account(&a, url ? handle_or_url : "");
  REQUIRE(st.ok());
  return a;
}

// A fresh SQLite path in the scratch directory, removed (with its WAL files) at scope end.
struct TempDb {
  std::string path;
  explicit TempDb(const std::string& name) : path(pantau::test::scratch_path(name + ".db")) {
    remove_all();
  }
  ~TempDb() { remove_all(); }
  TempDb(const TempDb&) = delete;
  TempDb& operator=(const TempDb&) = delete;
  void remove_all() const {
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
  }
};

// The bytes of the database and its write-ahead log, for "no secret in the state" checks.
inline std::string db_bytes(const std::string& path) {
  return pantau::test::read_file(path) + pantau::test::read_file(path + "-wal");
}

}  // namespace pantau::fetch::test
