// Every item in, every post out: what normalize read is accounted for, and a line of a known
// format that gives no post is an error, never a silent zero.
#include <catch2/catch.hpp>

#include "normalize_test_support.h"

namespace pantau::test {
namespace {

using normalize::InputFormat;

normalize::NormalizeOptions from(InputFormat f) {
  normalize::NormalizeOptions o;
  o.from = f;
  return o;
}

TEST_CASE("yt-dlp -J --flat-playlist: one post per entry, with the playlist's platform") {
  for (auto f : {InputFormat::kAuto, InputFormat::kYtDlp}) {
    Run run = normalize_text(fixture("collectors/ytdlp_flat_playlist_tiktok.json"), from(f));
    REQUIRE(run.errors.empty());
    REQUIRE(count_kind(run, "post") == 2);
    CHECK(at(run.records[0], "/id") == "tiktok:7301000000000000001");
    CHECK(at(run.records[0], "/author/handle") == "calon03");
    CHECK(at(run.records[0], "/created_at") == "2024-02-12T01:00:00Z");
    CHECK(at(run.records[0], "/metrics/shares") == "2");
    CHECK(at(run.records[1], "/url") ==
          "https://www.tiktok.com/@calon03/video/7301000000000000002");
    CHECK(at(run.records[1], "/source/fetched_at") == "2024-02-13T04:53:20Z");  // "epoch"
    CHECK(run.stats.items == 2);
  }
}

TEST_CASE("yt-dlp flat YouTube channel: entries without authors take the channel's") {
  Run run = normalize_text(fixture("collectors/ytdlp_flat_playlist_youtube.json"));
  REQUIRE(run.errors.empty());
  REQUIRE(count_kind(run, "post") == 3);
  CHECK(at(run.records[2], "/id") == "youtube:Ze2nT0hV3f5");
  CHECK(at(run.records[2], "/author/handle") == "@budisantoso");
  CHECK(at(run.records[2], "/author/id") == "UCc0nT0hCh4nn3lIdXXXXXXX");
  CHECK(at(run.records[2], "/created_at") == "null");  // flat entries have no time
  CHECK(at(run.records[2], "/media/0/duration") == "95");
}

TEST_CASE("yt-dlp flat channel whose entries are its tabs: an error saying what to run") {
  Run run = normalize_text(fixture("collectors/ytdlp_flat_playlist_youtube_tabs.json"));
  REQUIRE(run.errors.size() == 1);
  CHECK(run.errors[0].find("entries are lists (YoutubeTab") != std::string::npos);
  CHECK(count_kind(run, "post") == 0);
}

TEST_CASE("yt-dlp full playlist: whole info dicts, a date-only upload says so") {
  Run run = normalize_text(fixture("collectors/ytdlp_playlist_youtube.json"));
  REQUIRE(run.errors.empty());
  REQUIRE(count_kind(run, "post") == 2);
  CHECK(at(run.records[0], "/created_at") == "2024-02-10T11:00:00Z");
  CHECK(at(run.records[0], "/created_at_precision") == "(missing)");
  CHECK(at(run.records[1], "/created_at") == "2024-02-11T00:00:00Z");
  CHECK(at(run.records[1], "/created_at_precision") == "day");
}

TEST_CASE(".info.json files glued together without newlines: each is read") {
  const std::string glued = fixture("collectors/ytdlp_instagram.info.json") +
                            fixture("collectors/ytdlp_facebook.info.json") +
                            fixture("collectors/ytdlp_instagram.info.json");
  Run run = normalize_text(glued, from(InputFormat::kYtDlp));
  REQUIRE(run.errors.empty());
  REQUIRE(count_kind(run, "post") == 3);
  CHECK(at(run.records[0], "/platform") == "instagram");
  CHECK(at(run.records[1], "/platform") == "facebook");
  CHECK(at(run.records[1], "/created_at_precision") == "day");
  CHECK(at(run.records[2], "/id") == "instagram:C3xAmPlE456");
}

TEST_CASE("yt-dlp -J output of a command collector, inside a raw record") {
  Run run = normalize_text(raw_line("tiktok", "yt-dlp",
                                    fixture("collectors/ytdlp_flat_playlist_tiktok.json"), 0,
                                    "command:yt-dlp"));
  REQUIRE(run.errors.empty());
  REQUIRE(count_kind(run, "post") == 2);
  CHECK(at(run.records[0], "/source/format") == "yt-dlp");
}

TEST_CASE("twarc2 flatten: one post per line, author and retweet inlined") {
  Run run = normalize_text(fixture("collectors/twarc2_flatten.ndjson"));
  REQUIRE(run.errors.empty());
  REQUIRE(count_kind(run, "post") == 3);
  const std::string& post = run.records[0];
  CHECK(at(post, "/author/handle") == "calon_satu");
  CHECK(at(post, "/author/name") == "Calon Satu");
  CHECK(at(post, "/media/0/url") == "https://pbs.twimg.com/media/debat.jpg");
  CHECK(at(post, "/source/format") == "twarc2");
  CHECK(at(post, "/source/fetched_at") == "2024-02-05T01:00:00Z");
  const std::string& rt = run.records[1];
  CHECK(at(rt, "/type") == "repost");
  CHECK(at(rt, "/parent") == "x:1749000000000000009");
  CHECK(at(rt, "/text").rfind("Ayo ke TPS", 0) == 0);  // the original's full text
  // ... and the original's entities, not the cut "RT @relawan_dua: ..." wrapper's.
  CHECK(at(rt, "/hashtags") == R"(["Pemilu2024","CoblosNomor2"])");
  CHECK(at(rt, "/mentions") == R"(["kpu_ri"])");
  CHECK(at(rt, "/urls") == R"(["https://example.org/tps"])");
  CHECK(at(run.records[2], "/type") == "reply");
}

TEST_CASE("a --from naming another format than the line's is an error") {
  Run run =
      normalize_text(fixture("collectors/zeeschuimer_tiktok.ndjson"), from(InputFormat::kTikTok));
  REQUIRE(run.errors.size() == 2);
  CHECK(run.errors[0] ==
        "--from tiktok, but the line is zeeschuimer output (try --from "
        "zeeschuimer, or leave it out)");
  CHECK(count_kind(run, "post") == 0);
  CHECK(count_kind(run, "error") == 2);
}

TEST_CASE("an empty API page is 0 items, not an error; a page with nothing known is") {
  Run empty = normalize_text(raw_line("x", "users_tweets", R"({"meta":{"result_count":0}})"));
  CHECK(empty.errors.empty());
  CHECK(empty.records.empty());
  REQUIRE(empty.stats.formats.size() == 1);
  CHECK(empty.stats.formats[0].documents == 1);
  CHECK(empty.stats.formats[0].items == 0);

  Run yt = normalize_text(
      raw_line("youtube", "videos", R"({"kind":"youtube#videoListResponse","pageInfo":{}})"));
  CHECK(yt.errors.empty());

  Run odd = normalize_text(raw_line("x", "users_tweets", R"({"title":"Not Found"})"));
  REQUIRE(odd.errors.size() == 1);
  CHECK(odd.errors[0].rfind("x.users_tweets: no items found: expected an X API v2 page", 0) == 0);
}

TEST_CASE("items that give no post at all are an error naming the format") {
  // Statuses without ids: two items, nothing to identify a post by.
  Run run = normalize_text(R"([{"uri":"https://m.example/1","content":"a"},{"content":"b"}])",
                           from(InputFormat::kMastodon));
  REQUIRE(run.errors.size() == 1);
  CHECK(run.errors[0].rfind("mastodon.status: 2 items but no post made: expected", 0) == 0);
  CHECK(run.stats.items_without_post == 2);
  CHECK(run.stats.failed == 1);
}

TEST_CASE("the summary counts lines, posts and each format") {
  Run run = normalize_text(fixture("collectors/twarc2_flatten.ndjson") + "{\"kind\":\"probe\"}\n" +
                           fixture("collectors/ytdlp_flat_playlist_tiktok.json"));
  CHECK(normalize::summary_of(run.stats) ==
        "lines 5, posts 5 (twarc2: 3 documents, 3 items, 3 posts; yt-dlp: 1 document, 2 items, "
        "2 posts), passed through 1, failed 0");
  CHECK_FALSE(run.stats.anything_lost());
}

TEST_CASE("with --dedup, post records passing through are dropped when their id was seen") {
  normalize::NormalizeOptions o;
  o.dedup = true;
  Run first = normalize_text(fixture("collectors/twarc2_flatten.ndjson"), o);
  REQUIRE(first.records.size() == 3);
  // The posts of a first run fed back with the same source: each post once.
  std::string again;
  for (const auto& r : first.records) again += r + "\n";
  Run run = normalize_text(again + again + fixture("collectors/twarc2_flatten.ndjson"), o);
  CHECK(run.errors.empty());
  CHECK(count_kind(run, "post") == 3);
  CHECK(run.stats.duplicates == 6);
  CHECK(run.stats.passed_through == 3);
}

}  // namespace
}  // namespace pantau::test
