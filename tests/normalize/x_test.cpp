#include <catch2/catch.hpp>

#include "normalize_test_support.h"

namespace pantau::test {
namespace {

TEST_CASE("x users_tweets page with includes: handles - reposts - replies - entities") {
  Run run = normalize_text(
      raw_line("x", "users_tweets", fixture("x/twarc_users_tweets_expanded_page.json")));
  REQUIRE(run.errors.empty());
  REQUIRE(run.records.size() == 100);
  const std::string& r = run.records[0];
  CHECK(at(r, "/id") == "x:1257786232978968578");
  CHECK(at(r, "/type") == "repost");
  CHECK(at(r, "/parent") == "x:1257755870282334208");
  CHECK(at(r, "/author/handle") == "PhillyNEFL");
  CHECK(at(r, "/url") == "https://x.com/PhillyNEFL/status/1257786232978968578");
  CHECK(at(r, "/created_at") == "2020-05-05T21:36:21Z");
  CHECK(at(r, "/hashtags") == R"(["Year16"])");
  CHECK(at(r, "/lang") == "null");  // "und"
  CHECK(at(r, "/metrics/shares") == "732");
  CHECK(at(r, "/text").find("RT @") == std::string::npos);  // the original's full text
  size_t replies = 0;
  for (const auto& rec : run.records) replies += at(rec, "/type") == "reply";
  CHECK(replies > 0);
}

TEST_CASE("a twarc2 line is detected and carries its own url and time") {
  std::string page = fixture("x/twarc_tweets_lookup_media.json");
  Run run = normalize_text(page);
  REQUIRE(run.errors.empty());
  REQUIRE(!run.records.empty());
  const std::string& r = run.records[0];
  CHECK(at(r, "/source/format") == "twarc2");
  CHECK(at(r, "/source/request_url").rfind("https://api.twitter.com/2/", 0) == 0);
  CHECK(at(r, "/source/fetched_at") != "null");
  CHECK(at(r, "/media/0/type") != "(missing)");
}

TEST_CASE("an x post that quotes and replies is a reply to its parent") {
  Run run = normalize_text(fixture("x/twarc_tweets_lookup_quote_edited.json"));
  REQUIRE(run.errors.empty());
  REQUIRE(run.records.size() == 1);
  CHECK(at(run.records[0], "/type") == "reply");
  CHECK(at(run.records[0], "/parent") == "x:1576994789110992896");
}

TEST_CASE("an x quote post") {
  Run run = normalize_text(raw_line(
      "x", "users_tweets",
      R"({"data":[{"id":"5","text":"lihat ini &amp; itu","referenced_tweets":[{"type":"quoted","id":"4"}]}],"meta":{}})"));
  REQUIRE(run.records.size() == 1);
  CHECK(at(run.records[0], "/type") == "quote");
  CHECK(at(run.records[0], "/parent") == "x:4");
  CHECK(at(run.records[0], "/text") == "lihat ini & itu");
}

TEST_CASE("a malformed x page is an error naming where it breaks; the next page is read") {
  const std::string bad = R"({"data":[{"id":"1","text":"satu"},{"id":"2" "text":"dua"}]})";
  const std::string cut = R"({"data":[{"id":"3","text":"tiga"},{"id":"4","te)";
  const std::string good = R"({"data":[{"id":"5","text":"lima"}]})";
  Run run = normalize_text(raw_line("x", "users_tweets", bad) + "\n" +
                           raw_line("x", "users_tweets", cut) + "\n" +
                           raw_line("x", "users_tweets", good) + "\n");
  REQUIRE(run.errors.size() == 2);
  INFO(run.errors[0]);
  // Byte 45 is where "text" follows "2" without a comma.
  CHECK(run.errors[0].find("x response: malformed JSON at byte 45") != std::string::npos);
  CHECK(run.errors[1].find("not valid JSON") != std::string::npos);  // unclosed string
  CHECK(!record_with_id(run, "x:5").empty());
}

TEST_CASE("an x page nested 100,000 deep in a field we skip is read without recursion") {
  const std::string deep(100000, '[');
  const std::string body = R"({"data":[{"id":"6","text":"enam","x":)" + deep +
                           std::string(100000, ']') + R"(}],"meta":{}})";
  Run run = normalize_text(raw_line("x", "users_tweets", body));
  CHECK(run.errors.empty());
  CHECK(at(record_with_id(run, "x:6"), "/text") == "enam");
  // Unbalanced: the skip runs off the end and the page is an error, not a crash.
  Run cut = normalize_text(raw_line("x", "users_tweets", R"({"data":[{"id":"7","x":)" + deep));
  CHECK(cut.errors.size() == 1);
}

}  // namespace
}  // namespace pantau::test
