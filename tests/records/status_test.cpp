#include <catch2/catch.hpp>

#include <string>

#include "pantau/records/status.h"

using namespace pantau;
using namespace pantau::records;

TEST_CASE("a status record as fetch-accounts writes it, read back and written again", "[status]") {
  StatusOut s;
  s.id = "x:1757";
  s.platform = "x";
  s.native_id = "1757";
  s.status = PostStatus::kEdited;
  s.checked_at = "2024-02-15T02:00:00Z";
  s.sha256_before = "aa";
  s.sha256_now = "bb";
  s.text_now = "";  // an edit to an empty text is still written
  s.raw_sha256 = "cc";
  s.fetched_at = "2024-02-15T02:00:00Z";
  std::string out;
  append_status_record(s, &out);
  const std::string want =
      R"({"kind":"status","id":"x:1757","platform":"x","native_id":"1757","status":"edited",)"
      R"("checked_at":"2024-02-15T02:00:00Z","reason":null,"content_sha256_before":"aa",)"
      R"("content_sha256_now":"bb","text_now":"","source":{"raw_sha256":"cc",)"
      R"("fetched_at":"2024-02-15T02:00:00Z"}})";
  CHECK(out == want);
  simdjson::dom::parser p;
  StatusCheck c;
  REQUIRE(parse_status_check(p.parse(out).get_object().value(), &c).ok());
  CHECK(c.status == PostStatus::kEdited);
  CHECK(c.checked_ms == 1707962400000);
  std::string again;
  JsonWriter w(&again);
  write_status_check(c, w);
  // A check read back holds "" for the empty text: written as null.
  CHECK(again ==
        std::string(want).replace(want.find(R"("text_now":"")"), 13, R"("text_now":null)"));
}

TEST_CASE("a check that failed has no source; bad members are errors naming them", "[status]") {
  StatusOut s;
  s.id = "y:1";
  s.checked_at = "2024-02-15T02:00:00Z";
  s.reason = "quota";
  std::string out;
  append_status_record(s, &out);
  CHECK(out == R"({"kind":"status","id":"y:1","platform":null,"native_id":null,)"
               R"("status":"unknown","checked_at":"2024-02-15T02:00:00Z","reason":"quota",)"
               R"("content_sha256_before":null,"content_sha256_now":null,"text_now":null,)"
               R"("source":null})");
  simdjson::dom::parser p;
  auto parse = [&](const char* json) {
    StatusCheck c;
    return parse_status_check(p.parse(std::string(json)).get_object().value(), &c).message();
  };
  CHECK(parse(R"({"status":"deleted"})") == "status has no \"id\"");
  CHECK(parse(R"({"id":"a","status":"gone"})").rfind("\"status\": unknown value \"gone\"", 0) == 0);
  CHECK(parse(R"({"id":"a","status":"deleted"})") == "status has no \"checked_at\"");
  CHECK(parse(R"({"id":"a","status":"deleted","checked_at":"2024-02-15T02:00:00Z",)"
              R"("source":{"raw_sha256":1}})") == "source: \"raw_sha256\" is not a string");
  CHECK(is_removal(PostStatus::kAccountGone));
  CHECK_FALSE(is_removal(PostStatus::kEdited));
  CHECK(parse_post_status("not_visible") == PostStatus::kNotVisible);
}
