#include "pantau/report/state_io.h"

#include <catch2/catch.hpp>

#include "pantau/report/render.h"
#include "report_test_support.h"

using namespace pantau::report;
using namespace pantau::report::test;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    out.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

std::string state_of(const std::string& text, StateOptions o = {}) {
  ReportState s(o);
  REQUIRE(ingest_text(&s, text).empty());
  std::string out;
  write_state(s, &out);
  return out;
}

std::string render_all(const ReportState& s) {
  std::string out;
  const ReportView v = build_view(s, ViewOptions{});
  for (Format f : {Format::kJson, Format::kMarkdown, Format::kCsv, Format::kHtml}) {
    render(v, f, CsvOptions{}, &out);
  }
  return out;
}

}  // namespace

TEST_CASE("a state reads back into the same state", "[report][state_io]") {
  const std::string input = fixture("classified.ndjson");
  const std::string state = state_of(input);
  CHECK(state.rfind("{\"kind\":\"report_state\",\"part\":\"header\",\"format\":2,", 0) == 0);
  for (const auto& line : lines_of(state)) {
    INFO(line);
    CHECK(line.front() == '{');
    CHECK(line.back() == '}');
  }
  ReportState merged(StateOptions{});
  REQUIRE(ingest_text(&merged, state, /*merge_only=*/true).empty());
  std::string again;
  write_state(merged, &again);
  CHECK(again == state);
}

TEST_CASE("merging the states of N shards equals one run", "[report][state_io]") {
  const std::vector<std::string> lines = lines_of(fixture("classified.ndjson"));
  for (size_t top : {size_t{2}, size_t{50}}) {
    StateOptions o;
    o.top = top;
    ReportState single(o);
    std::string all;
    for (const auto& l : lines) all += l + "\n";
    REQUIRE(ingest_text(&single, all).empty());
    const std::string expected = render_all(single);
    for (size_t n = 2; n <= 5; ++n) {
      for (bool round_robin : {false, true}) {
        INFO("top " << top << ", " << n << " shards, round robin " << round_robin);
        std::vector<std::string> shards(n);
        for (size_t i = 0; i < lines.size(); ++i) {
          const size_t k = round_robin ? i % n : i * n / lines.size();
          shards[k] += lines[i] + "\n";
        }
        ReportState merged(o);
        // Merge in reverse order: order must not matter.
        for (size_t k = n; k-- > 0;) {
          REQUIRE(ingest_text(&merged, state_of(shards[k], o), true).empty());
        }
        CHECK(render_all(merged) == expected);
      }
    }
  }
}

TEST_CASE("a post whose local day is past 9999-12-31 merges like a direct run",
          "[report][state_io]") {
  // Region 52 is UTC+8: 9999-12-31T20:00Z is 10000-01-01 there, which a state cannot carry.
  PostSpec late;
  late.created_at = "9999-12-31T20:00:00Z";
  PostSpec early;
  early.id = "x:2";
  early.created_at = "0000-01-01T00:00:00Z";
  early.region = "11.01";  // UTC+7: still 0000-01-01
  const std::string input = post_json(late) + "\n" + post_json(early) + "\n";
  ReportState direct(StateOptions{});
  REQUIRE(ingest_text(&direct, input).empty());
  ReportState merged(StateOptions{});
  const std::vector<std::string> errors = ingest_text(&merged, state_of(input), true);
  CHECK(errors.empty());
  CHECK(render_all(merged) == render_all(direct));
}

TEST_CASE("merge mode accepts only states; states mix into normal runs", "[report][state_io]") {
  PostSpec p;
  p.labels = {{"hoax", 0.7, ""}};
  ReportState s(StateOptions{});
  const auto errors = ingest_text(&s, post_json(p) + "\n", true);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].find("not a partial report state") != std::string::npos);

  ReportState mixed(StateOptions{});
  PostSpec q;
  q.id = "x:2";
  q.labels = {{"hoax", 0.8, ""}};
  REQUIRE(ingest_text(&mixed, state_of(post_json(p) + "\n") + post_json(q) + "\n").empty());
  CHECK(mixed.totals().posts == 2);
  CHECK(mixed.top().size() == 2);
}

TEST_CASE("bad state records are rejected with the member at fault", "[report][state_io]") {
  ReportState s(StateOptions{});
  const auto errors = ingest_text(
      &s,
      "{\"kind\":\"report_state\",\"part\":\"header\",\"format\":99,\"top\":5}\n"
      "{\"kind\":\"report_state\",\"part\":\"nonsense\"}\n"
      "{\"kind\":\"report_state\",\"part\":\"cell\",\"day\":\"11/02/2024\",\"platform\":\"x\","
      "\"label\":\"hoax\",\"count\":1}\n"
      "{\"kind\":\"report_state\",\"part\":\"totals\",\"posts\":-3}\n",
      true);
  REQUIRE(errors.size() == 4);
  CHECK(errors[0].find("format 99 is not supported") != std::string::npos);
  CHECK(errors[1].find("unknown report_state part \"nonsense\"") != std::string::npos);
  CHECK(errors[2].find("\"day\" is not a date") != std::string::npos);
  CHECK(errors[3].find("\"posts\" is negative") != std::string::npos);
}

TEST_CASE("the merged --top cannot exceed what partials kept", "[report][state_io]") {
  StateOptions small;
  small.top = 3;
  ReportState s(StateOptions{});
  REQUIRE(ingest_text(&s, state_of(fixture("classified.ndjson"), small), true).empty());
  CHECK(s.min_partial_top() == 3);
}
