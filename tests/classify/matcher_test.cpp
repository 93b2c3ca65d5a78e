#include "pantau/classify/matcher.h"

#include <catch2/catch.hpp>

using namespace pantau::classify;

namespace {
std::vector<Pattern> literal(std::string_view term, Morphology m, uint32_t tag) {
  std::vector<Pattern> out;
  for (auto& f : term_forms(term, m)) {
    Pattern p;
    p.expr = f.literal;
    p.affixes = f.affixes;
    p.tag = tag;
    out.push_back(p);
  }
  return out;
}
std::vector<std::string> texts(std::string_view s, const std::vector<Hit>& hits) {
  std::vector<std::string> out;
  for (auto& h : hits) out.emplace_back(s.substr(h.begin, h.end - h.begin));
  return out;
}
}  // namespace

TEST_CASE("literals match whole words only", "[matcher]") {
  auto pats = literal("babi", Morphology::kNone, 1);
  auto m = Matcher::compile(pats);
  REQUIRE(m.ok());
  std::vector<Hit> hits;
  std::string s = "babinsa bukan babi, dasar babi!";
  REQUIRE((*m)->scan(s, &hits).ok());
  CHECK(texts(s, hits) == std::vector<std::string>{"babi", "babi"});
  CHECK(hits[0].begin == 14);
}

TEST_CASE("affixed forms widen to the whole word and reduplication merges", "[matcher]") {
  auto pats = literal("bagi", Morphology::kVerb, 7);
  auto more = literal("ancam", Morphology::kVerb, 8);
  pats.insert(pats.end(), more.begin(), more.end());
  auto m = Matcher::compile(pats);
  REQUIRE(m.ok());
  std::vector<Hit> hits;
  std::string s = "caleg membagi-bagikan uang, lalu mengancam warga";
  REQUIRE((*m)->scan(s, &hits).ok());
  REQUIRE(hits.size() == 2);
  CHECK(texts(s, hits) == std::vector<std::string>{"membagi-bagikan", "mengancam"});
  CHECK(hits[0].tag == 7);
  CHECK(hits[1].tag == 8);
}

TEST_CASE("phrases and regexes", "[matcher]") {
  std::vector<Pattern> pats = literal("serangan fajar", Morphology::kNone, 1);
  Pattern re;
  re.expr = "(nomor|no) ?(urut )?0?[1-9][0-9]?";
  re.regex = true;
  re.tag = 2;
  pats.push_back(re);
  auto m = Matcher::compile(pats);
  REQUIRE(m.ok());
  std::vector<Hit> hits;
  std::string s = "awas serangan fajar! coblos nomor urut 12 ya, bukan nomor123";
  REQUIRE((*m)->scan(s, &hits).ok());
  CHECK(texts(s, hits) == std::vector<std::string>{"serangan fajar", "nomor urut 12"});
}

TEST_CASE("a bad regex names the pattern", "[matcher]") {
  std::vector<Pattern> pats = literal("x", Morphology::kNone, 1);
  Pattern re;
  re.expr = "(unclosed";
  re.regex = true;
  pats.push_back(re);
  size_t bad = 99;
  auto m = Matcher::compile(pats, &bad);
  REQUIRE_FALSE(m.ok());
  CHECK(bad == 1);
  CHECK_FALSE(check_regex("(a").ok());
  CHECK_FALSE(check_regex("a*").ok());  // matches the empty string
  CHECK(check_regex("a+").ok());
}

TEST_CASE("hostile text: hits are capped", "[matcher]") {
  auto m = Matcher::compile(literal("a", Morphology::kNone, 1));
  REQUIRE(m.ok());
  std::string s;
  for (int i = 0; i < 10000; ++i) s += "a ";
  std::vector<Hit> hits;
  REQUIRE((*m)->scan(s, &hits).ok());
  CHECK((*m)->truncated());
  CHECK(hits.size() <= Matcher::kMaxHits);
}
