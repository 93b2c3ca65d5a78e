#include "pantau/time.h"

#include <catch2/catch.hpp>

using namespace pantau;

TEST_CASE("RFC 3339 in the forms platforms use") {
  const EpochMillis expect = 1574374663000;  // 2019-11-21T22:17:43Z
  CHECK(*parse_datetime("2019-11-21T22:17:43Z") == expect);
  CHECK(*parse_datetime("2019-11-21T22:17:43.000Z") == expect);
  CHECK(*parse_datetime("2019-11-21T22:17:43+00:00") == expect);
  CHECK(*parse_datetime("2019-11-22T05:17:43+0700") == expect);  // Meta: no colon
  CHECK(*parse_datetime("2019-11-21T15:17:43-07") == expect);
  CHECK(*parse_datetime("2019-11-21 22:17:43") == expect);  // CrowdTangle, UTC
  CHECK(*parse_datetime("2019-11-21T22:17:43.123456Z") == expect + 123);
}

TEST_CASE("local times without a zone use the default offset") {
  bool had_zone = true;
  // Telegram Desktop export in WITA (UTC+8).
  auto t = parse_datetime("2024-02-11T08:00:00", 8 * 3600, &had_zone);
  REQUIRE(t.ok());
  CHECK_FALSE(had_zone);
  CHECK(format_rfc3339(*t) == "2024-02-11T00:00:00Z");
}

TEST_CASE("bad times are errors, not guesses") {
  CHECK_FALSE(parse_datetime("2023-02-29T00:00:00Z").ok());
  CHECK_FALSE(parse_datetime("2024-13-01").ok());
  CHECK_FALSE(parse_datetime("yesterday").ok());
  CHECK_FALSE(parse_datetime("2024-02-11T25:00:00Z").ok());
  CHECK_FALSE(parse_datetime("2024-02-11T10:00:00Zjunk").ok());
}

TEST_CASE("formatting") {
  CHECK(format_rfc3339(0) == "1970-01-01T00:00:00Z");
  CHECK(format_rfc3339(1707609600123) == "2024-02-11T00:00:00.123Z");
  CHECK(format_rfc3339(-1000) == "1969-12-31T23:59:59Z");
  // 23:30 UTC on 10 Feb is already 11 Feb in WITA.
  CHECK(format_date(*parse_datetime("2024-02-10T23:30:00Z"), 8 * 3600) == "2024-02-11");
}

TEST_CASE("HTTP dates in all three forms") {
  const EpochMillis expect = 784111777000;
  CHECK(*parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT") == expect);
  CHECK(*parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT") == expect);
  CHECK(*parse_http_date("Sun Nov  6 08:49:37 1994") == expect);
  CHECK_FALSE(parse_http_date("120").ok());
}

TEST_CASE("UTC offsets") {
  CHECK(*parse_utc_offset("+07:00") == 7 * 3600);
  CHECK(*parse_utc_offset("+0800") == 8 * 3600);
  CHECK(*parse_utc_offset("UTC+9") == 9 * 3600);
  CHECK(*parse_utc_offset("Z") == 0);
  CHECK_FALSE(parse_utc_offset("WIB").ok());
}
