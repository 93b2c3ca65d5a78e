#include "pantau/classify/gazetteer.h"

#include <catch2/catch.hpp>

#include <string>

#include "pantau/classify/toml_key_depth.h"

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

namespace {

std::string dotted_key(size_t parts) {
  std::string k = "a";
  for (size_t i = 1; i < parts; ++i) k += ".a";
  return k;
}

}  // namespace

TEST_CASE("a dotted key of 50,000 parts is refused before toml++ recurses through it",
          "[gazetteer]") {
  // Crashed classify with a stack overflow inside toml++ (issue #16).
  for (const std::string& text :
       {"[[target]]\ntype = \"party\"\nname = \"x\"\n" + dotted_key(50'000) + " = 1\n",
        "[" + dotted_key(50'000) + "]\n", "x = { " + dotted_key(50'000) + " = 1 }\n"}) {
    auto g = parse_gazetteer(text, "g.toml");
    REQUIRE_FALSE(g.ok());
    CHECK(g.error().message.find("more than 64 dotted parts") != std::string::npos);
  }
  auto g = parse_gazetteer("\n\n[" + dotted_key(65) + "]\n", "g.toml");
  REQUIRE_FALSE(g.ok());
  CHECK(g.error().message.rfind("g.toml:3: a key has more than 64 dotted parts", 0) == 0);
}

TEST_CASE("key depth: dots in values, strings and comments are not key parts", "[gazetteer]") {
  using pantau::classify::tomlu::check_key_depth;
  const std::string many_dots(200, '.');
  CHECK(check_key_depth("a.b.c = 1.5\n[x.y]\n\"a.b\".c = 2\n", "t", 3).ok());
  CHECK(check_key_depth("a = \"" + many_dots + "\"\n", "t", 3).ok());
  CHECK(check_key_depth("a = '''\n" + many_dots + "\n'''\n", "t", 3).ok());
  CHECK(check_key_depth("a = \"\"\"\n\\\"\"\"" + many_dots + "\"\"\"\n", "t", 3).ok());
  CHECK(check_key_depth("# " + many_dots + "\na = [1.5, 2.5, 3.5, 4.5,\n  5.5]\n", "t", 3).ok());
  CHECK(check_key_depth("a = { b.c = 1.5, d = { e.f = 2.5 }, g = {} }\n", "t", 3).ok());
  CHECK(check_key_depth("[[t.u]]\nd = 1979-05-27T07:32:00.999Z\n", "t", 3).ok());
  CHECK_FALSE(check_key_depth("a = { b = 1, c.d.e.f = 2 }\n", "t", 3).ok());
  CHECK_FALSE(check_key_depth("a = [\n1.1,\n]\nb.c.d.e = 1\n", "t", 3).ok());
}
