// RecordNormalizer as a whole: dispatch, pass-through, and bad input of every kind.
#include <catch2/catch.hpp>

#include <string>

#include "normalize_test_support.h"

namespace pantau::test {
namespace {

const char* kVideo =
    R"({"items":[{"kind":"youtube#video","id":"abc","snippet":{"publishedAt":"2024-02-11T03:00:00Z","title":"T","description":"Ayo coblos yg nomor 3"}}]})";

TEST_CASE("unknown kinds - posts and errors pass through byte for byte") {
  std::string in =
      "{\"kind\":\"probe\",\"n\":1}\n"
      "{\"kind\":\"account\",\"key\":\"k\",\"x\":[1,2,{\"y\":null}]}\n"
      "{\"kind\":\"error\",\"message\":\"m\"}\n";
  Run run = normalize_text(in);
  REQUIRE(run.errors.empty());
  REQUIRE(run.records.size() == 3);
  CHECK(run.records[0] == "{\"kind\":\"probe\",\"n\":1}");
  CHECK(run.records[1] == "{\"kind\":\"account\",\"key\":\"k\",\"x\":[1,2,{\"y\":null}]}");
}

TEST_CASE("a pass-through record that is broken after its kind is an error - not output") {
  Run run = normalize_text("{\"kind\":\"probe\",\"n\":[1,}\n");
  REQUIRE(run.errors.size() == 1);
  CHECK(count_kind(run, "probe") == 0);
  CHECK(count_kind(run, "error") == 1);
}

TEST_CASE("bad lines become error records with input and line - the run goes on") {
  std::string in = "{bad\n[1,2]\n\"just a string\"\n{\"no\":\"kind\"}\n" +
                   raw_line("youtube", "videos", kVideo) + "\n";
  Run run = normalize_text(in);
  CHECK(run.errors.size() == 4);
  CHECK(count_kind(run, "post") == 1);
  REQUIRE(count_kind(run, "error") == 4);
  CHECK(at(run.records[0], "/input") == "test.ndjson");
  CHECK(at(run.records[0], "/line") == "1");
  CHECK(at(run.records[0], "/stage") == "normalize");
  CHECK(at(run.records[0], "/time") == "null");
  CHECK(at(run.records[3], "/line") == "4");
  CHECK(run.errors[3].find("unrecognised input") == 0);
}

TEST_CASE("raw records: unknown platform - non-JSON body - empty body") {
  Run run = normalize_text(raw_line("myspace", "feed", "{}") + "\n" +
                           raw_line("youtube", "videos", "<html>oops</html>") + "\n" +
                           raw_line("youtube", "videos", "") + "\n");
  REQUIRE(run.errors.size() == 3);
  CHECK(run.errors[0] == "no mapping for raw records of myspace feed");
  CHECK(run.errors[1].rfind("raw body is not valid JSON", 0) == 0);
  CHECK(run.errors[2] == "raw body is empty");
}

TEST_CASE("missing fields give nulls - never a crash") {
  Run run = normalize_text(
      raw_line("youtube", "videos", R"({"items":[{"id":"x1"},{"snippet":null},{}]})"));
  REQUIRE(run.errors.empty());
  REQUIRE(run.records.size() == 1);
  const std::string& r = run.records[0];
  CHECK(at(r, "/created_at") == "null");
  CHECK(at(r, "/author/id") == "null");
  CHECK(at(r, "/title") == "null");
  CHECK(at(r, "/text") == "");
  CHECK(at(r, "/metrics/likes") == "null");
  Run x = normalize_text(
      raw_line("x", "users_tweets", R"({"data":[{"id":"1"},{"text":"no id"}],"meta":{}})"));
  REQUIRE(x.records.size() == 1);
  CHECK(at(x.records[0], "/url") == "https://x.com/i/web/status/1");
}

TEST_CASE("wrong types inside a response are skipped - not fatal") {
  Run run = normalize_text(raw_line(
      "youtube", "videos",
      R"({"items":[{"id":"a","snippet":"nope","statistics":{"viewCount":"12x","likeCount":-3,"commentCount":4.0}}]})"));
  REQUIRE(run.errors.empty());
  REQUIRE(run.records.size() == 1);
  CHECK(at(run.records[0], "/metrics/views") == "null");
  CHECK(at(run.records[0], "/metrics/likes") == "null");
  CHECK(at(run.records[0], "/metrics/comments") == "4");
}

TEST_CASE("invalid utf-8 in the line is repaired and flagged") {
  std::string body = R"({"items":[{"id":"a","snippet":{"description":"caf)"
                     "\xE9"
                     R"( ok"}}]})";
  std::string line = raw_line("youtube", "videos", "PLACEHOLDER");
  line.replace(line.find("PLACEHOLDER"), 11,
               "{\\\"items\\\":[{\\\"id\\\":\\\"a\\\",\\\"snippet\\\":{\\\"description\\\":"
               "\\\"caf\xE9 ok\\\"}}]}");
  Run run = normalize_text(line + "\n");
  REQUIRE(run.errors.empty());
  REQUIRE(run.records.size() == 1);
  CHECK(at(run.records[0], "/text") == "caf\xEF\xBF\xBD ok");
  CHECK(at(run.records[0], "/utf8_repaired") == "true");
}

TEST_CASE("a latin-1 body arrives as base64 and is repaired") {
  std::string line = raw_line("youtube", "videos", "X");
  // {"items":[{"id":"a","snippet":{"description":"caf\xE9"}}]} in base64
  line.replace(line.find("\"utf-8\""), 7, "\"base64\"");
  line.replace(line.rfind("\"X\""), 3,
               "\"eyJpdGVtcyI6W3siaWQiOiJhIiwic25pcHBldCI6eyJkZXNjcmlwdGlvbiI6ImNhZukifX1dfQ==\"");
  Run run = normalize_text(line + "\n");
  REQUIRE(run.errors.empty());
  REQUIRE(run.records.size() == 1);
  CHECK(at(run.records[0], "/text") == "caf\xEF\xBF\xBD");
  CHECK(at(run.records[0], "/utf8_repaired") == "true");
}

TEST_CASE("lone surrogate escapes become U+FFFD instead of failing the post") {
  Run run = normalize_text(
      raw_line("youtube", "videos",
               R"({"items":[{"id":"a","snippet":{"description":"x\ud800y\udc00z\u0000!"}}]})"));
  REQUIRE(run.errors.empty());
  REQUIRE(run.records.size() == 1);
  CHECK(at(run.records[0], "/text") == "x\xEF\xBF\xBDy\xEF\xBF\xBDz!");
  CHECK(at(run.records[0], "/utf8_repaired") == "true");
}

TEST_CASE("a broken literal inside a raw record fails that line only (found by fuzzing)") {
  Run run = normalize_text(
      "{\"kind\":\"raw\",\"platform\":\"youtube\",\"endpoint\":\"videos\",\"account\":{\"notes\":"
      "nulx},"
      "\"body\":\"{}\"}\n[1,]\n{\"kind\":\"probe\"}\n");
  CHECK(run.errors.size() == 2);
  CHECK(count_kind(run, "probe") == 1);
}

TEST_CASE("gigantic text is handled whole") {
  std::string big(4 << 20, 'a');
  for (size_t i = 0; i < big.size(); i += 7) big[i] = ' ';
  std::string body = R"({"items":[{"id":"a","snippet":{"description":")" + big + R"("}}]})";
  Run run = normalize_text(raw_line("youtube", "videos", body));
  REQUIRE(run.errors.empty());
  REQUIRE(run.records.size() == 1);
  CHECK(at(run.records[0], "/text").size() == big.size());
}

TEST_CASE("deeply nested JSON is an error for that line only") {
  std::string deep(5000, '[');
  deep += std::string(5000, ']');
  Run run = normalize_text("{\"kind\":\"probe\",\"x\":" + deep + "}\n" +
                           raw_line("youtube", "videos", deep) + "\n{\"kind\":\"probe\"}\n");
  CHECK(run.errors.size() == 2);
  CHECK(count_kind(run, "probe") == 1);
  // Nested values inside a handled response are copied only to a bounded depth.
  Run acc = normalize_text(raw_line("youtube", "videos", kVideo));
  CHECK(acc.errors.empty());
}

TEST_CASE("dedup drops repeated post ids across lines") {
  std::string line = raw_line("youtube", "videos", kVideo) + "\n";
  normalize::NormalizeOptions opts;
  opts.dedup = true;
  Run run = normalize_text(line + line + line, opts);
  CHECK(count_kind(run, "post") == 1);
  Run all = normalize_text(line + line);
  CHECK(count_kind(all, "post") == 2);
}

TEST_CASE("from forces a format; posts carry text and no text_norm") {
  normalize::NormalizeOptions opts;
  opts.from = normalize::InputFormat::kMastodon;
  Run run = normalize_text(R"({"id":"9","uri":"https://m.example/s/9","content":"<p>hi</p>"})"
                           "\n",
                           opts);
  REQUIRE(run.errors.empty());
  REQUIRE(run.records.size() == 1);
  CHECK(at(run.records[0], "/id") == "mastodon:m.example/9");
  CHECK(at(run.records[0], "/text") == "hi");
  // classify normalizes `text` itself (with its offset map); normalize no longer writes it.
  CHECK(run.records[0].find("\"text_norm\"") == std::string::npos);
  Run video = normalize_text(raw_line("youtube", "videos", kVideo));
  REQUIRE(video.records.size() == 1);
  CHECK(video.records[0].find("\"text_norm\"") == std::string::npos);
}

TEST_CASE("post records follow the documented field order") {
  Run run = normalize_text(raw_line("youtube", "videos", kVideo));
  REQUIRE(run.records.size() == 1);
  const std::string& r = run.records[0];
  const char* order[] = {"\"kind\"",   "\"id\"",       "\"platform\"", "\"native_id\"",
                         "\"url\"",    "\"type\"",     "\"parent\"",   "\"created_at\"",
                         "\"author\"", "\"account\"",  "\"text\"",     "\"lang\"",
                         "\"title\"",  "\"hashtags\"", "\"mentions\"", "\"urls\"",
                         "\"media\"",  "\"metrics\"",  "\"source\""};
  size_t pos = 0;
  for (const char* key : order) {
    size_t p = r.find(key, pos);
    INFO(key);
    REQUIRE(p != std::string::npos);
    pos = p;
  }
}

}  // namespace
}  // namespace pantau::test
