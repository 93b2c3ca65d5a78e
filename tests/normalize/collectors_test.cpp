#include <catch2/catch.hpp>

#include "normalize_test_support.h"
#include "pantau/normalize/x_web.h"

namespace pantau::test {
namespace {

TEST_CASE("yt-dlp youtube info line") {
  Run run = normalize_text(fixture("collectors/ytdlp_youtube.json"));
  REQUIRE(run.errors.empty());
  REQUIRE(run.records.size() == 1);
  const std::string& r = run.records[0];
  CHECK(at(r, "/id") == "youtube:Xc0nT0hV1d3");
  CHECK(at(r, "/created_at") == "2024-02-10T11:00:00Z");
  CHECK(at(r, "/author/handle") == "@budisantoso");
  CHECK(at(r, "/author/id") == "UCc0nT0hCh4nn3lIdXXXXXXX");
  CHECK(at(r, "/title") == "Kampanye Akbar Calon Nomor 3 di Lombok Barat");
  CHECK(at(r, "/lang") == "id");
  CHECK(at(r, "/media/0/duration") == "754");
  CHECK(at(r, "/source/format") == "yt-dlp");
  CHECK(at(r, "/source/fetched_at") == "2024-02-12T02:00:00Z");  // "epoch"
  CHECK(at(r, "/metrics/observed_at") == "2024-02-12T02:00:00Z");
}

TEST_CASE("yt-dlp tiktok info: the handle is uploader - the title is dropped") {
  Run run = normalize_text(fixture("collectors/ytdlp_tiktok.json"));
  REQUIRE(run.records.size() == 1);
  const std::string& r = run.records[0];
  CHECK(at(r, "/platform") == "tiktok");
  CHECK(at(r, "/author/handle") == "budi.contoh");
  CHECK(at(r, "/title") == "null");
  CHECK(at(r, "/metrics/shares") == "210");
  CHECK(at(r, "/text") == "gasss nyoblos no 3 bareng2 yuk #pemilu2024 #fyp @relawan.contoh");
}

TEST_CASE("yt-dlp output inside a raw record of a command collector") {
  std::string body =
      fixture("collectors/ytdlp_youtube.json") + fixture("collectors/ytdlp_tiktok.json");
  Run run = normalize_text(raw_line("youtube", "yt-dlp", body, 0, "command:yt-dlp"));
  REQUIRE(run.errors.empty());
  REQUIRE(run.records.size() == 2);
  CHECK(at(run.records[0], "/source/format") == "yt-dlp");
  CHECK(at(run.records[0], "/source/fetched_at") == "2024-02-12T01:00:00Z");  // the raw record's
}

TEST_CASE("zeeschuimer tiktok and instagram items") {
  Run run = normalize_text(fixture("collectors/zeeschuimer_tiktok.ndjson"));
  REQUIRE(run.errors.empty());
  REQUIRE(run.records.size() == 2);
  CHECK(at(run.records[0], "/id") == "tiktok:7333999000111222333");
  CHECK(at(run.records[0], "/text") == "Paslon k4f1r jgn dipilih!!! #pemilu2024");
  CHECK(at(run.records[0], "/metrics/bookmarks") == "7");
  CHECK(at(run.records[0], "/source/fetched_at") == "2024-02-12T02:00:00.123Z");
  CHECK(at(run.records[1], "/id") == "instagram:3300111222333444555");
  CHECK(at(run.records[1], "/type") == "video");
  CHECK(at(run.records[1], "/url") == "https://www.instagram.com/p/C7xAmPlE123/");
}

TEST_CASE("gallery-dl output: one post - its files as media") {
  normalize::NormalizeOptions opts;
  normalize::RecordNormalizer n(opts);
  std::string out;
  Status s = n.normalize_document(fixture("collectors/gallery_dl_x.json"),
                                  normalize::InputFormat::kGalleryDl, "g.json", &out);
  REQUIRE(s.ok());
  REQUIRE(out.find('\n') == out.size() - 1);
  std::string r = out.substr(0, out.size() - 1);
  CHECK(at(r, "/id") == "x:1757000000000000001");
  CHECK(at(r, "/author/handle") == "budi_contoh");
  CHECK(at(r, "/created_at") == "2024-02-12T02:00:00Z");
  CHECK(at(r, "/media/1/url") ==
        "https://pbs.twimg.com/media/GContohFoto2.jpg?format=jpg&name=orig");
  CHECK(at(r, "/metrics/views") == "20400");
}

TEST_CASE("zeeschuimer tiktok: textExtra gives the mentions and hashtags") {
  Run run = normalize_text(fixture("collectors/zeeschuimer_tiktok_mentions.ndjson"));
  REQUIRE(run.errors.empty());
  REQUIRE(run.records.size() == 1);
  const std::string& r = run.records[0];
  CHECK(at(r, "/id") == "tiktok:7334000000000000001");
  // textExtra's userUniqueId, not the text's spelling ("@Sari_Contoh").
  CHECK(at(r, "/mentions") == R"(["budi.contoh","sari_contoh"])");
  CHECK(at(r, "/hashtags") == R"(["pemilu2024","ntb"])");
  CHECK(at(r, "/author/handle") == "relawan.contoh");
}

TEST_CASE("zeeschuimer X items: web GraphQL tweets, retweets with the original's whole text") {
  Run run = normalize_text(fixture("collectors/zeeschuimer_x.ndjson"));
  REQUIRE(run.errors.empty());
  REQUIRE(run.records.size() == 3);
  const std::string& post = run.records[0];
  CHECK(at(post, "/id") == "x:1757100000000000001");
  CHECK(at(post, "/created_at") == "2024-02-12T02:15:00Z");
  CHECK(at(post, "/author/handle") == "budi_contoh");
  CHECK(at(post, "/hashtags") == R"(["Pemilu2024"])");
  CHECK(at(post, "/urls") == R"(["https://contoh.id/program"])");
  CHECK(at(post, "/media/1/type") == "gif");
  CHECK(at(post, "/metrics/views") == "20400");
  CHECK(at(post, "/url") == "https://x.com/budi_contoh/status/1757100000000000001");
  CHECK(at(post, "/source/fetched_at") == "2024-02-12T02:16:40.123Z");
  // The retweet: its own text is "RT @…" cut at 140 characters; the post carries the original's
  // whole text (a long post's note_tweet) and the original's hashtags, and names it as parent.
  const std::string& repost = run.records[1];
  CHECK(at(repost, "/type") == "repost");
  CHECK(at(repost, "/parent") == "x:1757100000000000000");
  CHECK(at(repost, "/author/handle") == "relawan_contoh");  // the 2025 layout: core.screen_name
  CHECK(at(repost, "/text").rfind("Warga Dapil", 0) == 0);
  CHECK(at(repost, "/text").find("pilih nomor 3! #CobloSNo3") != std::string::npos);
  CHECK(at(repost, "/hashtags") == R"(["CobloSNo3"])");
  CHECK(at(run.records[2], "/type") == "reply");
  CHECK(at(run.records[2], "/parent") == "x:1757100000000000001");
}

TEST_CASE("X's date form is read with its offset, and anything else is refused") {
  CHECK(pantau::normalize::parse_x_date("Mon Feb 12 02:15:00 +0000 2024") == 1707704100000);
  CHECK(pantau::normalize::parse_x_date("Mon Feb 12 09:15:00 +0700 2024") == 1707704100000);
  CHECK_FALSE(pantau::normalize::parse_x_date("Mon Feb 12 02:15:00 +0000 2024 extra"));
  CHECK_FALSE(pantau::normalize::parse_x_date("Mon Foo 12 02:15:00 +0000 2024"));
  CHECK_FALSE(pantau::normalize::parse_x_date("2024-02-12T02:15:00Z"));
}

}  // namespace
}  // namespace pantau::test
