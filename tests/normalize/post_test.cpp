#include "pantau/normalize/post.h"

#include <catch2/catch.hpp>

namespace pantau::normalize {
namespace {

TEST_CASE("extract_entities finds hashtags - mentions and urls without duplicates") {
  std::vector<std::string_view> tags, mentions, urls;
  extract_entities(
      "Ayo #Pemilu2024 #pemilu_damai #02 dan #Pemilu2024 cc @budi.contoh. @user@mastodon.social "
      "email a@b.c lihat https://example.org/a?b=1, (https://x.co/y) #kabar\xE2\x80\x94"
      "baru "
      "#Indonésia",
      &tags, &mentions, &urls);
  CHECK(tags == std::vector<std::string_view>{"Pemilu2024", "pemilu_damai", "kabar", "Indonésia"});
  CHECK(mentions == std::vector<std::string_view>{"budi.contoh", "user@mastodon.social"});
  CHECK(urls == std::vector<std::string_view>{"https://example.org/a?b=1", "https://x.co/y"});
}

TEST_CASE("PostWriter writes nulls for what is unknown") {
  PostWriter w;
  Post p;
  p.platform = "x";
  p.native_id = "1";
  Provenance prov;
  prov.format = "x.v2";
  prov.input = "in";
  prov.line = 3;
  std::string out;
  w.write(p, prov, &out);
  CHECK(
      out ==
      R"({"kind":"post","id":"x:1","platform":"x","native_id":"1","url":null,"type":"post","parent":null,)"
      R"("created_at":null,"author":{"id":null,"handle":null,"name":null},"account":null,"text":"",)"
      R"("lang":null,"title":null,"hashtags":[],"mentions":[],"urls":[],"media":[],)"
      R"("metrics":{"likes":null,"comments":null,"shares":null,"views":null,"quotes":null,)"
      R"("bookmarks":null,"observed_at":null},"source":{"format":"x.v2","raw_sha256":null,)"
      R"("fetched_at":null,"request_url":null,"input":"in","line":3}})");
}

}  // namespace
}  // namespace pantau::normalize
