#include <catch2/catch.hpp>

#include "normalize_test_support.h"

namespace pantau::test {
namespace {

TEST_CASE("mastodon statuses page: html content to text - server-qualified ids") {
  Run run = normalize_text(
      raw_line("mastodon", "statuses", fixture("mastodon/account_statuses_page1.json")));
  REQUIRE(run.errors.empty());
  REQUIRE(run.records.size() == 5);
  const std::string& r = run.records[0];
  CHECK(at(r, "/id") == "mastodon:api.example.invalid/117020580518794573");
  CHECK(at(r, "/text") == "Toot number 9!");
  CHECK(at(r, "/author/handle") == "mastodonpy_test@localhost:3000");
  CHECK(at(r, "/created_at").rfind("2026-08-01T", 0) == 0);
}

TEST_CASE("mastodon ids name the account's instance, not the address that answered") {
  // fetch-accounts --api-base (a proxy, a test server) asks another address for the account's
  // instance; the same post must keep the same id, or --dedup sees two posts.
  std::string line =
      raw_line("mastodon", "statuses", fixture("mastodon/account_statuses_page1.json"));
  auto replace = [&](std::string_view from, std::string_view to) {
    const size_t at = line.find(from);
    REQUIRE(at != std::string::npos);
    line.replace(at, from.size(), to);
  };
  replace("https://api.example.invalid/mastodon?key=REDACTED",
          "http://127.0.0.1:43117/api/v1/accounts/1/statuses");
  replace(R"("owner":"Budi")", R"("handle":"budi@Mastodon.Social","owner":"Budi")");
  Run run = normalize_text(line + "\n");
  REQUIRE(run.errors.empty());
  REQUIRE(run.records.size() == 5);
  CHECK(at(run.records[0], "/id") == "mastodon:mastodon.social/117020580518794573");
  CHECK(at(run.records[0], "/native_id") == "mastodon.social/117020580518794573");
}

TEST_CASE("mastodon reblog is a repost carrying the boosted text") {
  Run run =
      normalize_text(raw_line("mastodon", "statuses", fixture("mastodon/status_reblog.json")));
  REQUIRE(run.records.size() == 1);
  const std::string& r = run.records[0];
  CHECK(at(r, "/type") == "repost");
  CHECK(at(r, "/parent") == "mastodon:api.example.invalid/117020586019094258");
  CHECK(at(r, "/text") == "Toot!");
}

TEST_CASE("mastodon reply and media") {
  Run reply =
      normalize_text(raw_line("mastodon", "statuses", fixture("mastodon/status_reply.json")));
  REQUIRE(reply.records.size() == 1);
  CHECK(at(reply.records[0], "/type") == "reply");
  CHECK(at(reply.records[0], "/mentions") == R"(["mastodonpy_test_2"])");
  Run media = normalize_text(
      raw_line("mastodon", "statuses", fixture("mastodon/status_with_two_media.json")));
  REQUIRE(media.records.size() == 1);
  CHECK(at(media.records[0], "/media/0/type") == "photo");
  CHECK(at(media.records[0], "/media/1/type") == "photo");
}

TEST_CASE("mastodon empty last page gives nothing") {
  Run run = normalize_text(
      raw_line("mastodon", "statuses", fixture("mastodon/tag_timeline_page4_empty.json")));
  CHECK(run.errors.empty());
  CHECK(run.records.empty());
}

TEST_CASE("a bare mastodon status line is detected") {
  std::string status = fixture("mastodon/status_reply.json");
  std::string line;
  for (char c : status) {
    if (c != '\n') line.push_back(c);
  }
  Run run = normalize_text(line + "\n");
  REQUIRE(run.errors.empty());
  REQUIRE(run.records.size() == 1);
  CHECK(at(run.records[0], "/source/format") == "mastodon.status");
  CHECK(at(run.records[0], "/id").rfind("mastodon:localhost:3000/", 0) == 0);
  CHECK(at(run.records[0], "/source/raw_sha256").size() == 64);
  CHECK(at(run.records[0], "/account") == "null");
}

TEST_CASE("mastodon accounts/lookup pages resolve a handle and yield no posts") {
  // Found by the examples pipeline test: the account object was read as an empty status.
  Run run =
      normalize_text(raw_line("mastodon", "lookup", fixture("mastodon/accounts_lookup_200.json")));
  CHECK(run.errors.empty());
  CHECK(run.records.empty());
}

}  // namespace
}  // namespace pantau::test
