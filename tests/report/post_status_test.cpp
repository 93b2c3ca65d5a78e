// Status records (what a recheck found) in the report: the history rules of fate_of(), the marks
// in every format and in the Formulir evidence, joins that do not depend on input order, status
// records without a finding counted, bad status records rejected by line, and a removal that the
// previous report did not show making a finding new again.
#include "pantau/report/post_status.h"

#include <catch2/catch.hpp>

#include "pantau/report/render.h"
#include "pantau/report/report_view.h"
#include "pantau/report/since_report.h"
#include "pantau/report/state_io.h"
#include "report_test_support.h"

using namespace pantau::report;
using namespace pantau::report::test;
using pantau::test::scratch_dir;
using pantau::test::write_file;

namespace {

StatusCheck check(const std::string& status, const std::string& at, std::string text = {}) {
  StatusCheck c;
  c.id = "x:1";
  c.status = *parse_post_status(status);
  c.checked_at = at;
  c.checked_ms = *pantau::parse_datetime(at);
  c.text_now = std::move(text);
  return c;
}

pantau::EpochMillis ms(const char* t) { return *pantau::parse_datetime(t); }

std::string render_with(const std::string& input, Format f, Lang lang = Lang::kId,
                        const std::string& since = {}) {
  ReportState s(StateOptions{});
  if (!since.empty()) {
    const std::string path = scratch_dir() + "/since.json";
    write_file(path, since);
    REQUIRE(load_since_report(path, &s).ok());
  }
  REQUIRE(ingest_text(&s, input).empty());
  ViewOptions vo;
  vo.lang = lang;
  vo.generated_at = "2024-02-16T03:00:00Z";
  std::string out;
  render(build_view(s, vo), f, kSpreadsheetCsv, &out);
  return out;
}

const FindingRow* row_for(const ReportView& v, std::string_view id) {
  for (const auto& r : v.top) {
    if (r.finding->id == id) return &r;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("a post's history: the last definite check stands, a removal stays in it",
          "[report][status]") {
  const pantau::EpochMillis found = ms("2024-02-14T01:00:00Z");
  SECTION("deleted, then a failed check: still deleted since the first") {
    const PostFate f = fate_of(
        {check("deleted", "2024-02-15T02:00:00Z"), check("unknown", "2024-02-16T02:00:00Z")},
        found);
    CHECK(f.removal == PostStatus::kDeleted);
    CHECK(f.removed_at == ms("2024-02-15T02:00:00Z"));
    CHECK(f.visible_again_at == kNoTime);
    CHECK(f.last_checked == ms("2024-02-16T02:00:00Z"));
    CHECK(fate_code(f) == "deleted");
  }
  SECTION("hidden, then deleted: deleted since the removal began") {
    const PostFate f = fate_of(
        {check("present", "2024-02-14T05:00:00Z"), check("not_visible", "2024-02-15T02:00:00Z"),
         check("deleted", "2024-02-16T02:00:00Z")},
        found);
    CHECK(f.removal == PostStatus::kDeleted);
    CHECK(f.removed_at == ms("2024-02-15T02:00:00Z"));
  }
  SECTION("hidden, then visible again: the removal is kept with the time it came back") {
    const PostFate f = fate_of(
        {check("not_visible", "2024-02-15T02:00:00Z"), check("present", "2024-02-16T02:00:00Z")},
        found);
    CHECK(f.removal == PostStatus::kNotVisible);
    CHECK(f.visible_again_at == ms("2024-02-16T02:00:00Z"));
    CHECK(f.last_seen_at == ms("2024-02-16T02:00:00Z"));
  }
  SECTION("edited twice: since the first edit, with the latest text") {
    const PostFate f = fate_of({check("edited", "2024-02-15T02:00:00Z", "v2"),
                                check("edited", "2024-02-16T02:00:00Z", "v3")},
                               found);
    CHECK_FALSE(f.removed());
    CHECK(f.edited);
    CHECK(f.edited_at == ms("2024-02-15T02:00:00Z"));
    CHECK(f.text_now == "v3");
    CHECK(fate_code(f) == "edited");
  }
  SECTION("checks before the finding was fetched do not count") {
    const PostFate f = fate_of({check("deleted", "2024-02-13T00:00:00Z")}, found);
    CHECK_FALSE(f.changed());
    CHECK(f.last_checked == kNoTime);
    CHECK(fate_code(f) == "unknown");
  }
  SECTION("only failed checks: nothing is known") {
    const PostFate f = fate_of({check("unknown", "2024-02-15T02:00:00Z")}, found);
    CHECK_FALSE(f.changed());
    CHECK(f.last_seen_at == kNoTime);
  }
}

TEST_CASE("a status record reads back as written and bad ones name the member",
          "[report][status]") {
  const std::string input =
      fixture("classified.ndjson") +
      R"({"kind":"status","id":"x:5","status":"gone","checked_at":"2024-02-15T02:00:00Z"})"
      "\n"
      R"({"kind":"status","id":"x:5","status":"deleted","checked_at":"yesterday"})"
      "\n"
      R"({"kind":"status","id":"x:5","status":"deleted"})"
      "\n";
  ReportState s(StateOptions{});
  const auto errors = ingest_text(&s, input);
  REQUIRE(errors.size() == 3);
  CHECK(errors[0].find("18: \"status\": unknown value \"gone\"") == 0);
  CHECK(errors[1].find("19: \"checked_at\": ") == 0);
  CHECK(errors[2] == "20: status has no \"checked_at\"");
  CHECK(s.totals().status_records == 0);

  ReportState t(StateOptions{});
  REQUIRE(ingest_text(&t, fixture("status.ndjson")).empty());
  for (const auto& [id, checks] : t.statuses()) {
    for (const auto& c : checks) {
      std::string line;
      pantau::JsonWriter w(&line);
      write_status_check(c, w);
      ReportState u(StateOptions{});
      REQUIRE(ingest_text(&u, line + "\n").empty());
      REQUIRE(u.checks_for(id) != nullptr);
      CHECK(u.checks_for(id)->front() == c);
    }
  }
}

TEST_CASE("a finding deleted or edited after it was found is marked in every format",
          "[report][status]") {
  const std::string input = fixture("classified.ndjson") + fixture("status.ndjson");
  ReportState s(StateOptions{});
  REQUIRE(ingest_text(&s, input).empty());
  // Every line is accounted for: 9 status records, 2 of them for posts without a finding.
  CHECK(s.totals().status_records == 9);
  CHECK(s.totals().other_records == 1);
  CHECK(s.status_records_without_finding() == 2);
  const ReportView v = build_view(s, ViewOptions{});
  CHECK(v.status_without_finding == 2);
  const FindingRow* tiktok = row_for(v, "tiktok:7334120045566778899");
  REQUIRE(tiktok != nullptr);
  REQUIRE(tiktok->fate);
  CHECK(tiktok->fate->removal == PostStatus::kDeleted);
  const FindingRow* hidden = row_for(v, "instagram:C3zYxWvUtSr");
  REQUIRE(hidden != nullptr);
  CHECK_FALSE(hidden->fate);  // its only check was made before it was fetched
  // Deleted (tiktok), edited (x hoax), hidden then visible again (youtube).
  CHECK(v.changed_findings == 3);

  const std::string deleted =
      "dihapus setelah ditemukan (Kamis, 15 Februari 2024 pukul 10.00 WITA)";
  const std::string edited = "diubah setelah ditemukan (Kamis, 15 Februari 2024 pukul 03.30 UTC)";
  const std::string new_text =
      "teks sekarang \xC2\xAB"
      "Maaf, kabar soal surat suara itu tidak benar. Tetap tenang dan datang ke TPS.\xC2\xBB";
  const std::string md = render_with(input, Format::kMarkdown);
  CHECK(md.find("- **Status unggahan:** **" + deleted + "**") != std::string::npos);
  CHECK(md.find("| Temuan yang dihapus atau diubah setelah ditemukan | 3 |") != std::string::npos);
  CHECK(md.find("| Rekaman pemeriksaan ulang unggahan | 9 (2 tanpa temuan) |") !=
        std::string::npos);
  CHECK(md.find(new_text) != std::string::npos);
  CHECK(md.find("tidak dapat dilihat lagi setelah ditemukan (Kamis, 15 Februari 2024 pukul 10.00 "
                "WITA), lalu terlihat lagi (Jumat, 16 Februari 2024 pukul 10.00 WITA)") !=
        std::string::npos);
  CHECK(md.find("- **Status unggahan:** masih ada (terakhir diperiksa Kamis, 15 Februari 2024 "
                "pukul 10.00 WITA)") != std::string::npos);
  // The Formulir Model A evidence says it too, with the new text of an edit.
  // and the SHA-256 of the recheck's raw response.
  CHECK(md.find("format tiktok.api; " + deleted + "; SHA-256 respons pemeriksaan ulang " +
                std::string(64, '1') + " |") != std::string::npos);
  CHECK(md.find("; " + edited + ": " + new_text + "; SHA-256 respons pemeriksaan ulang " +
                std::string(64, '2') + " |") != std::string::npos);
  // The short lists mark it beside the excerpt.
  CHECK(md.find("| _" + deleted + "_ Serangan fajar?") != std::string::npos);

  const std::string html = render_with(input, Format::kHtml);
  CHECK(html.find("<dt>Status unggahan</dt><dd><span class=\"fate\">" + deleted + "</span></dd>") !=
        std::string::npos);

  const std::string csv = render_with(input, Format::kCsv);
  CHECK(csv.find(";keputusan;alasan;peninjau;post_status;post_status_at;post_status_note\r\n") !=
        std::string::npos);
  CHECK(csv.find(";;;;deleted;2024-02-15T02:00:00Z;" + deleted + "\r\n") != std::string::npos);
  CHECK(csv.find(";;;;edited;2024-02-15T03:30:00Z;" + edited + ": " + new_text + "\r\n") !=
        std::string::npos);

  const std::string json = render_with(input, Format::kJson);
  CHECK(json.find("\"post_status\":{\"status\":\"deleted\",\"removal\":\"deleted\",\"removed_at\":"
                  "\"2024-02-15T02:00:00Z\",\"removal_raw_sha256\":\"" +
                  std::string(64, '1') + "\",\"visible_again_at\":null,\"edited\":false,") !=
        std::string::npos);
  CHECK(json.find("\"status_records\":9,\"status_records_without_finding\":2,"
                  "\"changed_findings\":3,\"newly_removed\":null") != std::string::npos);
  CHECK(json.find("\"known_removed\":[\"tiktok:7334120045566778899\",\"youtube:Vv5uT4sR3qP\"]") !=
        std::string::npos);

  const std::string en = render_with(input, Format::kMarkdown, Lang::kEn);
  CHECK(en.find("deleted after it was found (Thursday, 15 February 2024, 10:00 WITA)") !=
        std::string::npos);
  CHECK(en.find("edited after it was found (Thursday, 15 February 2024, 03:30 UTC): text now") !=
        std::string::npos);
}

TEST_CASE("status records join their findings whatever order they come in", "[report][status]") {
  const std::string posts = fixture("classified.ndjson");
  const std::string status = fixture("status.ndjson");
  for (Format f : {Format::kMarkdown, Format::kHtml, Format::kCsv, Format::kJson}) {
    CHECK(render_with(posts + status, f) == render_with(status + posts, f));
  }
  // A partial state carries every check: merged, it gives the same report.
  ReportState part(StateOptions{});
  REQUIRE(ingest_text(&part, status).empty());
  ReportState rest(StateOptions{});
  REQUIRE(ingest_text(&rest, posts).empty());
  std::string states;
  write_state(part, &states);
  write_state(rest, &states);
  ReportState merged(StateOptions{});
  REQUIRE(ingest_text(&merged, states, true).empty());
  std::string a, b;
  ViewOptions vo;
  render(build_view(merged, vo), Format::kJson, {}, &a);
  ReportState single(StateOptions{});
  REQUIRE(ingest_text(&single, posts + status).empty());
  render(build_view(single, vo), Format::kJson, {}, &b);
  CHECK(a == b);
}

TEST_CASE("a removal the previous report did not show is news", "[report][status][since]") {
  const std::string input = fixture("classified.ndjson") + fixture("status.ndjson");
  const std::string previous = fixture("previous-removed.json");
  ReportState s(StateOptions{});
  const std::string path = scratch_dir() + "/previous-removed.json";
  write_file(path, previous);
  REQUIRE(load_since_report(path, &s).ok());
  REQUIRE(ingest_text(&s, input).empty());
  const ReportView v = build_view(s, ViewOptions{});
  // tiktok was reported before, but not its deletion: new again. youtube's removal was shown.
  const FindingRow* tiktok = row_for(v, "tiktok:7334120045566778899");
  REQUIRE(tiktok != nullptr);
  CHECK(tiktok->removal_is_news);
  CHECK(tiktok->is_new == std::optional<bool>(true));
  const FindingRow* youtube = row_for(v, "youtube:Vv5uT4sR3qP");
  REQUIRE(youtube != nullptr);
  CHECK_FALSE(youtube->removal_is_news);
  CHECK(youtube->is_new == std::optional<bool>(false));
  CHECK(v.newly_removed == 1);
  const std::string md = render_with(input, Format::kMarkdown, Lang::kId, previous);
  CHECK(md.find("| Baru dihapus sejak laporan sebelumnya | 1 |") != std::string::npos);

  // --new-only keeps the newly deleted finding in the lists, but only when its checks came
  // before its post (see pantau-report(1)); the known ones without news are left out.
  StateOptions o;
  o.new_only = true;
  ReportState n(o);
  REQUIRE(load_since_report(path, &n).ok());
  REQUIRE(ingest_text(&n, fixture("status.ndjson") + fixture("classified.ndjson")).empty());
  const ReportView nv = build_view(n, ViewOptions{});
  CHECK(row_for(nv, "tiktok:7334120045566778899") != nullptr);
  CHECK(row_for(nv, "youtube:Vv5uT4sR3qP") == nullptr);
  CHECK(row_for(nv, "x:1755009988776655443") == nullptr);  // edited, known: not news
  for (const auto& r : nv.top) CHECK(r.is_new == std::optional<bool>(true));

  // The next report knows the deletion: not news twice.
  std::string json;
  render(build_view(s, ViewOptions{}), Format::kJson, {}, &json);
  const std::string next_path = scratch_dir() + "/next.json";
  write_file(next_path, json);
  ReportState next(StateOptions{});
  REQUIRE(load_since_report(next_path, &next).ok());
  REQUIRE(ingest_text(&next, input).empty());
  const ReportView later = build_view(next, ViewOptions{});
  CHECK(later.newly_removed == 0);
  REQUIRE(row_for(later, "tiktok:7334120045566778899") != nullptr);
  CHECK(row_for(later, "tiktok:7334120045566778899")->is_new == std::optional<bool>(false));
}

TEST_CASE("a findings CSV with post status columns reads back through --reviews",
          "[report][status][review]") {
  std::string csv =
      render_with(fixture("classified.ndjson") + fixture("status.ndjson"), Format::kCsv);
  const size_t at = csv.find(";;;;deleted;2024-02-15T02:00:00Z;");
  REQUIRE(at != std::string::npos);
  csv.replace(at, 11, ";benar;;Rina;deleted");
  const std::string path = scratch_dir() + "/status-reviews.csv";
  write_file(path, csv);
  ReviewBook book;
  std::vector<std::string> errors;
  REQUIRE(load_reviews(path, &book, &errors).ok());
  CHECK(errors.empty());
  REQUIRE(book.find("tiktok:7334120045566778899") != nullptr);
  CHECK(book.find("tiktok:7334120045566778899")->decision == Decision::kConfirmed);
  CHECK(book.find("tiktok:7334120045566778899")->reviewer == "Rina");
}

TEST_CASE("the same status record read twice is one check", "[report][status]") {
  // The scheduled job gives the rechecks' status records first and again inside the stream.
  const std::string statuses = fixture("status.ndjson");
  ReportState once(StateOptions{});
  REQUIRE(ingest_text(&once, statuses + fixture("classified.ndjson")).empty());
  ReportState twice(StateOptions{});
  REQUIRE(ingest_text(&twice, statuses + fixture("classified.ndjson") + statuses).empty());
  CHECK(twice.totals().status_records == once.totals().status_records);
  CHECK(twice.status_records_without_finding() == once.status_records_without_finding());
  std::string a, b;
  ViewOptions vo;
  vo.generated_at = "2024-02-16T03:00:00Z";
  render(build_view(once, vo), Format::kJson, kSpreadsheetCsv, &a);
  render(build_view(twice, vo), Format::kJson, kSpreadsheetCsv, &b);
  // Only the count of lines read differs.
  const auto records = [](const std::string& json) {
    const size_t at = json.find("\"records\":");
    return json.substr(0, at) + json.substr(json.find(',', at));
  };
  CHECK(records(a) == records(b));
}
