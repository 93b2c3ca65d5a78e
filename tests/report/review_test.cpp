// Review decisions read back: the findings CSV the report writes, filled in by staff, and review
// NDJSON records; the latest decision per finding; dismissed findings out of "new" and the lists.
#include "pantau/records/review.h"

#include <catch2/catch.hpp>

#include "pantau/report/render.h"
#include "pantau/report/report_view.h"
#include "pantau/report/since_report.h"
#include "report_test_support.h"

using namespace pantau::report;
using namespace pantau::report::test;
using pantau::test::scratch_dir;
using pantau::test::write_file;

namespace {

std::string three_posts() {
  std::string out;
  int i = 0;
  for (const char* id : {"x:1", "x:2", "x:3"}) {
    PostSpec p;
    p.id = id;
    p.labels = {{"hoax", 0.9 - 0.1 * i++, ""}};
    out += post_json(p) + "\n";
  }
  return out;
}

// Fills the keputusan/alasan/peninjau cells of the row whose id cell is `id`: the three before
// the three post_status cells at the end (empty here: no status records).
std::string fill(const std::string& csv, char delim, const std::string& id,
                 const std::string& cells) {
  const size_t at = csv.find(std::string(1, delim) + id + delim);
  REQUIRE(at != std::string::npos);
  const size_t eol = csv.find("\r\n", at);
  REQUIRE(csv.substr(eol - 6, 6) == std::string(6, delim));
  return csv.substr(0, eol - 6) + delim + cells + std::string(3, delim) + csv.substr(eol);
}

}  // namespace

TEST_CASE("decisions are read as staff type them", "[report][review]") {
  CHECK(parse_decision("benar") == Decision::kConfirmed);
  CHECK(parse_decision("  Bukan   Pelanggaran ") == Decision::kDismissed);
  CHECK(parse_decision("bukan_pelanggaran") == Decision::kDismissed);
  CHECK(parse_decision("DILAPORKAN") == Decision::kReported);
  CHECK(parse_decision("perlu dicek") == Decision::kNeedsCheck);
  CHECK_FALSE(parse_decision("salah"));
  CHECK_FALSE(parse_decision("bukanpelanggaran"));
}

TEST_CASE("the findings CSV round trips through --reviews in both dialects", "[report][review]") {
  for (const CsvOptions dialect : {kSpreadsheetCsv, kRfc4180Csv}) {
    const std::string& dir = scratch_dir();
    ReportState first(StateOptions{});
    REQUIRE(ingest_text(&first, three_posts()).empty());
    std::string csv;
    render(build_view(first, ViewOptions{}), Format::kCsv, dialect, &csv);
    const char d = dialect.delimiter;
    csv = fill(csv, d, "x:1", "Benar" + std::string(1, d) + std::string(1, d) + "'@rina");
    csv = fill(csv, d, "x:2",
               "bukan pelanggaran" + std::string(1, d) + "berita resmi KPU" + d + "Rina");
    csv = fill(csv, d, "x:3", "salah ketik" + std::string(2, d));
    write_file(dir + "/review-r.csv", csv);

    ReviewBook book;
    std::vector<std::string> errors;
    REQUIRE(load_reviews(dir + "/review-r.csv", &book, &errors).ok());
    REQUIRE(errors.size() == 1);
    CHECK(errors[0] == dir +
                           "/review-r.csv:4: unknown decision \"salah ketik\" (use benar, bukan "
                           "pelanggaran, dilaporkan or perlu dicek)");
    REQUIRE(book.size() == 2);
    CHECK(book.find("x:1")->decision == Decision::kConfirmed);
    CHECK(book.find("x:1")->reviewer == "@rina");  // the formula guard is undone
    CHECK(book.find("x:2")->reason == "berita resmi KPU");
    CHECK(book.find("x:2")->label == "hoax");

    ReportState second(StateOptions{});
    second.set_reviews(&book);
    REQUIRE(ingest_text(&second, three_posts()).empty());
    const ReportView v = build_view(second, ViewOptions{});
    REQUIRE(v.top.size() == 2);  // x:2 dismissed: out of the main list
    CHECK(v.top[0].review->decision == Decision::kConfirmed);
    CHECK(v.top[1].review == nullptr);
    REQUIRE(v.dismissed.size() == 1);
    CHECK(v.dismissed[0].finding->id == "x:2");
    REQUIRE(v.pending.size() == 1);
    CHECK(v.pending[0].finding->id == "x:3");

    // The next CSV carries the decisions forward, pre-filled.
    std::string again;
    render(v, Format::kCsv, dialect, &again);
    CHECK(again.find(std::string(1, d) + "bukan pelanggaran" + d + "berita resmi KPU" + d + "Rina" +
                     std::string(3, d) + "\r\n") != std::string::npos);
  }
}

TEST_CASE("review records: the latest decision wins; dismissed is never new", "[report][review]") {
  const std::string& dir = scratch_dir();
  write_file(
      dir + "/review-r.ndjson",
      R"({"kind":"review","finding":"x:1","label":"hoax","decision":"bukan_pelanggaran","reason":"satire","reviewer":"Rina","reviewed_at":"2024-02-15T10:00:00Z"})"
      "\n"
      R"({"kind":"review","finding":"x:1","label":"hoax","decision":"perlu_dicek","reviewer":"Adi","reviewed_at":"2024-02-14T10:00:00Z"})"
      "\n"
      R"({"kind":"review","finding":"x:3","decision":"ditolak","reviewed_at":"2024-02-14T10:00:00Z"})"
      "\n"
      R"({"kind":"review","finding":"x:2","decision":"dilaporkan","reviewed_at":"2024-02-14T10:00:00Z"})"
      "\n"
      R"({"kind":"review","finding":"x:2","decision":"benar","reviewed_at":"2024-02-14T10:00:00Z"})"
      "\n");
  ReviewBook book;
  std::vector<std::string> errors;
  REQUIRE(load_reviews(dir + "/review-r.ndjson", &book, &errors).ok());
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].starts_with(dir + "/review-r.ndjson:3: unknown decision \"ditolak\""));
  CHECK(book.find("x:1")->decision == Decision::kDismissed);  // later reviewed_at
  CHECK(book.find("x:2")->decision == Decision::kConfirmed);  // same time: later in the file

  write_file(dir + "/review-prev.json", R"({"findings":[],"known_ids":["x:3"]})"
                                        "\n");
  ReportState state(StateOptions{});
  REQUIRE(load_since_report(dir + "/review-prev.json", &state).ok());
  state.set_reviews(&book);
  REQUIRE(ingest_text(&state, three_posts()).empty());
  CHECK(state.totals().new_findings == 1);  // x:2 only: x:1 dismissed, x:3 known
  const ReportView v = build_view(state, ViewOptions{});
  REQUIRE(v.dismissed.size() == 1);
  CHECK(v.dismissed[0].is_new == false);
  for (const auto& r : v.top) CHECK(r.finding->id != "x:1");

  std::string md;
  render(v, Format::kMarkdown, {}, &md);
  CHECK(md.find("## Temuan yang dinyatakan bukan pelanggaran") != std::string::npos);
  CHECK(md.find("bukan pelanggaran \xE2\x80\x94 satire (Rina)") != std::string::npos);
  std::string json;
  render(v, Format::kJson, {}, &json);
  CHECK(json.find(R"("review":{"decision":"benar")") != std::string::npos);
  CHECK(json.find(R"("needs_review":["x:3"])") != std::string::npos);
}
