#include "pantau/classify/claims.h"

#include <catch2/catch.hpp>

#include "pantau/classify/csv.h"
#include "test_support.h"

using namespace pantau::classify;

TEST_CASE("csv: quotes, embedded newlines, CR-only lines, Latin-1", "[csv]") {
  auto rows = parse_csv("a,b\r\n\"x, \"\"y\"\"\",\"line1\nline2\"\rcaf\xE9,2\n", "t.csv");
  REQUIRE(rows.ok());
  REQUIRE(rows->size() == 3);
  CHECK((*rows)[1].cells[0] == "x, \"y\"");
  CHECK((*rows)[1].cells[1] == "line1\nline2");
  CHECK((*rows)[2].cells[0] == "caf\xC3\xA9");
  CHECK((*rows)[2].line == 4);
  auto bad = parse_csv("a\n\"open\n", "b.csv");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message == "b.csv:2: unterminated quoted cell");
}

TEST_CASE("claims files: NDJSON and CSV", "[claims]") {
  auto j = parse_claims(
      "{\"id\":\"c1\",\"title\":\"t\",\"url\":null}\n\n{\"id\":7,\"text\":\"x\"}\n", "c.ndjson");
  REQUIRE(j.ok());
  REQUIRE(j->size() == 2);
  CHECK((*j)[1].id == "7");
  auto c = parse_claims("ID,TITLE,HOAX_TEXT\n1,judul,isi klaim\n", "c.csv");
  REQUIRE(c.ok());
  CHECK((*c)[0].text == "isi klaim");
  auto e = parse_claims("{\"id\":\"c1\"}\n", "e.ndjson");
  REQUIRE_FALSE(e.ok());
  CHECK(e.error().message == "e.ndjson:1: claim has neither \"title\" nor \"text\"");
}

TEST_CASE("turnbackhoax import joins titles and texts by id", "[claims]") {
  std::string dir = pantau::test::data_dir() + "/classify/fixtures/";
  auto claims = import_turnbackhoax({dir + "tbh_titles.csv", dir + "tbh_texts.csv"});
  REQUIRE(claims.ok());
  REQUIRE(claims->size() == 3);
  CHECK((*claims)[0].id == "turnbackhoax-9");
  CHECK((*claims)[2].id == "turnbackhoax-100");
  CHECK((*claims)[2].text == "Surat suara sudah dicoblos di Malaysia sebelum pemilu");
  std::string out;
  append_claim_json((*claims)[0], &out);
  CHECK(out.rfind("{\"kind\":\"claim\",\"id\":\"turnbackhoax-9\"", 0) == 0);
}

TEST_CASE("containment, not Jaccard: a long post quoting a claim matches", "[claims]") {
  ClaimIndex idx;
  idx.add({"a", "jokowi menyaksikan debat cawapres dari istana", "", "", ""}, nullptr);
  idx.add({"b", "gempa besar guncang jepang awal tahun", "", "", ""}, nullptr);
  std::string post =
      "wah ini beneran gak sih, katanya jokowi menyaksikan debat cawapres dari istana sambil "
      "ngopi, terus besoknya rapat kabinet, tolong dicek dulu ya guys sebelum percaya";
  auto m = idx.best_match(post, 0.6, 3);
  REQUIRE(m.has_value());
  CHECK(m->claim->id == "a");
  CHECK(m->containment == 1.0);
  CHECK(post.substr(m->begin, m->end - m->begin) ==
        "jokowi menyaksikan debat cawapres dari istana");
  CHECK_FALSE(idx.best_match("debat cawapres seru sekali tadi malam", 0.6, 3).has_value());
}
