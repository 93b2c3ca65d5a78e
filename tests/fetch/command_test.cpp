// The `command` source: an external collector run per account under the engine's budgets,
// timeouts, retries and isolation, against a stand-in that prints yt-dlp and gallery-dl output
// and fails, hangs or prints garbage on request.
#include <unistd.h>

#include <catch2/catch.hpp>

#include <filesystem>

#include "engine_doubles.h"
#include "pantau/fetch/command_transport.h"
#include "pantau/fetch/engine.h"
#include "pantau/fetch/registry.h"
#include "test_support.h"

using namespace pantau;
using namespace pantau::fetch;
using pantau::fetch::test::MemorySink;

namespace {

std::string collector() { return pantau::test::data_dir() + "/fetch/collectors/fake-collector"; }

Account tiktok(const std::string& user) {
  Account a;
  a.platform = "tiktok";
  a.handle = user;
  a.role = "candidate";
  REQUIRE(complete_account(&a, "").ok());
  return a;
}

bool has(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("command templates split without a shell", "[command]") {
  auto argv = split_command_template("yt-dlp -J --flat-playlist '{url}' \"a b\" c\\ d");
  REQUIRE(argv);
  CHECK(*argv ==
        std::vector<std::string>{"yt-dlp", "-J", "--flat-playlist", "{url}", "a b", "c d"});
  CHECK_FALSE(split_command_template("yt-dlp 'open"));
  CHECK_FALSE(split_command_template("   "));
  const std::vector<std::string> v{"gallery-dl", "-j", "https://x/a b%"};
  CHECK(command_url(v) == "command:gallery-dl -j https://x/a%20b%25");
  CHECK(command_argv(command_url(v)) == v);
  auto version = command_first_line({collector(), "--version"}, 5000);
  REQUIRE(version);
  CHECK(*version == "2024.12.13");
  CHECK_FALSE(command_first_line({"/nonexistent/collector", "--version"}, 5000));
}

TEST_CASE("collectors run per account with provenance, failures isolated", "[command]") {
  const std::string state_dir = pantau::test::scratch_path("collector");
  std::filesystem::create_directories(state_dir);
  ::setenv("FAKE_COLLECTOR_STATE", state_dir.c_str(), 1);
  std::vector<Account> accounts{tiktok("ytdlp-ok"), tiktok("jsonl"), tiktok("gdl-ok"),
                                tiktok("fail"),     tiktok("hang"),  tiktok("garbage"),
                                tiktok("flaky")};
  CommandTransport commands;
  SystemClock clock;
  EngineObserver quiet;
  MemorySink sink;
  CredentialPool creds;
  EngineOptions o;
  o.concurrency = 4;
  o.timeout_ms = 700;
  o.retry.max_attempts = 2;
  o.retry.base_ms = 10;
  o.retry.max_backoff_ms = 20;
  o.seed = 3;
  std::vector<std::unique_ptr<Adapter>> adapters;
  adapters.push_back(make_command_adapter(
      CollectorSpec{"tiktok", {collector(), "-J", "--flat-playlist", "{url}"}, "2024.12.13"}));
  Engine e(o, std::move(adapters), commands, creds, nullptr, clock, sink, quiet);
  REQUIRE(e.configure().ok());
  RunResult r = e.run(accounts, nullptr);
  CHECK(r.stats.accounts_ok == 4);  // ytdlp-ok, jsonl, gdl-ok, flaky (second attempt)
  CHECK(r.stats.accounts_failed == 3);
  REQUIRE(sink.raws.size() == 4);
  const std::string& first = sink.raws[0];
  CHECK(has(first, "\"adapter\":\"command:fake-collector\""));
  CHECK(has(first, "\"endpoint\":\"fake-collector\""));
  CHECK(has(first, "\"status\":0"));
  CHECK(has(first, "\"x-collector-version\":\"2024.12.13\""));
  CHECK(has(first,
            "\"request_url\":\"" + collector() + " -J --flat-playlist https://www.tiktok.com/@"));
  REQUIRE(sink.errors.size() == 3);
  std::string all_errors;
  for (const auto& err : sink.errors) all_errors += err + "\n";
  CHECK(has(all_errors,
            "collector exited with status 1: WARNING: [TikTok] retrying ERROR: "
            "[tiktok:user] https://www.tiktok.com/@fail: Unable to extract"));
  CHECK(has(all_errors, "collector still running after 0 s: killed"));
  CHECK(has(all_errors, "collector output is not JSON"));
  CHECK(has(all_errors, "\"http_status\":null"));
  CHECK(r.stats.posts == 2 + 2 + 2 + 0);
  ::unsetenv("FAKE_COLLECTOR_STATE");
}

TEST_CASE("a collector that is not installed fails at once", "[command]") {
  CommandTransport commands;
  SystemClock clock;
  EngineObserver quiet;
  MemorySink sink;
  CredentialPool creds;
  EngineOptions o;
  std::vector<std::unique_ptr<Adapter>> adapters;
  adapters.push_back(make_command_adapter(
      CollectorSpec{"instagram", {"/nonexistent/gallery-dl", "-j", "{url}"}, "?"}));
  Engine e(o, std::move(adapters), commands, creds, nullptr, clock, sink, quiet);
  REQUIRE(e.configure().ok());
  Account a;
  a.platform = "instagram";
  a.handle = "calon";
  a.role = "candidate";
  REQUIRE(complete_account(&a, "").ok());
  RunResult r = e.run({a}, nullptr);
  CHECK(r.stats.accounts_failed == 1);
  REQUIRE(sink.errors.size() == 1);
  CHECK(has(sink.errors[0], "cannot run /nonexistent/gallery-dl"));
  CHECK(has(sink.errors[0], "\"attempts\":1"));
}
