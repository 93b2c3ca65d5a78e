#include "pantau/fetch/url.h"

#include <catch2/catch.hpp>

#include "pantau/fetch/redact.h"
#include "pantau/fetch/shard.h"

using namespace pantau::fetch;

TEST_CASE("parse_url splits parts and lowercases scheme and host", "[url]") {
  Url u;
  REQUIRE(parse_url("HTTPS://WWW.YouTube.com:8443/@Budi?x=1#top", &u));
  CHECK(u.scheme == "https");
  CHECK(u.host == "www.youtube.com");
  CHECK(u.port == "8443");
  CHECK(u.path == "/@Budi");
  CHECK(u.query == "x=1");
  CHECK(u.fragment == "top");
  REQUIRE(parse_url("youtube.com/@x", &u));
  CHECK(u.scheme == "https");
  CHECK(u.host == "youtube.com");
  REQUIRE(parse_url("http://[::1]:80/a", &u));
  CHECK(u.host == "::1");
  CHECK_FALSE(parse_url("https:///nohost", &u));
  // userinfo never survives parsing (it would be a secret)
  REQUIRE(parse_url("https://user:pw@host/p", &u));
  CHECK(u.host == "host");
}

TEST_CASE("query parameters round-trip with percent-encoding", "[url]") {
  QueryParams q{{"forHandle", "@budi santoso"}, {"a&b", "1=2"}};
  const std::string s = build_query(q);
  CHECK(s == "forHandle=%40budi%20santoso&a%26b=1%3D2");
  CHECK(parse_query(s) == q);
  CHECK(query_value("a=1&b=x+y", "b") == "x y");
  bool found = true;
  CHECK(query_value("a=1", "z", &found).empty());
  CHECK_FALSE(found);
  CHECK(percent_decode("%zz%41") == "%zzA");
}

TEST_CASE("loopback hosts are recognised", "[url]") {
  CHECK(is_loopback_host("127.0.0.1"));
  CHECK(is_loopback_host("127.1.2.3"));
  CHECK(is_loopback_host("localhost"));
  CHECK(is_loopback_host("::1"));
  CHECK_FALSE(is_loopback_host("127.0.0.1.evil.com"));
  CHECK_FALSE(is_loopback_host("10.0.0.1"));
}

TEST_CASE("secrets are redacted from URLs and messages", "[redact]") {
  CHECK(redact_url("https://h/p?part=a&key=SECRET123&x=1") ==
        "https://h/p?part=a&key=REDACTED&x=1");
  CHECK(redact_url("https://h/p?access_token=abc&Signature=zz#f") ==
        "https://h/p?access_token=REDACTED&Signature=REDACTED#f");
  CHECK(redact_url("https://h/p") == "https://h/p");
  CHECK(redact_known("failed for AIzaSECRETKEY now", {"AIzaSECRETKEY"}) ==
        "failed for REDACTED now");
  CHECK(redact_known("short", {"ab"}) == "short");
}

TEST_CASE("shards split keys stably and completely", "[shard]") {
  auto s = parse_shard("2/4");
  REQUIRE(s);
  CHECK(s->index == 2);
  CHECK(s->count == 4);
  CHECK_FALSE(parse_shard("0/4"));
  CHECK_FALSE(parse_shard("5/4"));
  CHECK_FALSE(parse_shard("x"));
  // FNV-1a 64 is part of the interface: this value must never change.
  CHECK(pantau::fnv1a64("a") == 0xaf63dc4c8601ec8cULL);  // the published FNV-1a test vector
  CHECK(pantau::fnv1a64("") == 14695981039346656037ULL);
  CHECK(in_shard("x:1", Shard{3, 4}));  // the shard of a key must never move
  CHECK(in_shard("x:2", Shard{4, 4}));
  int counts[4] = {0, 0, 0, 0};
  for (int i = 0; i < 4000; ++i) {
    const std::string key = "x:" + std::to_string(i);
    int in = 0;
    for (uint32_t k = 1; k <= 4; ++k) {
      if (in_shard(key, Shard{k, 4})) {
        ++in;
        ++counts[k - 1];
      }
    }
    REQUIRE(in == 1);  // every key in exactly one shard
  }
  for (int c : counts) CHECK(c > 800);
}
