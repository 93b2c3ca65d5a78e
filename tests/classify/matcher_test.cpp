#include "pantau/classify/matcher.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

#include "test_support.h"

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

namespace {

using pantau::test::Lcg;

// One to `max_pieces` pieces, each followed by a separator, drawn from `next`.
std::string random_text(const std::vector<std::string>& pieces,
                        const std::vector<std::string>& seps, size_t max_pieces, Lcg& next) {
  std::string text;
  const size_t n = 1 + next(max_pieces);
  for (size_t i = 0; i < n; ++i) text += pieces[next(pieces.size())] + seps[next(seps.size())];
  return text;
}

// The matcher's contract computed the slow way: every occurrence of every literal, accepted
// when the enclosing word is an allowed prefix + literal + suffix, widened to the word; then
// hits of one tag that overlap or are joined by '-' merged; sorted by (begin, end, tag).
std::vector<Hit> reference_scan(const std::vector<Pattern>& pats, std::string_view text) {
  std::vector<Hit> raw;
  for (const auto& p : pats) {
    for (size_t b = text.find(p.expr); b != std::string_view::npos; b = text.find(p.expr, b + 1)) {
      std::string_view prefix, suffix;
      word_context(text, b, b + p.expr.size(), &prefix, &suffix);
      if (!affixes_accepted(prefix, suffix, p.affixes)) continue;
      raw.push_back({p.tag, static_cast<uint32_t>(b - prefix.size()),
                     static_cast<uint32_t>(b + p.expr.size() + suffix.size())});
    }
  }
  std::sort(raw.begin(), raw.end(), [](const Hit& a, const Hit& b) {
    if (a.tag != b.tag) return a.tag < b.tag;
    if (a.begin != b.begin) return a.begin < b.begin;
    return a.end > b.end;
  });
  std::vector<Hit> out;
  for (const Hit& h : raw) {
    if (!out.empty()) {
      Hit& last = out.back();
      bool joined = h.begin == last.end + 1 && text[last.end] == '-';
      if (last.tag == h.tag && (h.begin < last.end || joined)) {
        last.end = std::max(last.end, h.end);
        continue;
      }
      if (last == h) continue;
    }
    out.push_back(h);
  }
  std::sort(out.begin(), out.end(), [](const Hit& a, const Hit& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    if (a.end != b.end) return a.end < b.end;
    return a.tag < b.tag;
  });
  return out;
}

}  // namespace

TEST_CASE("literal hits equal the contract on generated text", "[matcher]") {
  // Roots of every class, nasal forms, phrases, a literal inside another, one that begins with
  // a non-word byte (the vectorscan path) and one with a digit.
  std::vector<Pattern> pats;
  uint32_t tag = 0;
  for (auto [term, m] :
       std::vector<std::pair<std::string, Morphology>>{{"bagi", Morphology::kVerb},
                                                       {"pukul", Morphology::kVerb},
                                                       {"ancam", Morphology::kVerb},
                                                       {"sogok", Morphology::kVerb},
                                                       {"amplop", Morphology::kNoun},
                                                       {"babi", Morphology::kNone},
                                                       {"bagi uang", Morphology::kVerb},
                                                       {"serangan fajar", Morphology::kNone},
                                                       {"bagi-bagi", Morphology::kNoun},
                                                       {"kasih", Morphology::kVerb},
                                                       {"02", Morphology::kNone},
                                                       {"-an", Morphology::kNone}}) {
    auto more = literal(term, m, tag++);
    pats.insert(pats.end(), more.begin(), more.end());
  }
  auto m = Matcher::compile(pats);
  REQUIRE(m.ok());
  // Words built from prefixes, roots and suffixes, separated by spaces, '-' and punctuation.
  const std::vector<std::string> pieces = {
      "di",   "me",       "mem",   "meng",  "men",     "ter",   "pe",     "nge",    "ny",
      "bagi", "pukul",    "mukul", "ancam", "ngancam", "sogok", "nyogok", "amplop", "babi",
      "uang", "serangan", "fajar", "kasih", "ngasih",  "kan",   "nya",    "i",      "in",
      "2",    "02",       "x",     "an",    "ku",      "lah"};
  const std::vector<std::string> seps = {"", "", "", " ", " ", "-", ", ", "!"};
  Lcg next{12345};
  std::vector<Hit> hits;
  size_t nonempty = 0;
  for (int round = 0; round < 400; ++round) {
    std::string text = random_text(pieces, seps, 12, next);
    REQUIRE((*m)->scan(text, &hits).ok());
    auto expected = reference_scan(pats, text);
    INFO("text: \"" << text << "\"");
    REQUIRE(hits == expected);
    nonempty += !hits.empty();
  }
  CHECK(nonempty > 100);  // the generator does produce hits
}

TEST_CASE("phrases compiled as keys: hits equal the contract", "[matcher]") {
  // Phrases as the lexicons write them: products of alternatives sharing beginnings ("kirim
  // uang ...") and endings (" pemilih": more than kMaxKeyGroup of them, so keys grow), a phrase
  // that is another phrase's key ("kirim uang ke"), short phrases below kMinKeyBytes, and the
  // same literal under two tags.
  std::vector<Pattern> pats;
  uint32_t tag = 0;
  auto add = [&](const std::string& term, Morphology m) {
    auto more = literal(term, m, tag++);
    pats.insert(pats.end(), more.begin(), more.end());
  };
  const std::vector<std::string> verbs = {"kirim", "transfer", "bagi", "sebar"};
  const std::vector<std::string> goods = {"uang", "duit", "amplop", "sembako", "pulsa"};
  const std::vector<std::string> to = {"ke", "untuk"};
  const std::vector<std::string> whom = {"pemilih", "warga", "saksi"};
  for (const auto& v : verbs)
    for (const auto& g : goods)
      for (const auto& t : to)
        for (const auto& w : whom) add(v + " " + g + " " + t + " " + w, Morphology::kVerb);
  add("kirim uang ke", Morphology::kNone);
  add("uang ke pemilih", Morphology::kNone);
  add("ke pemilih", Morphology::kNone);
  add("ke pemilih", Morphology::kNoun);
  add("pemilih", Morphology::kNoun);
  add("suara pemilih", Morphology::kNone);
  auto m = Matcher::compile(pats);
  REQUIRE(m.ok());
  CHECK((*m)->key_count() < pats.size());  // phrases do share keys
  const std::vector<std::string> pieces = {"kirim", "mengirim", "transfer", "bagi",    "sebar",
                                           "uang",  "duit",     "amplop",   "sembako", "pulsa",
                                           "ke",    "untuk",    "pemilih",  "warga",   "saksi",
                                           "suara", "kan",      "nya",      "x"};
  const std::vector<std::string> seps = {" ", " ", " ", " ", "", "-", ", "};
  Lcg next{987654321};
  std::vector<Hit> hits;
  size_t phrase_hits = 0;
  for (int round = 0; round < 600; ++round) {
    std::string text = random_text(pieces, seps, 10, next);
    // Plant a whole phrase now and then, so long phrases do occur.
    if (next(3) == 0) {
      text += verbs[next(verbs.size())] + " " + goods[next(goods.size())] + " " +
              to[next(to.size())] + " " + whom[next(whom.size())] + seps[next(seps.size())];
    }
    REQUIRE((*m)->scan(text, &hits).ok());
    auto expected = reference_scan(pats, text);
    INFO("text: \"" << text << "\"");
    REQUIRE(hits == expected);
    for (const Hit& h : hits) phrase_hits += h.tag < 120 && h.end - h.begin > 15;
  }
  CHECK(phrase_hits > 50);  // long phrases were found through their keys
}

TEST_CASE("regexes are scanned only when a factor occurs, with the same hits", "[matcher]") {
  // Gated ("partai "), gated on a phrase (the whole regex is enumerable), ungated ("[0-9]+x"
  // guarantees no 3 bytes) and anchored at the end (scanned without padding).
  std::vector<Pattern> pats(4);
  pats[0].expr = "partai (nomor urut |nomor )?[1-9][0-9]?";
  pats[1].expr = "(harga|tarif) (per )?suara";
  pats[2].expr = "[0-9]+x";
  pats[3].expr = "dukung[0-9]$";
  for (uint32_t i = 0; i < pats.size(); ++i) {
    pats[i].regex = true;
    pats[i].tag = i;
  }
  pats.push_back(literal("partai", Morphology::kNoun, 9).front());
  auto m = Matcher::compile(pats);
  REQUIRE(m.ok());
  std::vector<Hit> hits;
  auto run = [&](const std::string& text) {
    REQUIRE((*m)->scan(text, &hits).ok());
    std::vector<std::pair<uint32_t, std::string>> out;
    for (const Hit& h : hits) out.emplace_back(h.tag, text.substr(h.begin, h.end - h.begin));
    return out;
  };
  using V = std::vector<std::pair<uint32_t, std::string>>;
  CHECK(run("ayo coblos partai nomor 7 ya") == V{{9, "partai"}, {0, "partai nomor 7"}});
  CHECK(run("harga per suara naik") == V{{1, "harga per suara"}});
  CHECK(run("harga beras naik") == V{});
  CHECK(run("ada 12x lagi") == V{{2, "12x"}});
  CHECK(run("ayo dukung3") == V{{3, "dukung3"}});
  CHECK(run("ayo dukung3 ya") == V{});
}

TEST_CASE("regex hits near the end of long texts are found", "[matcher]") {
  // Vectorscan 5.4.9 on AVX-512 machines missed these (a match in the last partial 64-byte
  // vector of the buffer); the matcher pads the text. Every offset and tail length.
  std::vector<Pattern> pats(1);
  pats[0].expr = "(paslon|capres|cawapres|pasangan) (nomor urut |nomor )?0?[1-3]";
  pats[0].regex = true;
  auto m = Matcher::compile(pats);
  REQUIRE(m.ok());
  std::vector<Hit> hits;
  size_t cases = 0;
  for (size_t x = 0; x <= 150; x += 3) {
    for (size_t y = 0; y <= 70; y += 7) {
      const std::string text = std::string(x, 'x') + " paslon 01 " + std::string(y, 'z');
      REQUIRE((*m)->scan(text, &hits).ok());
      INFO("x=" << x << " y=" << y);
      REQUIRE(hits.size() == 1);
      CHECK(hits[0].begin == x + 1);
      CHECK(hits[0].end == x + 10);
      ++cases;
    }
  }
  CHECK(cases > 500);
}
