// Findings as a reader sees them: violations before campaign content, each evidence span once,
// and the post's own author never listed as its target.
#include "pantau/report/finding_tidy.h"

#include <catch2/catch.hpp>

#include "pantau/report/formulir.h"
#include "pantau/report/render.h"
#include "report_test_support.h"

using namespace pantau::report;
using namespace pantau::report::test;

namespace {

// What classify emits for a candidate's own call to vote in the quiet period: "campaign" first,
// the same spans under both labels, and the candidate and his party as targets.
const char* const kSelfPost =
    R"({"kind":"post","id":"x:9","platform":"x","native_id":"9","url":"https://x.com/b/status/9",)"
    R"("type":"post","created_at":"2024-02-12T12:00:00Z","author":{"name":"Budi Santoso"},)"
    R"("account":{"key":"x:budi","platform":"x","handle":"budi","owner":"Budi Santoso",)"
    R"("role":"candidate","party":"Partai Contoh","ballot_no":"3","region":"52.01"},)"
    R"("text":"Besok jangan lupa coblos Budi Santoso dari Partai Contoh, bukan Siti Aminah!",)"
    R"("source":{"raw_sha256":"ab","fetched_at":"2024-02-14T00:00:00Z"},"labels":[)"
    R"({"label":"campaign","score":0.9,"evidence":[)"
    R"({"rule":"campaign.call_strong","start":5,"end":23,"text":"jangan lupa coblos"},)"
    R"({"rule":"campaign.call","start":17,"end":23,"text":"coblos"},)"
    R"({"rule":"campaign.call","start":17,"end":23,"text":"coblos"}],)"
    R"("targets":[{"type":"candidate","name":"Budi Santoso","ballot_no":"3","party":"Partai Contoh"},)"
    R"({"type":"party","name":"Partai Contoh"},)"
    R"({"type":"candidate","name":"Siti Aminah","ballot_no":"5","party":"Partai Maju"}]},)"
    R"({"label":"quiet_period","score":0.8,"evidence":[)"
    R"({"rule":"context.quiet_period","note":"in the quiet period"},)"
    R"({"rule":"campaign.call_strong","start":5,"end":23,"text":"jangan lupa coblos"},)"
    R"({"rule":"campaign.call","start":17,"end":23,"text":"coblos"}],)"
    R"("targets":[{"type":"candidate","name":"budi santoso ","ballot_no":"3","party":"Partai Contoh"}]}],)"
    R"("classifier":{"pack":"pantau-id","version":"2024.1"}})";

size_t count(const std::string& hay, std::string_view needle) {
  size_t n = 0;
  for (size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("violations come before campaign content, spans once, no self target", "[report][tidy]") {
  ReportState s(StateOptions{});
  REQUIRE(ingest_text(&s, std::string(kSelfPost) + "\n").empty());
  REQUIRE(s.top().size() == 1);
  const Finding& f = *s.top().sorted()[0].finding;
  REQUIRE(f.labels.size() == 2);
  CHECK(f.labels[0].label == "quiet_period");
  CHECK(f.labels[1].label == "campaign");
  CHECK(f.labels[1].evidence.size() == 2);  // the repeated "coblos" once
  CHECK(unique_evidence(f).size() == 3);    // the note and two spans, across both labels
  REQUIRE(f.labels[1].targets.size() == 1);
  CHECK(f.labels[1].targets[0].name == "Siti Aminah");
  CHECK(f.labels[0].targets.empty());

  std::string md;
  render(build_view(s, ViewOptions{}), Format::kMarkdown, {}, &md);
  CHECK(md.find("### 1. Kampanye di masa tenang, Konten kampanye") != std::string::npos);
  CHECK(count(md,
              "campaign.call: \xC2\xAB"
              "coblos\xC2\xBB") == 1);
  CHECK(count(md, "Sasaran: Siti Aminah (Partai Maju)") == 1);
  CHECK(md.find("Sasaran: Budi") == std::string::npos);
  std::string html;
  render(build_view(s, ViewOptions{}), Format::kHtml, {}, &html);
  CHECK(count(html, "<li><code>campaign.call</code> &laquo;coblos&raquo;") == 1);

  // Tidying is idempotent: a --partial state read back gives the same finding.
  Finding again = f;
  tidy_finding(&again);
  CHECK(again == f);
}
