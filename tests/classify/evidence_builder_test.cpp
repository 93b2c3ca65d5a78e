// EvidenceBuilder on hand-made hits over a normalized text: no rule pack, no matcher.
#include "pantau/classify/evidence_builder.h"

#include <catch2/catch.hpp>
#include <string>

#include "pantau/utf8.h"

using namespace pantau::classify;
using pantau::text::NormalizedText;

namespace {

struct Fixture {
  explicit Fixture(std::string text) : original(std::move(text)) {
    pantau::text::TextNormalizer n(&pantau::text::SlangTable::builtin());
    n.normalize(original, &nt);
  }
  // A hit of rule `tag` over the first occurrence of `words` in the normalized text.
  void hit(uint32_t tag, std::string_view words) {
    const size_t at = nt.text.find(words);
    REQUIRE(at != std::string::npos);
    hits.push_back({tag, static_cast<uint32_t>(at), static_cast<uint32_t>(at + words.size())});
  }
  std::string original;
  NormalizedText nt;
  std::vector<Hit> hits;
};

EvidenceOut note(std::string_view rule) {
  EvidenceOut e;
  e.rule = rule;
  e.note = "a note";
  return e;
}

EvidenceOut at(int64_t start) {
  EvidenceOut e;
  e.rule = "r";
  e.start = start;
  e.end = start + 1;
  return e;
}

}  // namespace

TEST_CASE("evidence: spans are code points of the original text", "[evidence]") {
  // An emoji (4 bytes, one code point), capitals and slang ("gak") shift the normalized bytes.
  Fixture f("🔥 Besok SERANGAN fajar, gak usah malu terima amplop");
  f.hit(0, "amplop");
  f.hit(1, "serangan fajar");
  EvidenceBuilder b;
  b.start(f.original, &f.nt, &f.hits);
  EvidenceOut e;
  b.hit_span(1, &e);
  CHECK(e.text == "SERANGAN fajar");
  CHECK(e.start == 8);  // the emoji, a space and "Besok "
  CHECK(e.end == 22);
  b.hit_span(0, &e);  // an earlier-computed span: the cursor went back and forth
  CHECK(e.text == "amplop");
  CHECK(e.end == static_cast<int64_t>(pantau::count_code_points(f.original)));
  EvidenceOut s;
  b.span(f.hits[1].begin, f.hits[1].end, &s);
  CHECK(s.start == 8);
  CHECK(s.text == "SERANGAN fajar");
}

TEST_CASE("evidence: the fast code-point count agrees with the plain one", "[evidence]") {
  for (std::string s :
       {"", "a", "abcdefgh", "é", "🔥🔥 Besok éé ñ 日本語 text that runs on past 8", "12345678é"}) {
    CHECK(count_code_points_fast(s) == pantau::count_code_points(s));
  }
}

TEST_CASE("evidence: a rule lists each of its spans once, up to the limit", "[evidence]") {
  Fixture f("amplop dan amplop lagi, serangan fajar");
  f.hit(7, "amplop");
  f.hits.push_back(f.hits[0]);  // the same place twice (two patterns of one rule)
  const size_t second = f.nt.text.rfind("amplop");
  f.hits.push_back({7, static_cast<uint32_t>(second), static_cast<uint32_t>(second + 6)});
  f.hit(9, "serangan fajar");
  EvidenceBuilder b;
  b.start(f.original, &f.nt, &f.hits);
  LabelOut lo;
  b.add_rule(lo, 7, "money.envelope", 16);
  b.add_rule(lo, 7, "money.envelope", 16);  // asked again for the same label
  REQUIRE(lo.evidence.size() == 2);
  CHECK(lo.rules == std::vector<std::string_view>{"money.envelope"});
  CHECK(lo.evidence[0].start == 0);
  CHECK(lo.evidence[1].start == 11);
  b.add_rule(lo, 9, "money.dawn", 3);
  CHECK(lo.evidence.size() == 3);
  b.add_rule(lo, 9, "money.dawn", 3);
  CHECK(lo.evidence.size() == 3);
  LabelOut capped;
  b.add_rule(capped, 7, "money.envelope", 1);
  CHECK(capped.evidence.size() == 1);

  LabelOut model;  // the model's spans: one per place, whatever the rule
  b.add_span_once(model, f.hits[0].begin, f.hits[0].end, "model.money_politics");
  b.add_span_once(model, f.hits[0].begin, f.hits[0].end, "model.money_politics");
  CHECK(model.evidence.size() == 1);
}

TEST_CASE("evidence: notes first, then spans in text order, stable, cut at the limit",
          "[evidence]") {
  LabelOut lo;
  lo.evidence = {at(5), at(1), at(5), at(3)};
  lo.evidence[2].rule = "second";
  EvidenceBuilder::add_note(lo, "context.quiet_period", "a note");
  CHECK(lo.rules.front() == "context.quiet_period");
  lo.evidence.push_back(note("context.self"));
  EvidenceBuilder::order(lo, 16);
  REQUIRE(lo.evidence.size() == 6);
  CHECK(lo.evidence[0].rule == "context.quiet_period");
  CHECK(lo.evidence[1].rule == "context.self");
  CHECK(lo.evidence[2].start == 1);
  CHECK(lo.evidence[3].start == 3);
  CHECK(lo.evidence[4].rule == "r");  // of the two at 5, the first stays first
  CHECK(lo.evidence[5].rule == "second");
  EvidenceBuilder::order(lo, 3);
  CHECK(lo.evidence.size() == 3);
}

TEST_CASE("evidence: a ballot number cited by its rule and as a target is listed once",
          "[evidence]") {
  Fixture f("ayo coblos nomor 2 besok");
  f.hit(3, "coblos nomor 2");
  EvidenceBuilder b;
  b.start(f.original, &f.nt, &f.hits);
  LabelOut lo;
  b.add_rule(lo, 3, "campaign.ballot_call", 16);
  b.add_hit(lo, 0, "campaign.ballot_call");  // the target it names, by the same rule
  REQUIRE(lo.evidence.size() == 1);
  b.add_hit(lo, 0, "gazetteer.ticket");  // another rule at the same place stays
  CHECK(lo.evidence.size() == 2);
}

TEST_CASE("evidence: dedupe keeps the first of identical spans, and notes", "[evidence]") {
  LabelOut lo;
  lo.evidence = {note("context.self"), note("context.self"), at(3), at(3), at(4)};
  lo.evidence[3].field = kTitleField;  // another field: another place
  lo.evidence.push_back(at(3));
  EvidenceBuilder::dedupe(lo);
  REQUIRE(lo.evidence.size() == 5);
  CHECK(lo.evidence[2].start == 3);
  CHECK(lo.evidence[3].field == kTitleField);
  CHECK(lo.evidence[4].start == 4);
}
