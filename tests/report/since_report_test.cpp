#include "pantau/report/since_report.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>

#include "pantau/report/render.h"
#include "pantau/report/state_io.h"
#include "pantau/report/svg_chart.h"
#include "report_test_support.h"

using namespace pantau::report;
using namespace pantau::report::test;
using pantau::test::write_file;

namespace {

struct TempDir {
  std::string path;
  TempDir() {
    char tmpl[] = "/tmp/pantau-report-test-XXXXXX";
    path = mkdtemp(tmpl);
  }
  ~TempDir() { (void)std::system(("rm -rf '" + path + "'").c_str()); }
};

std::string two_posts(const std::string& first, const std::string& second) {
  PostSpec a;
  a.id = first;
  a.labels = {{"hoax", 0.7, ""}};
  PostSpec b;
  b.id = second;
  b.labels = {{"hoax", 0.6, ""}};
  return post_json(a) + "\n" + post_json(b) + "\n";
}

}  // namespace

TEST_CASE("findings of the previous JSON report are not new", "[report][since]") {
  TempDir dir;
  ReportState first(StateOptions{});
  REQUIRE(ingest_text(&first, two_posts("x:1", "x:2")).empty());
  std::string json;
  render(build_view(first, ViewOptions{}), Format::kJson, {}, &json);
  write_file(dir.path + "/prev.json", json);

  ReportState second(StateOptions{});
  REQUIRE(load_since_report(dir.path + "/prev.json", &second).ok());
  REQUIRE(ingest_text(&second, two_posts("x:2", "x:3")).empty());
  const ReportView v = build_view(second, ViewOptions{});
  REQUIRE(v.top.size() == 2);
  CHECK(v.top[0].finding->id == "x:2");
  CHECK(v.top[0].is_new == false);
  CHECK(v.top[1].finding->id == "x:3");
  CHECK(v.top[1].is_new == true);
  CHECK(second.totals().new_findings == 1);
  CHECK(v.known_ids == std::vector<std::string>{"x:1", "x:2", "x:3"});

  // --new-only keeps only x:3; the known ids carry forward through the next report.
  StateOptions only;
  only.new_only = true;
  ReportState third(only);
  REQUIRE(load_since_report(dir.path + "/prev.json", &third).ok());
  REQUIRE(ingest_text(&third, two_posts("x:2", "x:3")).empty());
  REQUIRE(third.top().size() == 1);
  CHECK(third.top().sorted()[0].finding->id == "x:3");
  CHECK(third.totals().findings == 2);  // counts still cover every post
}

TEST_CASE("a pretty-printed report and a partial state work as --since-report", "[report][since]") {
  TempDir dir;
  write_file(dir.path + "/pretty.json",
             "{\n  \"report\": \"pantau-report\",\n  \"findings\": [\n    {\"id\": \"x:1\"}\n  ],\n"
             "  \"known_ids\": [\"x:0\"]\n}\n");
  ReportState a(StateOptions{});
  REQUIRE(load_since_report(dir.path + "/pretty.json", &a).ok());
  CHECK(a.is_known("x:1"));
  CHECK(a.is_known("x:0"));
  CHECK_FALSE(a.is_known("x:2"));

  ReportState st(StateOptions{});
  REQUIRE(ingest_text(&st, two_posts("x:5", "x:6")).empty());
  std::string state;
  write_state(st, &state);
  write_file(dir.path + "/prev.state", state);
  ReportState b(StateOptions{});
  REQUIRE(load_since_report(dir.path + "/prev.state", &b).ok());
  CHECK(b.is_known("x:5"));
  CHECK(b.is_known("x:6"));
}

TEST_CASE("a missing or broken --since-report is an error naming the file", "[report][since]") {
  TempDir dir;
  ReportState s(StateOptions{});
  pantau::Status missing = load_since_report(dir.path + "/nope.json", &s);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.message().find("nope.json: No such file or directory") != std::string::npos);
  write_file(dir.path + "/bad.json", "{\"findings\": [1, 2]}\n");
  pantau::Status bad = load_since_report(dir.path + "/bad.json", &s);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.message().find("bad.json: \"findings\" has an item that is not an object") !=
        std::string::npos);
  write_file(dir.path + "/junk.json", "not json at all\n");
  CHECK_FALSE(load_since_report(dir.path + "/junk.json", &s).ok());
}

TEST_CASE("chart scales are round and labels are escaped", "[report][svg]") {
  uint64_t max = 0, step = 0;
  nice_scale(0, &max, &step);
  CHECK((max == 1 && step == 1));
  nice_scale(7, &max, &step);
  CHECK((max == 8 && step == 2));
  nice_scale(10, &max, &step);
  CHECK((max == 10 && step == 5));
  nice_scale(1234, &max, &step);
  CHECK((max == 1500 && step == 500));
  ChartData d;
  d.title = "<b>t</b>";
  d.categories = {"<script>x</script>", "b"};
  d.series = {ChartSeries{"s&1", "#123456", {3, 0}}};
  std::string svg;
  append_bar_chart(d, &svg);
  CHECK(svg.find("<script>") == std::string::npos);
  CHECK(svg.find("&lt;script&gt;x&lt;/script&gt;") != std::string::npos);
  CHECK(svg.find("s&amp;1 3") != std::string::npos);
  svg.clear();
  append_column_chart(d, &svg);
  CHECK(svg.rfind("<svg class=\"chart\"", 0) == 0);
  CHECK(svg.find("</svg>") == svg.size() - 6);
}

namespace {

// `n` posts with a hoax finding each, ids "x:<first>" .. "x:<first + n - 1>".
std::string many_posts(int first, int n) {
  std::string text;
  for (int i = first; i < first + n; ++i) {
    PostSpec p;
    p.id = "x:" + std::to_string(i);
    p.labels = {{"hoax", 0.5 + (i % 37) / 100.0, ""}};
    text += post_json(p) + "\n";
  }
  return text;
}

}  // namespace

TEST_CASE("scheduled runs stay correct with thousands of findings and a small --top",
          "[report][since]") {
  TempDir dir;
  StateOptions top50;
  top50.top = 50;
  // Day 1: 3,000 findings, 50 listed; the JSON report still carries every id.
  ReportState day1(top50);
  REQUIRE(ingest_text(&day1, many_posts(0, 3000)).empty());
  std::string json;
  render(build_view(day1, ViewOptions{}), Format::kJson, {}, &json);
  write_file(dir.path + "/day1.json", json);
  CHECK(build_view(day1, ViewOptions{}).known_ids.size() == 3000);

  // Day 2: the same 3,000 again plus 20 new: exactly 20 are new, and --new-only lists them.
  StateOptions only = top50;
  only.new_only = true;
  ReportState day2(only);
  REQUIRE(load_since_report(dir.path + "/day1.json", &day2).ok());
  REQUIRE(ingest_text(&day2, many_posts(0, 3020)).empty());
  CHECK(day2.totals().new_findings == 20);
  REQUIRE(day2.top().size() == 20);
  for (const auto& r : day2.top().sorted()) CHECK(std::stoi(r.finding->id.substr(2)) >= 3000);
  json.clear();
  render(build_view(day2, ViewOptions{}), Format::kJson, {}, &json);
  write_file(dir.path + "/day2.json", json);

  // Day 3, from day 2's --new-only report: ids carried forward from day 1 are still known.
  ReportState day3(only);
  REQUIRE(load_since_report(dir.path + "/day2.json", &day3).ok());
  REQUIRE(ingest_text(&day3, many_posts(0, 3025)).empty());
  CHECK(day3.totals().new_findings == 5);
  CHECK(day3.top().size() == 5);

  // The same through --partial states and --merge: two shards, merged, as --since-report.
  ReportState a(top50), b(top50);
  REQUIRE(ingest_text(&a, many_posts(0, 1500)).empty());
  REQUIRE(ingest_text(&b, many_posts(1500, 1500)).empty());
  std::string sa, sb;
  write_state(a, &sa);
  write_state(b, &sb);
  ReportState merged(top50);
  REQUIRE(ingest_text(&merged, sa + sb, true).empty());
  CHECK(build_view(merged, ViewOptions{}).known_ids.size() == 3000);
  write_file(dir.path + "/shard.state", sa);
  ReportState from_state(only);
  REQUIRE(load_since_report(dir.path + "/shard.state", &from_state).ok());
  REQUIRE(ingest_text(&from_state, many_posts(0, 1500)).empty());
  CHECK(from_state.totals().new_findings == 0);
  CHECK(from_state.top().size() == 0);
}
