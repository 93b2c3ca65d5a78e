#include <catch2/catch.hpp>

#include "normalize_test_support.h"

namespace pantau::test {
namespace {

TEST_CASE("tiktok video_query: ids above 2^53 keep every digit - epoch seconds") {
  Run run =
      normalize_text(raw_line("tiktok", "video_query", fixture("tiktok/video_query_page1.json")));
  REQUIRE(run.errors.empty());
  REQUIRE(run.records.size() == 27);
  const std::string& r = run.records[0];
  CHECK(at(r, "/id") == "tiktok:7320768196569599275");
  CHECK(at(r, "/created_at") == "2024-01-05T23:59:56Z");  // 1704499196
  CHECK(at(r, "/author/handle") == "s.clovis");
  CHECK(at(r, "/url") == "https://www.tiktok.com/@s.clovis/video/7320768196569599275");
  CHECK(at(r, "/hashtags") == R"(["cats","duet"])");
  CHECK(at(r, "/mentions") == R"(["MarvelKitties2022"])");  // from the text
  CHECK(at(r, "/metrics/likes") == "6");
  CHECK(at(r, "/metrics/views") == "4");
}

TEST_CASE("tiktok: 20-digit ids that overflow 64 bits are kept as written") {
  Run run = normalize_text(
      raw_line("tiktok", "video_query", fixture("tiktok/video_query_page2_DERIVED.json")));
  REQUIRE(run.errors.empty());
  REQUIRE(!run.records.empty());
  CHECK(at(run.records[0], "/id") == "tiktok:73207681965695992750");
}

TEST_CASE("tiktok: NUL bytes in strings are removed and the record stays valid") {
  Run run = normalize_text(
      raw_line("tiktok", "video_query", fixture("tiktok/video_query_unicode_nul_bytes.json")));
  REQUIRE(run.errors.empty());
  bool found = false;
  for (const auto& r : run.records) {
    CHECK(r.find("\\u0000") == std::string::npos);
    if (at(r, "/id") == "tiktok:7435406205763226897") {
      found = true;
      std::string handle = at(r, "/author/handle");
      CHECK(handle.find('\0') == std::string::npos);
      CHECK(handle.back() == '4');
    }
  }
  CHECK(found);
}

TEST_CASE("tiktok comment_list: top-level comments have the video as parent") {
  Run run = normalize_text(raw_line("tiktok", "comment_list", fixture("tiktok/comment_list.json")));
  REQUIRE(run.errors.empty());
  REQUIRE(run.records.size() == 6);
  CHECK(at(run.records[0], "/type") == "comment");
  CHECK(at(run.records[0], "/parent") == "tiktok:7385291383449439519");
  CHECK(at(run.records[0], "/url") == "null");
  CHECK(at(run.records[0], "/text") == "");
}

TEST_CASE("tiktok docs example uses video_id") {
  Run run = normalize_text(
      raw_line("tiktok", "video_query", fixture("tiktok/docs_example_video_query.json")));
  REQUIRE(run.errors.empty());
  REQUIRE(run.records.size() == 2);
  CHECK(at(run.records[0], "/id") == "tiktok:702874395068494965");
  CHECK(at(run.records[0], "/author/handle") == "null");
}

TEST_CASE("tiktok error envelope in a 200 body is an error") {
  Run run = normalize_text(
      raw_line("tiktok", "video_query", fixture("tiktok/error_400_invalid_params.json")));
  REQUIRE(run.errors.size() == 1);
  CHECK(run.errors[0] == "tiktok error invalid_params: Invalid count or cursor");
  CHECK(count_kind(run, "error") == 1);
}

}  // namespace
}  // namespace pantau::test
