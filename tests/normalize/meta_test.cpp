#include <catch2/catch.hpp>

#include "normalize_test_support.h"

namespace pantau::test {
namespace {

TEST_CASE("facebook page feed: +0000 times - reactions - shares - mentions - media") {
  Run run = normalize_text(
      raw_line("facebook", "page_posts", fixture("meta/fb_page_feed_full_fields_page1.json")));
  REQUIRE(run.errors.empty());
  REQUIRE(run.records.size() == 5);
  const std::string& r = run.records[0];
  CHECK(at(r, "/id") == "facebook:19292868552_10158349356748553");
  CHECK(at(r, "/created_at") == "2021-07-09T19:09:52Z");
  CHECK(at(r, "/author/id") == "19292868552");
  CHECK(at(r, "/url") == "https://www.facebook.com/19292868552/posts/10158349356748553/");
  CHECK(at(r, "/metrics/likes") == "125");
  CHECK(at(r, "/metrics/comments") == "13");
  CHECK(at(r, "/metrics/shares") == "10");
  CHECK(at(r, "/mentions") == R"(["Ninja Van Singapore","Messenger"])");
  CHECK(at(r, "/media/0/type") == "photo");
  CHECK(at(r, "/urls") == R"(["https://fb.me/Ninja-Van-Success-Story"])");
}

TEST_CASE("facebook comments without ids take them from the permalink") {
  Run run = normalize_text(
      raw_line("facebook", "post_comments", fixture("meta/fb_post_comments_page1.json")));
  REQUIRE(run.errors.empty());
  REQUIRE(!run.records.empty());
  CHECK(at(run.records[0], "/type") == "comment");
  CHECK(at(run.records[0], "/id") == "facebook:19292868552_10158407654328553_10158407835073553");
  CHECK(at(run.records[0], "/parent") == "facebook:19292868552_10158407654328553");
}

// A reply's permalink carries both comment_id (the comment answered) and reply_comment_id (the
// reply itself): the reply must get its own id, or --dedup drops it as its parent's repeat.
TEST_CASE("facebook replies are their own posts, children of the comment they answer") {
  const std::string body =
      R"({"data":[{"message":"setuju","created_time":"2024-02-01T01:00:00+0000",)"
      R"("permalink_url":"https://www.facebook.com/111/posts/222/?comment_id=333&reply_comment_id=444"},)"
      R"({"message":"komentar","created_time":"2024-02-01T00:00:00+0000",)"
      R"("permalink_url":"https://www.facebook.com/111/posts/222/?comment_id=333"}]})";
  Run run = normalize_text(raw_line("facebook", "post_comments", body));
  REQUIRE(run.errors.empty());
  REQUIRE(run.records.size() == 2);
  CHECK(at(run.records[0], "/id") == "facebook:111_222_444");
  CHECK(at(run.records[0], "/type") == "reply");
  CHECK(at(run.records[0], "/parent") == "facebook:111_222_333");
  CHECK(at(run.records[1], "/id") == "facebook:111_222_333");
  CHECK(at(run.records[1], "/type") == "comment");
  CHECK(at(run.records[1], "/parent") == "facebook:111_222");
}

TEST_CASE("instagram business_discovery media") {
  Run run = normalize_text(raw_line("instagram", "business_discovery",
                                    fixture("meta/ig_business_discovery_media_page1.json")));
  REQUIRE(run.errors.empty());
  REQUIRE(!run.records.empty());
  const std::string& r = run.records[0];
  CHECK(at(r, "/id") == "instagram:17885103395504675");
  CHECK(at(r, "/created_at") == "2021-08-17T19:00:42Z");
  CHECK(at(r, "/url") == "https://www.instagram.com/p/CSr71Gzlqo4/");
  CHECK(at(r, "/metrics/likes") == "87");
  CHECK(at(r, "/media/0/type") == "photo");
}

TEST_CASE("instagram carousel: the media list holds every child") {
  Run run =
      normalize_text(raw_line("instagram", "media", fixture("meta/ig_user_media_carousel.json")));
  REQUIRE(run.errors.empty());
  REQUIRE(run.records.size() == 2);
  const std::string& r = run.records[0];
  CHECK(at(r, "/id") == "instagram:17900000000000001");
  CHECK(
      at(r, "/media") ==
      R"([{"type":"photo","url":"https://cdn.example.invalid/ig/child1.jpg","duration":null},)"
      R"({"type":"video","url":"https://cdn.example.invalid/ig/child2.mp4","duration":null},)"
      R"({"type":"video","url":"https://cdn.example.invalid/ig/child3_thumb.jpg","duration":null}])");
  // Not a carousel: its one media_url.
  CHECK(at(run.records[1], "/media") ==
        R"([{"type":"photo","url":"https://cdn.example.invalid/ig/single.jpg","duration":null}])");
}

TEST_CASE("a Facebook recheck's 'not there' answer is no failed request") {
  // fetch-accounts --recheck keeps Graph's answer for a post that is gone (803, or 100/33 as
  // 400) beside the status record it wrote; normalize must not make it a failed request too.
  const std::string gone =
      R"({"error":{"message":"(#803) Some of the aliases you requested do not exist: 1_2",)"
      R"("type":"OAuthException","code":803,"fbtrace_id":"AbC"}})";
  Run run = normalize_text(raw_line("facebook", "posts_by_id", gone, 404) + "\n" +
                           raw_line("facebook", "posts_by_id", gone, 400) + "\n");
  CHECK(run.errors.empty());
  CHECK(run.records.empty());
  // The same answer to a page's listing is a failed request, as before.
  Run listing = normalize_text(raw_line("facebook", "page_posts", gone, 400) + "\n");
  REQUIRE(listing.records.size() == 1);
  CHECK(at(listing.records[0], "/kind") == "error");
}

}  // namespace
}  // namespace pantau::test
