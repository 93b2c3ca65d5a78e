// The four formats over the hand-written fixture: structure, escaping of hostile post text,
// language, and determinism.
#include <simdjson.h>

#include <catch2/catch.hpp>

#include "pantau/report/formulir.h"
#include "pantau/report/render.h"
#include "report_test_support.h"

using namespace pantau::report;
using namespace pantau::report::test;

namespace {

std::string render_fixture(Format f, ViewOptions vo = {}, CsvOptions csv = {},
                           StateOptions so = {}) {
  ReportState s(so);
  REQUIRE(ingest_text(&s, fixture("classified.ndjson")).empty());
  std::string out;
  render(build_view(s, vo), f, csv, &out);
  return out;
}

size_t count(const std::string& hay, std::string_view needle) {
  size_t n = 0;
  for (size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("HTML is self-contained and hostile text stays text", "[report][html]") {
  const std::string html = render_fixture(Format::kHtml);
  CHECK(html.rfind("<!DOCTYPE html>\n<html lang=\"id\">", 0) == 0);
  CHECK(html.find("Content-Security-Policy") != std::string::npos);
  // The fixture's post carries <script>, an <img onerror>, and a javascript: URL.
  CHECK(count(html, "<script") == 0);
  CHECK(count(html, "<img") == 0);
  CHECK(count(html, "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;") >= 1);
  CHECK(count(html, "href=\"javascript:") == 0);
  CHECK(count(html, "<link") == 0);
  CHECK(count(html, "src=\"") == 0);
  // Every link is http(s) or an in-page anchor.
  for (size_t p = html.find("href=\""); p != std::string::npos; p = html.find("href=\"", p + 1)) {
    const std::string_view target = std::string_view(html).substr(p + 6, 8);
    INFO(target);
    CHECK((target.rfind("https://", 0) == 0 || target.rfind("http://", 0) == 0 ||
           target.front() == '#'));
  }
  CHECK(html.find("<mark>bagi-bagi sembako</mark>") != std::string::npos);
  CHECK(html.find("<svg class=\"chart\"") != std::string::npos);
  CHECK(html.find("@page{size:A4") != std::string::npos);
  CHECK(html.find("name=\"viewport\"") != std::string::npos);
  CHECK(html.find("Formulir Model A (draf)") != std::string::npos);
  CHECK(html.find("Akun yang gagal diambil") != std::string::npos);
}

TEST_CASE("English reports translate headings and label names", "[report][lang]") {
  ViewOptions en;
  en.lang = Lang::kEn;
  const std::string html = render_fixture(Format::kHtml, en);
  CHECK(html.find("<html lang=\"en\">") != std::string::npos);
  CHECK(html.find("Top findings") != std::string::npos);
  CHECK(html.find("Money politics") != std::string::npos);
  CHECK(html.find("Temuan teratas") == std::string::npos);
  CHECK(html.find("Politik uang") == std::string::npos);
  const std::string md = render_fixture(Format::kMarkdown, en);
  CHECK(md.rfind("# Social Media Monitoring Report\n", 0) == 0);
  CHECK(md.find("## Accounts that could not be fetched") != std::string::npos);
  CHECK(md.find("Monday, 12 February 2024, 09:15 WITA") != std::string::npos);
}

TEST_CASE("Markdown shows the evidence and escapes the post", "[report][markdown]") {
  const std::string md = render_fixture(Format::kMarkdown);
  CHECK(md.rfind("# Laporan Pengawasan Media Sosial\n", 0) == 0);
  CHECK(md.find("> **Serangan fajar**? Itu urusan tim. Yang penting **amplop** sudah siap") !=
        std::string::npos);
  CHECK(md.find("\\<script\\>alert('xss')\\</script\\>") != std::string::npos);
  CHECK(md.find("\\[klik\\](javascript:alert(1))") != std::string::npos);
  CHECK(md.find("<script>") == std::string::npos);
  CHECK(md.find("| Waktu kejadian | Senin, 12 Februari 2024 pukul 09.15 WITA "
                "(2024-02-12T01:15:00Z) |") != std::string::npos);
  CHECK(md.find("## Masa tenang dan kampanye di luar jadwal") != std::string::npos);
  CHECK(md.find("## Netralitas ASN, TNI, Polri dan kepala desa") != std::string::npos);
  // No generation time unless asked for.
  CHECK(md.find("Dibuat") == std::string::npos);
  ViewOptions with_time;
  with_time.generated_at = "2024-02-14T02:00:00Z";
  CHECK(render_fixture(Format::kMarkdown, with_time).find("Dibuat: 2024-02-14T02:00:00Z") !=
        std::string::npos);
}

TEST_CASE("JSON is one document with the aggregates", "[report][json]") {
  const std::string json = render_fixture(Format::kJson);
  REQUIRE(json.back() == '\n');
  CHECK(count(json, "\n") == 1);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  REQUIRE(parser.parse(json).get(doc) == simdjson::SUCCESS);
  CHECK(int64_t(doc["summary"]["posts"]) == 13);
  CHECK(int64_t(doc["summary"]["findings"]) == 10);
  CHECK(int64_t(doc["summary"]["failed_accounts"]) == 2);
  CHECK(int64_t(doc["summary"]["other_records"]) == 1);
  CHECK(doc["findings"].get_array().size() == 9);  // the re-fetched TikTok video is one finding
  CHECK(std::string_view(doc["findings"].at(0)["id"]) == "tiktok:7334120045566778899");
  CHECK(std::string_view(doc["findings"].at(0)["fetched_at"]) == "2024-02-13T06:00:00Z");
  CHECK(std::string_view(doc["findings"].at(0)["created_local"]) == "2024-02-12T09:15:00+08:00");
  CHECK(
      std::string_view(doc["findings"].at(0)["form"]["article"]) ==
      "UU 7/2017 Pasal 280 ayat (1) huruf j; UU 7/2017 Pasal 278 ayat (2) jo. Pasal 523 ayat (2)");
  CHECK(doc["quiet_period"].get_array().size() == 4);
  CHECK(doc["neutrality"].get_array().size() == 2);
  CHECK(doc["known_ids"].get_array().size() == 9);
  CHECK(doc["findings"].at(0)["new"].is_null());
}

TEST_CASE("CSV has one row per finding and a fixed header", "[report][csv]") {
  const std::string csv = render_fixture(Format::kCsv);
  CHECK(csv.rfind("rank,new,lists,score,", 0) == 0);
  CHECK(csv.find(",id,platform,native_id,type,url,created_at,") != std::string::npos);
  // Rows end with CRLF; quoted cells may hold bare LFs (the YouTube comment has line breaks).
  CHECK(count(csv, "\r\n") == 1 + 9);
  CHECK(csv.find("account.party") != std::string::npos);
  CHECK(csv.find("\xEF\xBB\xBF") == std::string::npos);
  const std::string excel = render_fixture(Format::kCsv, {}, CsvOptions{',', true});
  CHECK(excel.rfind("\xEF\xBB\xBFrank,", 0) == 0);
  CHECK(excel.find(",'@budi.santoso3,") != std::string::npos);  // formula guard on a leading @
  CHECK(excel.find("\"=\"\"05\"\"\"") != std::string::npos);    // ballot number kept as text
}

TEST_CASE("the default CSV opens in Indonesian Excel and has decision columns", "[report][csv]") {
  const std::string csv = render_fixture(Format::kCsv, {}, kSpreadsheetCsv);
  // BOM, then `;`-separated header ending in the three columns staff fill in.
  CHECK(csv.rfind("\xEF\xBB\xBFrank;new;lists;score;", 0) == 0);
  CHECK(csv.find(";id;platform;native_id;") != std::string::npos);
  CHECK(csv.find(";form.article;keputusan;alasan;peninjau;post_status;post_status_at;"
                 "post_status_note\r\n") != std::string::npos);
  CHECK(csv.find(";'@budi.santoso3;") != std::string::npos);                   // formula guard
  CHECK(csv.find(";\"=\"\"7334120045566778899\"\"\";") != std::string::npos);  // every digit kept
  CHECK(csv.find(";\"=\"\"05\"\"\";") != std::string::npos);                   // leading zero kept
  // Every row ends with the three empty decision cells and the three post status cells (no
  // status records here).
  size_t rows = 0;
  for (size_t p = csv.find("\r\n"); p != std::string::npos; p = csv.find("\r\n", p + 1)) {
    ++rows;
    if (rows > 1) CHECK(csv.compare(p - 6, 6, ";;;;;;") == 0);
  }
  CHECK(rows == 1 + 9);
  const std::string tools = render_fixture(Format::kCsv, {}, kRfc4180Csv);
  CHECK(tools.rfind("rank,new,lists,score,", 0) == 0);
  CHECK(tools.find(",form.article,keputusan,alasan,peninjau,post_status,post_status_at,"
                   "post_status_note\r\n") != std::string::npos);
  CHECK(tools.find(",@budi.santoso3,") != std::string::npos);
}

TEST_CASE("every format is deterministic", "[report][render]") {
  for (Format f : {Format::kMarkdown, Format::kHtml, Format::kCsv, Format::kJson}) {
    CHECK(render_fixture(f) == render_fixture(f));
  }
}

TEST_CASE("an empty input still gives a complete report", "[report][render]") {
  ReportState s(StateOptions{});
  std::string out;
  const ReportView v = build_view(s, ViewOptions{});
  render(v, Format::kMarkdown, {}, &out);
  CHECK(out.find("## Temuan teratas\n\nTidak ada.") != std::string::npos);
  out.clear();
  render(v, Format::kJson, {}, &out);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  CHECK(parser.parse(out).get(doc) == simdjson::SUCCESS);
  out.clear();
  render(v, Format::kHtml, {}, &out);
  CHECK(out.find("</html>") != std::string::npos);
}

TEST_CASE("formats are chosen by name or by file extension", "[report][render]") {
  CHECK(parse_format("md") == Format::kMarkdown);
  CHECK(parse_format("html") == Format::kHtml);
  CHECK_FALSE(parse_format("pdf"));
  CHECK(format_for_path("out/report.html") == Format::kHtml);
  CHECK(format_for_path("a.htm") == Format::kHtml);
  CHECK(format_for_path("findings.csv") == Format::kCsv);
  CHECK_FALSE(format_for_path("report"));
  CHECK_FALSE(format_for_path("dir.v2/report"));
}

TEST_CASE("Formulir Model A fields come from the finding", "[report][formulir]") {
  ReportState s(StateOptions{});
  REQUIRE(ingest_text(&s, fixture("classified.ndjson")).empty());
  const ReportView v = build_view(s, ViewOptions{});
  const FindingRow* neutral = nullptr;
  for (const auto& r : v.top) {
    if (r.finding->id == "facebook:100064512345678_987654321") neutral = &r;
  }
  REQUIRE(neutral != nullptr);
  const FormA f = draft_form(v, *neutral);
  CHECK(f.when == "Kamis, 8 Februari 2024 pukul 10.00 WITA (2024-02-08T02:00:00Z)");
  CHECK(f.where.rfind("Facebook, akun lalu.ahmad.fauzi, https://www.facebook.com/", 0) == 0);
  CHECK(f.what.rfind("Dugaan pelanggaran netralitas: unggahan memuat "
                     "\xC2\xABmengajak seluruh pegawai kantor mendukung\xC2\xBB",
                     0) == 0);
  CHECK(f.who ==
        "Lalu Ahmad Fauzi (ASN, Dapil Lombok Barat 2); akun lalu.ahmad.fauzi; "
        "Sasaran: Budi Santoso (Partai Contoh)");
  CHECK(f.evidence.find("SHA-256 respons mentah f5aba5f8") != std::string::npos);
  CHECK(f.article == "UU 7/2017 Pasal 280 ayat (2) huruf f dan Pasal 282");
}

TEST_CASE("evidence in a post's title is shown as such, not as a quote mismatch",
          "[report][render]") {
  // A flat yt-dlp playlist gives a title and no text: classify reads the title and marks the
  // evidence with "field":"title"; its offsets count code points in the title.
  const std::string line =
      R"({"kind":"post","id":"youtube:abc","platform":"youtube","native_id":"abc",)"
      R"("url":"https://www.youtube.com/watch?v=abc","type":"video",)"
      R"("created_at":"2024-02-11T03:00:00Z","account":null,"title":"Besok serangan fajar",)"
      R"("text":"","source":{"raw_sha256":")" +
      std::string(64, 'a') +
      R"(","fetched_at":"2024-02-12T00:00:00Z","input":"raw.ndjson"},)"
      R"("labels":[{"label":"money_politics","score":0.8,"evidence":[{"rule":"mp.fajar",)"
      R"("field":"title","start":6,"end":20,"text":"serangan fajar"}]}],)"
      R"("classifier":{"pack":"pantau-id","version":"2024.2","election":"pemilu-2024"}})"
      "\n";
  auto render_line = [&](Format f, ViewOptions vo = {}) {
    ReportState s(StateOptions{});
    REQUIRE(ingest_text(&s, line).empty());
    std::string out;
    render(build_view(s, vo), f, {}, &out);
    return out;
  };
  const std::string md = render_line(Format::kMarkdown);
  CHECK(md.find("serangan fajar\xC2\xBB (di judul)") != std::string::npos);
  CHECK(md.find("kutipan tidak cocok") == std::string::npos);
  const std::string html = render_line(Format::kHtml);
  CHECK(html.find("(di judul)") != std::string::npos);
  CHECK(html.find("kutipan tidak cocok") == std::string::npos);
  ViewOptions english;
  english.lang = Lang::kEn;
  CHECK(render_line(Format::kMarkdown, english).find("(in the title)") != std::string::npos);
  const std::string json = render_line(Format::kJson);
  CHECK(json.find(R"("field":"title","start":6,"end":20)") != std::string::npos);
}
