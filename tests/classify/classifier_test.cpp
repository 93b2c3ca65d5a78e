#include "pantau/classify/classifier.h"

#include <catch2/catch.hpp>
#include <charconv>
#include <cmath>
#include <string>
#include <vector>

#include "pantau/classify/labels.h"
#include "pantau/line_reader.h"

using namespace pantau::classify;

namespace {

const RulePack& shipped() {
  static RulePack pack = *load_rule_pack(PANTAU_SOURCE_RULES_DIR, make_term_normalizer());
  return pack;
}

// Runs one record line through process_line and returns the output record.
std::string run(Classifier& c, const std::string& record, pantau::Status* status = nullptr) {
  std::string buf = record;
  buf.reserve(buf.size() + simdjson::SIMDJSON_PADDING);
  pantau::Line line;
  line.text = std::string_view(buf.data(), record.size());
  line.capacity = buf.capacity();
  line.input = "<test>";
  line.number = 1;
  std::string out;
  pantau::Status s = c.process_line(line, &out);
  if (status) *status = s;
  return out;
}

const LabelOut* find(const Classification& c, std::string_view id) {
  for (const auto& l : c.labels) {
    if (kLabelIds[l.label] == id) return &l;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("evidence points at the original words", "[classifier]") {
  auto c = Classifier::create(shipped());
  REQUIRE(c.ok());
  Classification out;
  PostContext post;
  // Capitals, an emoji before the words and slang ("gak") change byte offsets in text_norm.
  post.text = "🔥🔥 Besok SERANGAN FAJAR, gak usah malu terima amplopnya!";
  REQUIRE((*c)->classify(post, &out).ok());
  const LabelOut* money = find(out, "money_politics");
  REQUIRE(money != nullptr);
  REQUIRE_FALSE(money->evidence.empty());
  const EvidenceOut& e = money->evidence[0];
  CHECK(e.rule == "money.vote_buying");
  CHECK(e.text == "SERANGAN FAJAR");
  CHECK(e.start == 9);  // code points: 2 emoji + space + "Besok " = 9
  CHECK(e.end == 23);
}

TEST_CASE("a title is classified with the text; its evidence says so", "[classifier]") {
  // yt-dlp --flat-playlist entries carry only a title; a YouTube video's title is often its
  // whole message. Before, classify read `text` alone, so such posts could never be flagged.
  auto c = Classifier::create(shipped());
  REQUIRE(c.ok());
  Classification out;
  PostContext post;
  post.title = "🔥 Besok SERANGAN FAJAR";
  REQUIRE((*c)->classify(post, &out).ok());
  const LabelOut* money = find(out, "money_politics");
  REQUIRE(money != nullptr);
  const EvidenceOut& e = money->evidence[0];
  CHECK(e.field == kTitleField);
  CHECK(e.text == "SERANGAN FAJAR");
  CHECK(e.start == 8);  // code points of the title: emoji, space, "Besok "
  CHECK(e.end == 22);

  // With a text too, spans in the text keep the offsets they have without a title.
  post.title = "Vlog pasar";
  post.text = "🔥🔥 Besok SERANGAN FAJAR, gak usah malu terima amplopnya!";
  REQUIRE((*c)->classify(post, &out).ok());
  money = find(out, "money_politics");
  REQUIRE(money != nullptr);
  CHECK(money->evidence[0].field.empty());
  CHECK(money->evidence[0].start == 9);
  CHECK(money->evidence[0].end == 23);

  // A text that starts with its title (a description repeating it) is read once.
  post.title = "🔥🔥 Besok SERANGAN FAJAR";
  REQUIRE((*c)->classify(post, &out).ok());
  money = find(out, "money_politics");
  REQUIRE(money != nullptr);
  for (const auto& ev : money->evidence) CHECK(ev.field.empty());

  // Through the record loop, the evidence member names the field.
  const std::string rec =
      run(**c, R"({"kind":"post","id":"youtube:x","title":"Besok serangan fajar","text":""})");
  CHECK(rec.find(R"("field":"title","start":6,"end":20,"text":"serangan fajar")") !=
        std::string::npos);
}

TEST_CASE("context: quiet period in local time, roles, neutrality", "[classifier]") {
  auto c = Classifier::create(shipped());
  REQUIRE(c.ok());
  Classification out;
  PostContext post;
  post.text = "Ayo coblos nomor 3!";
  post.has_account = true;
  post.role = "candidate";
  post.owner = "Budi Santoso";
  post.ballot_no = "3";
  post.region = "52.01";  // WITA
  post.has_time = true;
  post.created_at = *pantau::parse_datetime("2024-02-10T16:30:00Z");  // 00:30 WITA, 11 Feb
  REQUIRE((*c)->classify(post, &out).ok());
  CHECK(out.election == "pemilu-2024");
  const LabelOut* quiet = find(out, "quiet_period");
  REQUIRE(quiet != nullptr);
  CHECK(quiet->evidence[0].note.find("2024-02-11 00:30 WITA") != std::string::npos);
  REQUIRE_FALSE(quiet->targets.empty());
  CHECK(quiet->targets[0].name == "Budi Santoso");
  // The same post in Jakarta (WIB) is still in the campaign period.
  post.region = "31.71";
  REQUIRE((*c)->classify(post, &out).ok());
  CHECK(find(out, "quiet_period") == nullptr);
  CHECK(find(out, "campaign") != nullptr);
  // From a civil servant it is a neutrality breach, not a schedule one.
  post.role = "civil_servant";
  post.text = "Ayo coblos paslon 02 Prabowo-Gibran!";
  REQUIRE((*c)->classify(post, &out).ok());
  CHECK(find(out, "neutrality") != nullptr);
  CHECK(find(out, "quiet_period") == nullptr);
}

TEST_CASE("context: a post dated only by its day is not placed in a window it may miss",
          "[classifier]") {
  auto c = Classifier::create(shipped());
  REQUIRE(c.ok());
  // A candidate's call to vote uploaded on voting day, as yt-dlp dates it (no time of day):
  // in WITA the day runs into the 15th, after the vote.
  const std::string post =
      R"({"kind":"post","id":"youtube:v1","text":"Ayo coblos nomor 3!",)"
      R"("created_at":"2024-02-14T00:00:00Z","created_at_precision":"day",)"
      R"("account":{"role":"candidate","owner":"Budi Santoso","ballot_no":"3","region":"52.01"}})";
  const std::string out = run(**c, post);
  CHECK(out.find(R"("label":"campaign")") != std::string::npos);
  CHECK(out.find(R"("label":"quiet_period")") == std::string::npos);
  // A day wholly in the quiet period is, and the note does not make up an hour.
  std::string quiet = post;
  quiet.replace(quiet.find("2024-02-14"), 10, "2024-02-12");
  const std::string flagged = run(**c, quiet);
  CHECK(flagged.find(R"("label":"quiet_period")") != std::string::npos);
  CHECK(flagged.find("posted 2024-02-12 (UTC date), time known only to the day, in the quiet "
                     "period 2024-02-11..2024-02-13 of pemilu-2024") != std::string::npos);
  // Without the precision the same record is placed by its time (08:00 WITA on voting day).
  std::string timed = post;
  timed.erase(timed.find(R"("created_at_precision":"day",)"), 29);
  CHECK(run(**c, timed).find(R"("label":"quiet_period")") != std::string::npos);
}

TEST_CASE("hard negatives stay unlabelled", "[classifier]") {
  auto c = Classifier::create(shipped());
  REQUIRE(c.ok());
  Classification out;
  PostContext post;
  post.text = "Bawaslu menemukan dugaan politik uang: amplop dibagikan ke warga.";
  REQUIRE((*c)->classify(post, &out).ok());
  CHECK(out.labels.empty());
  post.text = "Ayo datang ke TPS 14 Februari, gunakan hak pilih anda, jangan golput";
  post.has_account = true;
  post.role = "civil_servant";
  REQUIRE((*c)->classify(post, &out).ok());
  CHECK(out.labels.empty());
}

TEST_CASE("records: fields kept, other kinds passed, re-classification replaces", "[classifier]") {
  ClassifierOptions opts;
  auto c = Classifier::create(shipped(), opts);
  REQUIRE(c.ok());
  CHECK(run(**c, R"({"kind":"probe","x":[1,2]})") == R"({"kind":"probe","x":[1,2]})");
  std::string once = run(**c, R"({"kind":"post","zz":{"a":1},"text":"dasar goblok"})");
  CHECK(
      once.rfind(R"({"kind":"post","zz":{"a":1},"text":"dasar goblok","labels":[{"label":"insult")",
                 0) == 0);
  CHECK(once.find(R"("classifier":{"pack":"pantau-id","version":")") != std::string::npos);
  std::string twice = run(**c, once);
  CHECK(twice == once);
  pantau::Status s;
  std::string bad = run(**c, R"({"kind":"post","text":"x","created_at":"yesterday"})", &s);
  CHECK_FALSE(s.ok());
  CHECK(s.message().find("created_at") != std::string::npos);
  CHECK(bad.find("\"labels\":[]") != std::string::npos);  // still written
}

TEST_CASE("only-flagged and min-score", "[classifier]") {
  ClassifierOptions opts;
  opts.only_flagged = true;
  opts.min_score = 0.95;
  auto c = Classifier::create(shipped(), opts);
  REQUIRE(c.ok());
  CHECK(run(**c, R"({"kind":"post","text":"selamat pagi"})").empty());
  CHECK(run(**c, R"({"kind":"post","text":"cebong"})").empty());  // 0.6 < 0.95
  CHECK_FALSE(run(**c, R"({"kind":"post","text":"dasar bego, goblok, anjing"})").empty());
  CHECK(run(**c, R"({"kind":"other"})") == R"({"kind":"other"})");
}

TEST_CASE("hoax claims match with claim id and url", "[classifier]") {
  auto c = Classifier::create(shipped());
  REQUIRE(c.ok());
  ClaimIndex claims;
  auto norm = make_term_normalizer();
  claims.add({"tbh-1", "Kotak suara sudah dicoblos sebelum hari pemungutan di Malaysia", "",
              "https://turnbackhoax.id/x", "2024-02-10"},
             norm);
  (*c)->set_claims(&claims);
  Classification out;
  PostContext post;
  post.text = "VIRAL!! kotak suara sudah dicoblos sebelum hari pemungutan di Malaysia, sebarkan!";
  REQUIRE((*c)->classify(post, &out).ok());
  const LabelOut* hoax = find(out, "hoax");
  REQUIRE(hoax != nullptr);
  bool found = false;
  for (const auto& e : hoax->evidence) {
    if (e.claim_id == "tbh-1") {
      found = true;
      CHECK(e.claim_url == "https://turnbackhoax.id/x");
      CHECK(e.text.rfind("kotak suara", 0) == 0);
    }
  }
  CHECK(found);
}

TEST_CASE("scores are written as std::to_chars writes them", "[classifier]") {
  auto c = Classifier::create(shipped());
  REQUIRE(c.ok());
  Classification cl;
  std::vector<double> scores;
  for (int k = 0; k <= 100; ++k) scores.push_back(std::round(k / 100.0 * 100.0) / 100.0);
  scores.push_back(0.123);  // not a multiple of 0.01: the general path
  for (double x : scores) {
    LabelOut lo;
    lo.score = x;
    EvidenceOut ev;
    ev.rule = "r";
    ev.note = "n";
    ev.claim_id = "c";
    ev.similarity = x;
    lo.evidence.push_back(ev);
    cl.labels.push_back(lo);
  }
  std::string out;
  (*c)->append_members(cl, &out);
  size_t pos = 0;
  for (double x : scores) {
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, x);
    const std::string want(buf, r.ptr);
    pos = out.find("\"score\":", pos);
    REQUIRE(pos != std::string::npos);
    pos += 8;
    CHECK(out.substr(pos, want.size() + 1) == want + ",");
    pos = out.find("\"similarity\":", pos);
    REQUIRE(pos != std::string::npos);
    pos += 13;
    CHECK(out.substr(pos, want.size() + 1) == want + "}");
  }
}

TEST_CASE("a post's text over 256 KiB passes through unclassified, with an error", "[classifier]") {
  // NFKC made 1 MB of U+FDFA (3 bytes -> 33) cost classify 255 MB (issue #16).
  auto c = Classifier::create(shipped());
  REQUIRE(c.ok());
  std::string ligatures;
  while (ligatures.size() <= kMaxTextBytes) ligatures += "\xEF\xB7\xBA";  // U+FDFA
  const std::string record = R"({"kind":"post","text":")" + ligatures + R"("})";
  pantau::Status s;
  CHECK(run(**c, record, &s) == record);
  REQUIRE_FALSE(s.ok());
  CHECK(s.message().find("a post's text may have: not classified") != std::string::npos);

  const std::string longest(kMaxTextBytes, 'a');
  std::string ok = run(**c, R"({"kind":"post","text":")" + longest + R"("})", &s);
  CHECK(s.ok());
  CHECK(ok.find("\"labels\":[") != std::string::npos);
}
