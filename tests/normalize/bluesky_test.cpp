#include <catch2/catch.hpp>

#include "normalize_test_support.h"

namespace pantau::test {
namespace {

TEST_CASE("bluesky author feed: facets - repost - reply - quote - images - link card") {
  Run run = normalize_text(
      raw_line("bluesky", "getAuthorFeed", fixture("bluesky/author_feed_mixed.json")));
  REQUIRE(run.errors.empty());
  REQUIRE(run.records.size() == 5);
  const std::string& p = run.records[0];
  CHECK(at(p, "/id") == "bluesky:did:plc:contohbudi0000000000000/3kcontoh001");
  CHECK(at(p, "/url") == "https://bsky.app/profile/budi.contoh.id/post/3kcontoh001");
  CHECK(at(p, "/mentions") == R"(["kabar.contoh.id"])");  // from the UTF-8 byte offsets
  CHECK(at(p, "/urls") == R"(["https://example.org/tps"])");
  CHECK(at(p, "/hashtags") == R"(["Pemilu2024"])");
  CHECK(at(p, "/lang") == "id");
  CHECK(at(p, "/media/0/type") == "photo");
  const std::string& repost = run.records[1];
  CHECK(at(repost, "/type") == "repost");
  CHECK(at(repost, "/author/handle") == "budi.contoh.id");
  CHECK(at(repost, "/parent") == "bluesky:did:plc:kabarcontoh000000000000/3kkabar0042");
  CHECK(at(repost, "/created_at") == "2024-02-11T09:30:00Z");
  CHECK(at(run.records[2], "/type") == "reply");
  CHECK(at(run.records[3], "/type") == "quote");
  CHECK(at(run.records[4], "/media/0/type") == "link");
}

TEST_CASE("bluesky getAuthorFeed from libphpsky (MIT fixture)") {
  Run run = normalize_text(
      raw_line("bluesky", "getAuthorFeed", fixture("bluesky/libphpsky_getAuthorFeed.json")));
  REQUIRE(run.errors.empty());
  REQUIRE(run.records.size() == 1);
  CHECK(at(run.records[0], "/author/handle") == "bsky.app");
  CHECK(at(run.records[0], "/created_at") == "2025-01-17T21:08:17.119Z");
}

}  // namespace
}  // namespace pantau::test
