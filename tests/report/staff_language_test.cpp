// What staff read: an Indonesian report has no English template words and no doubled words, the
// classifier's English notes and fetch failures are said in the report's language, the Formulir
// Model A draft follows the form's four parts with marked blanks, and each score has its
// confidence in words, with the generation time and rule pack version at the top.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <set>
#include <sstream>
#include <tuple>

#include "pantau/records/review.h"
#include "pantau/report/election_calendar.h"
#include "pantau/report/render.h"
#include "pantau/report/report_strings.h"
#include "pantau/report/staff_text.h"
#include "report_test_support.h"

using namespace pantau::report;
using namespace pantau::report::test;

namespace {

// A district's day as classify and fetch write it: English context notes (quiet period,
// neutral role, facility, a candidate's own call to vote) and an English failure message.
const char* const kExtra =
    R"j({"kind":"post","id":"x:77","platform":"x","native_id":"77","url":"https://x.com/d/status/77",)j"
    R"j("type":"post","created_at":"2024-02-12T12:00:00Z","author":{"name":"Dewi"},)j"
    R"j("account":{"key":"x:dewi","platform":"x","handle":"dewi","owner":"Dewi Lestari",)j"
    R"j("role":"civil_servant","region":"52.01","district":"Lombok Barat 2"},)j"
    R"j("text":"Ayo coblos nomor 2 di balai desa","metrics":{"views":1200,"shares":34},)j"
    R"j("source":{"format":"x.api","raw_sha256":"cd","fetched_at":"2024-02-14T00:00:00Z",)j"
    R"j("input":"raw-x.ndjson","line":42},"labels":[)j"
    R"j({"label":"quiet_period","score":0.55,"evidence":[{"rule":"context.quiet_period",)j"
    R"j("note":"posted 2024-02-12 20:00 WITA (UTC+08:00), in the quiet period 2024-02-11..2024-02-13 of pemilu-2024"}]},)j"
    R"j({"label":"neutrality","score":0.45,"evidence":[{"rule":"context.neutrality",)j"
    R"j("note":"campaign content from an account with registry role civil_servant (must stay neutral)"}]},)j"
    R"j({"label":"facility_misuse","score":0.3,"evidence":[{"rule":"context.facility",)j"
    R"j("note":"campaign content naming a government facility, place of worship or school"}]},)j"
    R"j({"label":"campaign","score":0.9,"evidence":[{"rule":"context.self",)j"
    R"j("note":"call to vote from the account of Dewi Lestari (role civil_servant)"}]}],)j"
    R"j("classifier":{"pack":"pantau-id","version":"2024.1","election":"pemilu-2024"}})j"
    "\n"
    R"j({"kind":"error","tool":"pantau-fetch-accounts","stage":"fetch","time":"2024-02-14T01:02:10Z",)j"
    R"j("account":{"key":"x:rudi","platform":"x","handle":"rudi","owner":"Rudi"},"platform":"x",)j"
    R"j("http_status":429,"message":"rate limited (http 429) after 5 attempts","retryable":true,)j"
    R"j("attempts":5})j"
    "\n";

std::string render_all(Format f, Lang lang, bool reviews = false) {
  ReportState s(StateOptions{});
  // Staff's decisions, so their words (decisions, the review sections) are checked too.
  ReviewBook book;
  for (const auto& [id, decision, reason] :
       {std::tuple<const char*, Decision, const char*>{"x:1755001122334455667",
                                                       Decision::kDismissed, "kutipan berita"},
        {"youtube:Vv5uT4sR3qP", Decision::kConfirmed, ""},
        {"instagram:C3zYxWvUtSr", Decision::kNeedsCheck, ""}}) {
    Review r;
    r.finding = id;
    r.decision = decision;
    r.reason = reason;
    r.reviewer = "Rina";
    book.add(std::move(r));
  }
  if (reviews) s.set_reviews(&book);
  // What rechecks found (deleted, edited, hidden then visible again, unchanged), so the marks'
  // words are checked too.
  REQUIRE(
      ingest_text(&s, fixture("classified.ndjson") + kExtra + fixture("status.ndjson")).empty());
  ViewOptions vo;
  vo.lang = lang;
  vo.generated_at = "2024-02-14T01:00:00Z";
  std::string out;
  render(build_view(s, vo), f, {}, &out);
  return out;
}

// The report's words outside code, links and ids: whitespace-separated tokens with surrounding
// punctuation stripped, skipping tokens with digits or with . _ / @ : = inside (rule ids, URLs,
// handles, times). `joined` says no punctuation, cell border or tag came between a word and
// the one before it (where a doubled word would be a mistake).
struct Word {
  std::string text;
  bool joined = false;
};

std::vector<Word> words_of(std::string text, bool html) {
  if (html) {
    const size_t style = text.find("<style>");
    if (style != std::string::npos) text.erase(style, text.find("</style>") - style);
    std::string plain;
    bool tag = false;
    for (char c : text) {
      if (c == '<') {
        tag = true;
        plain += " | ";
      }
      if (!tag) plain.push_back(c);
      if (c == '>') tag = false;
    }
    text = plain;
  }
  std::vector<Word> words;
  std::istringstream in(text);
  std::string tok;
  const std::string_view strip = ",.;:!?()[]\"'*_`|<>-#&\xC2\xAB\xBB";
  bool joined = false;
  while (in >> tok) {
    const size_t before = tok.size();
    while (!tok.empty() && strip.find(tok.front()) != std::string_view::npos) tok.erase(0, 1);
    const bool lead = tok.size() != before;
    const size_t mid = tok.size();
    while (!tok.empty() && strip.find(tok.back()) != std::string_view::npos) tok.pop_back();
    const bool trail = tok.size() != mid;
    if (tok.empty() || std::any_of(tok.begin(), tok.end(), [](char c) {
          return std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '/' ||
                 c == '@' || c == ':' || c == '=';
        })) {
      joined = false;
      continue;
    }
    for (auto& c : tok) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    words.push_back(Word{tok, joined && !lead});
    joined = !trail;
  }
  return words;
}

// Common English words of the templates (headings, notes, reasons, form items).
const std::set<std::string> kEnglish{
    "the",      "of",       "and",       "in",        "on",        "from",       "with",
    "before",   "after",    "posted",    "period",    "quiet",     "campaign",   "content",
    "account",  "role",     "must",      "stay",      "neutral",   "rate",       "limited",
    "attempts", "found",    "not",       "unknown",   "score",     "evidence",   "link",
    "fetched",  "shown",    "top",       "none",      "high",      "medium",     "low",
    "reason",   "message",  "stage",     "fetch",     "suspected", "supervisor", "voting",
    "day",      "by",       "post",      "posts",     "findings",  "naming",     "facility",
    "school",   "worship",  "call",      "vote",      "civil",     "servant",    "generated",
    "reach",    "views",    "shares",    "raw",       "record",    "line",       "witnesses",
    "address",  "decision", "reviewer",  "dismissed", "review",    "needs",      "confirmed",
    "reported", "checking", "violation", "yet",       "decided",   "deleted",    "edited",
    "visible",  "again",    "still",     "online",    "checked",   "last",       "gone",
    "then",     "longer",   "now"};

}  // namespace

TEST_CASE("an Indonesian report has no English template words and no doubled words",
          "[report][lang]") {
  for (Format f : {Format::kMarkdown, Format::kHtml}) {
    const std::vector<Word> words = words_of(render_all(f, Lang::kId, true), f == Format::kHtml);
    REQUIRE(words.size() > 1000);
    for (size_t i = 0; i < words.size(); ++i) {
      INFO("word " << i << ": " << words[i].text << " after " << (i > 0 ? words[i - 1].text : ""));
      CHECK(kEnglish.count(words[i].text) == 0);
      if (i > 0 && words[i].joined) CHECK(words[i].text != words[i - 1].text);
    }
  }
}

TEST_CASE("notes, failures and the form are in the report's language", "[report][lang]") {
  const std::string md = render_all(Format::kMarkdown, Lang::kId);
  CHECK(md.find("diunggah Senin, 12 Februari 2024 pukul 20.00 WITA, pada masa tenang "
                "11\xE2\x80\x93"
                "13 Februari 2024 (Pemilu 2024)") != std::string::npos);
  CHECK(md.find("konten kampanye dari akun yang menurut registri berperan sebagai ASN (wajib "
                "netral)") != std::string::npos);
  CHECK(md.find("ajakan memilih dari akun milik Dewi Lestari (ASN)") != std::string::npos);
  CHECK(md.find("dibatasi platform karena terlalu banyak permintaan (HTTP 429) setelah 5 "
                "percobaan") != std::string::npos);
  CHECK(md.find("| pengambilan data |") != std::string::npos);
  CHECK(md.find("Dugaan dugaan") == std::string::npos);
  CHECK(md.find("(--top") == std::string::npos);
  // The form's four parts; the stage from the calendar; blanks for what pantau cannot know.
  for (const char* part :
       {"**I. Data pengawas**", "**II. Kegiatan pengawasan**",
        "**III. Uraian singkat hasil pengawasan**", "**IV. Informasi dugaan pelanggaran**"}) {
    CHECK(md.find(part) != std::string::npos);
  }
  CHECK(md.find("| Tahapan yang diawasi | Masa tenang Pemilu 2024 (11\xE2\x80\x93"
                "13 Februari "
                "2024) |") != std::string::npos);
  CHECK(md.find("| Saksi-saksi | _……… (diisi pengawas)_ |") != std::string::npos);
  CHECK(md.find("| Alamat pelaku | _……… (diisi pengawas)_ |") != std::string::npos);
  CHECK(md.find("| Nama pelaksana tugas pengawasan | _……… (diisi pengawas)_ |") !=
        std::string::npos);
  CHECK(md.find("berkas mentah raw-x.ndjson, baris 42; SHA-256 respons mentah cd") !=
        std::string::npos);

  const std::string en = render_all(Format::kMarkdown, Lang::kEn);
  CHECK(en.find("posted Monday, 12 February 2024, 20:00 WITA, in the quiet period "
                "11\xE2\x80\x93"
                "13 February 2024 (Pemilu 2024)") != std::string::npos);
  CHECK(en.find("rate limited by the platform (HTTP 429) after 5 attempts") != std::string::npos);
  CHECK(en.find("……… (to be filled in by the supervisor)") != std::string::npos);
  for (const char* id_word : {"Dugaan", "diisi", "Tahapan", "percobaan", "pukul", "Alasan",
                              "tinggi", "sedang", "rendah", "Jangkauan"}) {
    INFO(id_word);
    CHECK(en.find(id_word) == std::string::npos);
  }
}

TEST_CASE("scores come with confidence in words; time, pack, reach and raw record shown",
          "[report][score]") {
  CHECK(confidence_word(0.8, Lang::kId) == "tinggi");
  CHECK(confidence_word(0.79, Lang::kId) == "sedang");
  CHECK(confidence_word(0.5, Lang::kEn) == "medium");
  CHECK(confidence_word(0.49, Lang::kEn) == "low");
  const std::string md = render_all(Format::kMarkdown, Lang::kId);
  CHECK(md.find("Dibuat: 2024-02-14T01:00:00Z \xC2\xB7 Paket aturan: pantau-id 2024.1") !=
        std::string::npos);
  CHECK(md.find("> Skor (0–1) menyatakan") != std::string::npos);
  CHECK(md.find("Skor 0.93 (tinggi)") != std::string::npos);
  CHECK(md.find("0.55 (sedang)") != std::string::npos);
  CHECK(md.find("- **Jangkauan:** 1.200 ditonton, 34 dibagikan") != std::string::npos);
  CHECK(md.find("- **Rekaman mentah:** `raw-x.ndjson, baris 42`") != std::string::npos);
  const std::string html = render_all(Format::kHtml, Lang::kEn);
  CHECK(html.find("Score 0.93 (high)") != std::string::npos);
  CHECK(html.find("The score (0–1) says") != std::string::npos);
  CHECK(html.find("<dt>Reach</dt><dd>1,200 views, 34 shares</dd>") != std::string::npos);
  const std::string json = render_all(Format::kJson, Lang::kId);
  CHECK(json.find(R"("score":0.93,"confidence":"high")") != std::string::npos);
  CHECK(json.find(R"("source_input":"raw-x.ndjson","source_line":42)") != std::string::npos);
}

TEST_CASE("stages follow the calendar in local time", "[report][calendar]") {
  const ElectionCalendar* c = find_election("pemilu-2024");
  REQUIRE(c != nullptr);
  auto at = [&](const char* t, int off) { return stage_at(*c, *pantau::parse_datetime(t), off); };
  CHECK(at("2023-11-27T16:59:00Z", 7 * 3600) == ElectionStage::kBeforeCampaign);
  CHECK(at("2023-11-27T17:00:00Z", 7 * 3600) == ElectionStage::kCampaign);
  CHECK(at("2024-02-10T16:30:00Z", 8 * 3600) == ElectionStage::kQuiet);  // 00:30 WITA on the 11th
  CHECK(at("2024-02-14T03:00:00Z", 8 * 3600) == ElectionStage::kVotingDay);
  CHECK(at("2024-02-15T03:00:00Z", 8 * 3600) == ElectionStage::kAfterVoting);
  CHECK(describe_stage(*c, ElectionStage::kCampaign, Lang::kId) ==
        "Masa kampanye Pemilu 2024 (28 November 2023 \xE2\x80\x93 10 Februari 2024)");
  CHECK(find_election("pilkada-2024") != nullptr);
  CHECK(find_election("nope") == nullptr);
}

TEST_CASE("a note dated only by its day is said in the report's language", "[report][lang]") {
  const std::string day =
      "posted 2024-02-12 (UTC date), time known only to the day, in the quiet period "
      "2024-02-11..2024-02-13 of pemilu-2024";
  CHECK(evidence_note(day, Lang::kId) ==
        "diunggah 12 Februari 2024 (tanggal UTC; jam unggahan tidak diketahui), pada masa tenang "
        "11\xE2\x80\x93"
        "13 Februari 2024 (Pemilu 2024)");
  CHECK(evidence_note(day, Lang::kEn) ==
        "posted 12 February 2024 (UTC date; time known only to the day), in the quiet period "
        "11\xE2\x80\x93"
        "13 February 2024 (Pemilu 2024)");
  const std::string two =
      "posted 2024-02-13 (UTC date), time known only to the day, in the quiet period "
      "2024-02-11..2024-02-13 or on voting day 2024-02-14 of pemilu-2024";
  const std::string id = evidence_note(two, Lang::kId);
  CHECK(id ==
        "diunggah 13 Februari 2024 (tanggal UTC; jam unggahan tidak diketahui), pada masa "
        "tenang 11\xE2\x80\x93"
        "13 Februari 2024 atau pada hari pemungutan suara 14 Februari 2024 (Pemilu 2024)");
  for (const Word& w : words_of(id, false)) {
    INFO(w.text);
    CHECK(kEnglish.count(w.text) == 0);
  }
  const std::string before =
      "posted 2023-11-01 (UTC date), time known only to the day, before the campaign period "
      "2023-11-28..2024-02-10 of pemilu-2024";
  CHECK(evidence_note(before, Lang::kId).find("sebelum masa kampanye") != std::string::npos);
}
