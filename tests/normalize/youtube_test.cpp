#include <catch2/catch.hpp>

#include "normalize_test_support.h"

namespace pantau::test {
namespace {

TEST_CASE("youtube videos: ids - counts from strings - duration - title apart from text") {
  Run run = normalize_text(
      raw_line("youtube", "videos", fixture("youtube/videos_list_with_statistics.json")));
  REQUIRE(run.errors.empty());
  REQUIRE(run.records.size() == 1);
  const std::string& r = run.records[0];
  CHECK(at(r, "/kind") == "post");
  CHECK(at(r, "/id") == "youtube:D-lhorsDlUQ");
  CHECK(at(r, "/native_id") == "D-lhorsDlUQ");
  CHECK(at(r, "/url") == "https://www.youtube.com/watch?v=D-lhorsDlUQ");
  CHECK(at(r, "/type") == "video");
  CHECK(at(r, "/created_at") == "2019-03-21T20:37:49Z");
  CHECK(at(r, "/author/id") == "UC_x5XG1OV2P6uZZ5FSM9Ttw");
  CHECK(at(r, "/author/name") == "Google Developers");
  CHECK(at(r, "/title") == "What are Actions on Google (Assistant on Air)");
  CHECK(at(r, "/text").rfind("In the first episode of Assistant on Air", 0) == 0);
  CHECK(at(r, "/metrics/views") == "7920");  // "viewCount": "7920"
  CHECK(at(r, "/metrics/likes") == "190");
  CHECK(at(r, "/metrics/shares") == "null");
  CHECK(at(r, "/metrics/observed_at") == "2024-02-12T01:00:00Z");
  CHECK(at(r, "/media/0/duration") == "1267");  // PT21M7S
  CHECK(at(r, "/urls") == R"(["http://bit.ly/2YabdS5","https://bit.ly/googledevs"])");
  CHECK(at(r, "/account/key") == "k1");
  CHECK(at(r, "/source/format") == "youtube.videos");
  CHECK(at(r, "/source/line") == "1");
}

TEST_CASE("youtube playlistItems use the video id - not the playlist item id") {
  // From another collector (pantau's own adapter is below): the playlist entries are the posts.
  Run run = normalize_text(raw_line("youtube", "playlistItems",
                                    fixture("youtube/playlistItems_page1.json"), 200, "archive"));
  REQUIRE(run.errors.empty());
  REQUIRE(run.records.size() == 10);
  CHECK(at(run.records[0], "/id") == "youtube:CvTApw9X8aA");
  CHECK(at(run.records[0], "/created_at") == "2019-11-21T22:17:43Z");
  Run last = normalize_text(raw_line("youtube", "playlistItems",
                                     fixture("youtube/playlistItems_page2.json"), 200, "archive"));
  CHECK(last.records.size() == 3);
}

TEST_CASE("youtube playlistItems from pantau's adapter yield no posts: videos.list pages do") {
  // The adapter follows every playlist page with videos.list for the same ids; mapping both
  // would write every video twice (found by the examples pipeline test).
  Run run = normalize_text(
      raw_line("youtube", "playlistItems", fixture("youtube/playlistItems_page1.json")));
  CHECK(run.errors.empty());
  CHECK(run.records.empty());
}

TEST_CASE("youtube commentThreads: comments point at the video") {
  Run run = normalize_text(
      raw_line("youtube", "commentThreads", fixture("youtube/commentThreads_page1.json")));
  REQUIRE(run.errors.empty());
  REQUIRE(!run.records.empty());
  const std::string& r = run.records[0];
  CHECK(at(r, "/id") == "youtube:UgyZ1jqkHKYvi1-ruOZ4AaABAg");
  CHECK(at(r, "/type") == "comment");
  CHECK(at(r, "/parent") == "youtube:F1UP7wRCPH8");
  CHECK(at(r, "/text") == "Google.com");
  CHECK(at(r, "/author/id") == "UCzj-CjKYmGlZ7vTL-vOe57A");
  CHECK(at(r, "/url") ==
        "https://www.youtube.com/watch?v=F1UP7wRCPH8&lc=UgyZ1jqkHKYvi1-ruOZ4AaABAg");
  CHECK(at(r, "/metrics/comments") == "0");
}

TEST_CASE("youtube channels give no posts - an error status gives an error record") {
  Run ch =
      normalize_text(raw_line("youtube", "channels", fixture("youtube/channels_list_single.json")));
  CHECK(ch.records.empty());
  CHECK(ch.errors.empty());
  Run err = normalize_text(
      raw_line("youtube", "videos", fixture("youtube/error_400_keyInvalid.json"), 400));
  CHECK(err.errors.empty());  // not a normalize failure
  REQUIRE(err.records.size() == 1);
  CHECK(at(err.records[0], "/kind") == "error");
  CHECK(at(err.records[0], "/stage") == "fetch");
  CHECK(at(err.records[0], "/http_status") == "400");
  CHECK(at(err.records[0], "/message") == "http 400: keyInvalid: Bad Request");
  CHECK(at(err.records[0], "/retryable") == "false");
  CHECK(at(err.records[0], "/account/key") == "k1");
  CHECK(err.warnings.size() == 1);
}

TEST_CASE("youtube activities: an upload is the uploaded video - other types make no post") {
  Run run =
      normalize_text(raw_line("youtube", "activities", fixture("youtube/activities_mixed.json")));
  REQUIRE(run.errors.empty());
  REQUIRE(run.records.size() == 1);  // the like and the playlistItem are someone else's videos
  const std::string& r = run.records[0];
  CHECK(at(r, "/id") == "youtube:vid00000001");
  CHECK(at(r, "/native_id") == "vid00000001");
  CHECK(at(r, "/url") == "https://www.youtube.com/watch?v=vid00000001");
  CHECK(at(r, "/type") == "video");
  CHECK(at(r, "/created_at") == "2024-01-20T09:15:00Z");
  CHECK(at(r, "/author/id") == "UCpantauExampleChannel01");
  CHECK(at(r, "/title") == "Debat capres: ringkasan");
  CHECK(at(r, "/media/0/url") == "https://www.youtube.com/watch?v=vid00000001");
  CHECK(run.stats.items == 3);  // counted, so the summary says 2 items without a post
  CHECK(run.stats.items_without_post == 2);
  // Known by its kind when the source names no endpoint: never the activity id.
  Run any = normalize_text(raw_line("youtube", "search", fixture("youtube/activities_mixed.json")));
  REQUIRE(any.records.size() == 1);
  CHECK(at(any.records[0], "/id") == "youtube:vid00000001");
}

TEST_CASE("youtube activities without an upload are an error naming why") {
  Run run = normalize_text(
      raw_line("youtube", "activities", fixture("youtube/activities_no_uploads.json")));
  CHECK(count_kind(run, "post") == 0);
  REQUIRE(run.errors.size() == 1);
  CHECK(run.errors[0].find("1 item but no post made") != std::string::npos);
  CHECK(run.errors[0].find("only uploads") != std::string::npos);
}

}  // namespace
}  // namespace pantau::test
