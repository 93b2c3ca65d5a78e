#include "pantau/report/text_escape.h"

#include <catch2/catch.hpp>

#include "pantau/report/csv_writer.h"
#include "pantau/report/highlight.h"

using namespace pantau::report;

namespace {
std::string html(std::string_view s) {
  std::string out;
  append_html_escaped(s, &out);
  return out;
}
std::string md(std::string_view s) {
  std::string out;
  append_markdown_escaped(s, &out);
  return out;
}
std::string csv(std::initializer_list<std::string_view> cells, CsvOptions o = {}) {
  std::string out;
  CsvWriter w(&out, o);
  for (auto c : cells) w.cell(c);
  w.end_row();
  return out;
}
}  // namespace

TEST_CASE("HTML escaping neutralises markup and drops control characters", "[report][escape]") {
  CHECK(html("<script>alert('x')</script>") == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
  CHECK(html("a & \"b\"") == "a &amp; &quot;b&quot;");
  CHECK(html(std::string("a\x01"
                         "b\x7f"
                         "c\nd\te",
                         10)) == "abc\nd\te");
  CHECK(html("Rp 50.000 🙏") == "Rp 50.000 🙏");
}

TEST_CASE("Markdown escaping keeps text from becoming markup", "[report][escape]") {
  CHECK(md("[klik](javascript:alert(1))") == "\\[klik\\](javascript:alert(1))");
  CHECK(md("<img src=x onerror=alert(1)>") == "\\<img src=x onerror=alert(1)\\>");
  CHECK(md("a | b") == "a \\| b");
  CHECK(md("**tebal**") == "\\*\\*tebal\\*\\*");
  CHECK(md("- bukan daftar") == "\\- bukan daftar");
  CHECK(md("# bukan judul") == "\\# bukan judul");
  CHECK(md("1. bukan daftar") == "1\\. bukan daftar");
  CHECK(md("&lt;") == "\\&lt;");
  CHECK(md("line\nbreak") == "line break");
  // Ordinary text stays readable.
  CHECK(md("money_politics pantau-id 2024.1, ya! #pemilu https://a.b/?x=1&y=2") ==
        "money_politics pantau-id 2024.1, ya! #pemilu https://a.b/?x=1&y=2");
  CHECK(md("_miring_") == "\\_miring\\_");
}

TEST_CASE("only plain http(s) URLs are linked", "[report][escape]") {
  CHECK(is_safe_url("https://www.youtube.com/watch?v=abc"));
  CHECK(is_safe_url("HTTP://example.org/a"));
  CHECK_FALSE(is_safe_url("javascript:alert(1)"));
  CHECK_FALSE(is_safe_url("data:text/html,<b>"));
  CHECK_FALSE(is_safe_url("https://a.b/\"onmouseover=x"));
  CHECK_FALSE(is_safe_url("https://a.b/ c"));
  CHECK_FALSE(is_safe_url(""));
}

TEST_CASE("excerpt cuts at code points and marks the cut", "[report][escape]") {
  CHECK(excerpt("abc", 3) == "abc");
  CHECK(excerpt("abcd", 3) == "abc\xE2\x80\xA6");
  CHECK(excerpt("😄😄😄", 2) == "😄😄\xE2\x80\xA6");
  CHECK(excerpt("a\nb", 10) == "a b");
}

TEST_CASE("CSV follows RFC 4180", "[report][csv]") {
  CHECK(csv({"a", "b"}) == "a,b\r\n");
  CHECK(csv({"a,b", "say \"hi\"", "two\nlines"}) ==
        "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n");
  CHECK(csv({"=1+1", "@x"}) == "=1+1,@x\r\n");  // only --excel guards formulas
  CHECK(csv({"x;y"}, CsvOptions{';', false}) == "\"x;y\"\r\n");
}

TEST_CASE("excel mode guards formulas and keeps ids as text", "[report][csv]") {
  const CsvOptions excel{',', true};
  CHECK(csv({"=HYPERLINK(\"http://evil\")"}, excel) == "\"'=HYPERLINK(\"\"http://evil\"\")\"\r\n");
  CHECK(csv({"+62 812", "-5", "@budi", "\tx", "ok"}, excel) == "'+62 812,'-5,'@budi,'\tx,ok\r\n");
  std::string out;
  CsvWriter w(&out, excel);
  w.id_cell("02");
  w.id_cell("1460323737035677698");
  w.id_cell("52.01");
  w.id_cell("x:1");
  w.end_row();
  CHECK(out == "\"=\"\"02\"\"\",\"=\"\"1460323737035677698\"\"\",\"=\"\"52.01\"\"\",x:1\r\n");
  out.clear();
  CsvWriter plain(&out, CsvOptions{});
  plain.id_cell("02");
  plain.end_row();
  CHECK(out == "02\r\n");
}

TEST_CASE("excel mode cuts cells to Excel's limit", "[report][csv]") {
  const std::string big(40000, 'a');
  std::string out;
  CsvWriter w(&out, CsvOptions{',', true});
  w.cell(big);
  w.end_row();
  CHECK(out.size() < 33000);
  CHECK(out.find("\xE2\x80\xA6") != std::string::npos);
}

TEST_CASE("highlight merges spans and ignores bad ones", "[report][highlight]") {
  pantau::report::Finding f;
  f.text = "😄 serangan fajar dan amplop";
  FindingLabel l;
  l.evidence.push_back({"r", 2, 10, "serangan", "", "", ""});
  l.evidence.push_back({"r", 9, 16, "n fajar", "", "", ""});  // overlaps the first
  l.evidence.push_back({"r", 21, 27, "amplop", "", "", ""});
  l.evidence.push_back({"r", 25, 999, "x", "", "", ""});  // past the end: ignored
  l.evidence.push_back({"r", 5, 5, "", "", "", ""});      // empty: ignored
  f.labels.push_back(l);
  const auto pieces = highlight(f);
  REQUIRE(pieces.size() == 4);
  CHECK(pieces[0].text == "😄 ");
  CHECK_FALSE(pieces[0].marked);
  CHECK(pieces[1].text == "serangan fajar");
  CHECK(pieces[1].marked);
  CHECK(pieces[2].text == " dan ");
  CHECK(pieces[3].text == "amplop");
  CHECK(pieces[3].marked);
  CHECK(span_matches(f.text, 21, 27, "amplop"));
  CHECK_FALSE(span_matches(f.text, 20, 26, "amplop"));
  CHECK_FALSE(span_matches(f.text, 21, 999, "amplop"));
  CHECK(span_matches(f.text, -1, -1, ""));
}
