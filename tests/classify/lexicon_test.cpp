#include "pantau/classify/lexicon.h"

#include <catch2/catch.hpp>
#include <string>

using pantau::classify::expand_braces;
using pantau::classify::parse_lexicon;

TEST_CASE("brace groups expand to every combination", "[lexicon]") {
  auto r = expand_braces("{bagi,bagi-bagi} {amplop,sembako}");
  REQUIRE(r.ok());
  CHECK(*r == std::vector<std::string>{"bagi amplop", "bagi sembako", "bagi-bagi amplop",
                                       "bagi-bagi sembako"});
  auto e = expand_braces("uang {,pengganti }transport");
  REQUIRE(e.ok());
  CHECK(*e == std::vector<std::string>{"uang transport", "uang pengganti transport"});
}

TEST_CASE("bad brace groups are errors", "[lexicon]") {
  CHECK_FALSE(expand_braces("{a,b").ok());
  CHECK_FALSE(expand_braces("a}").ok());
  CHECK_FALSE(expand_braces("{a,{b}}").ok());
  CHECK_FALSE(expand_braces("x {}").ok());
  CHECK_FALSE(expand_braces("{a,b,c,d}{a,b,c,d}{a,b,c,d}{a,b,c,d}{a,b}", 256).ok());
}

TEST_CASE("lexicon lines: comments, blanks, BOM, CRLF", "[lexicon]") {
  auto r = parse_lexicon("\xEF\xBB\xBF# header\r\nserangan fajar\r\n\r\n  amplop  # trailing\n",
                         "x.txt");
  REQUIRE(r.ok());
  REQUIRE(r->size() == 2);
  CHECK((*r)[0].term == "serangan fajar");
  CHECK((*r)[0].line == 2);
  CHECK((*r)[1].term == "amplop");
  CHECK((*r)[1].line == 4);
}

TEST_CASE("lexicon errors name file and line", "[lexicon]") {
  auto r = parse_lexicon("ok\nSerangan Fajar\n", "lex/money.txt");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.rfind("lex/money.txt:2: ", 0) == 0);
  auto u = parse_lexicon("a\n\xff\xfe\n", "bad.txt");
  REQUIRE_FALSE(u.ok());
  CHECK(u.error().message == "bad.txt:2: line is not valid UTF-8");
  auto d = parse_lexicon("a  b\n", "d.txt");
  REQUIRE_FALSE(d.ok());
  CHECK(d.error().message == "d.txt:1: term has a double space");
  auto b = parse_lexicon("\n\n{a,b\n", "b.txt");
  REQUIRE_FALSE(b.ok());
  CHECK(b.error().message == "b.txt:3: unbalanced '{'");
}

TEST_CASE("an entry over 4096 bytes is refused before it is expanded", "[lexicon]") {
  // A 1 MB entry with a 1,024-way group took classify to 3.8 GB before it was refused.
  std::string group = "{";
  for (int i = 0; i < 1024; ++i) group += (i ? "," : "") + std::to_string(i);
  group += "}";
  const std::string huge = group + std::string(1 << 20, 'a');
  auto r = expand_braces(huge);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("over the 4096 a term may have") != std::string::npos);
  CHECK_FALSE(expand_braces(std::string(4097, 'a')).ok());
  CHECK(expand_braces(std::string(4096, 'a')).ok());
  auto lexicon = parse_lexicon("ok\n" + huge + "\n", "l.txt");
  REQUIRE_FALSE(lexicon.ok());
  CHECK(lexicon.error().message.rfind("l.txt:2: entry of ", 0) == 0);
}
