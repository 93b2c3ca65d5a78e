#include "pantau/classify/gazetteer.h"

#include <catch2/catch.hpp>

using namespace pantau::classify;

TEST_CASE("gazetteer targets and ballot numbers", "[gazetteer]") {
  auto g = parse_gazetteer(R"(
[[target]]
type = "ticket"
name = "Prabowo - Gibran"
ballot_no = "02"
aliases = ["prabowo", "paslon 02"]
[[target]]
type = "party"
name = "Partai Amanat Nasional"
short = "PAN"
ballot_no = "12"
)",
                           "g.toml");
  REQUIRE(g.ok());
  REQUIRE(g->targets.size() == 2);
  CHECK(g->by_ballot(2, "ticket")->name == "Prabowo - Gibran");
  CHECK(g->by_ballot(12, "party")->short_name == "PAN");
  CHECK(g->by_ballot(3, "ticket") == nullptr);
  CHECK(trailing_number("nomor urut 03") == 3);
  CHECK(trailing_number("paslon") == -1);
}

TEST_CASE("gazetteer errors", "[gazetteer]") {
  auto g = parse_gazetteer("[[target]]\ntype = \"tiket\"\nname = \"x\"\n", "g.toml");
  REQUIRE_FALSE(g.ok());
  CHECK(g.error().message.rfind("g.toml:2: ", 0) == 0);
}
