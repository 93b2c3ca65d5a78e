#include "pantau/report/report_state.h"

#include <catch2/catch.hpp>

#include "report_test_support.h"

using namespace pantau::report;
using namespace pantau::report::test;

TEST_CASE("posts, findings and labels are counted", "[report][state]") {
  ReportState s(StateOptions{});
  PostSpec a;
  a.id = "x:1";
  a.labels = {{"money_politics", 0.9, "coblos"}, {"campaign", 0.5, ""}};
  PostSpec b;
  b.id = "x:2";
  b.labels = {{"campaign", 0.8, ""}};  // campaign content only: not a finding
  PostSpec c;
  c.id = "x:3";
  c.classified = false;
  PostSpec d;
  d.id = "x:4";
  d.labels = {{"hoax", 0.5, ""}, {"hoax", 0.6, ""}};  // a label listed twice counts once
  const auto errors = ingest_text(
      &s, post_json(a) + "\n" + post_json(b) + "\n" + post_json(c) + "\n" + post_json(d) + "\n");
  CHECK(errors.empty());
  const Totals& t = s.totals();
  CHECK(t.records == 4);
  CHECK(t.posts == 4);
  CHECK(t.classified == 3);
  CHECK(t.labeled == 3);
  CHECK(t.findings == 2);
  CHECK(s.top().size() == 2);
  uint64_t hoax = 0;
  for (const auto& cell : s.cells()) {
    if (cell.slot < ReportState::kSlotFindings && s.labels().name(cell.slot) == "hoax") {
      hoax += cell.count;
    }
  }
  CHECK(hoax == 1);
}

TEST_CASE("days are local to the account's region", "[report][state]") {
  // 2024-02-10T17:00Z is 11 February, 01:00 WITA: the first day of the quiet period in Lombok.
  PostSpec p;
  p.created_at = "2024-02-10T17:00:00Z";
  p.labels = {{"quiet_period", 0.9, ""}};
  auto day_of = [&](StateOptions o, const PostSpec& spec) {
    ReportState s(o);
    REQUIRE(ingest_text(&s, post_json(spec) + "\n").empty());
    REQUIRE(s.zones().size() == 1);
    for (const auto& cell : s.cells()) {
      if (cell.slot == ReportState::kSlotPosts) return format_day(cell.day);
    }
    return std::string();
  };
  CHECK(day_of(StateOptions{}, p) == "2024-02-11");
  PostSpec jakarta = p;
  jakarta.region = "31.71";
  CHECK(day_of(StateOptions{}, jakarta) == "2024-02-11");  // 00:00 WIB
  PostSpec unknown = p;
  unknown.region = "";
  CHECK(day_of(StateOptions{}, unknown) == "2024-02-10");  // UTC
  StateOptions utc;
  utc.utc_offset = 0;
  CHECK(day_of(utc, p) == "2024-02-10");  // --utc-offset wins
}

TEST_CASE("local_day floors before 1970 and format_day/parse_day round-trip", "[report][state]") {
  CHECK(local_day(-1, 0) == -1);
  CHECK(local_day(0, 0) == 0);
  CHECK(format_day(local_day(1707584400000, 8 * 3600)) == "2024-02-11");
  CHECK(parse_day("2024-02-11") == local_day(1707609600000, 0));
  CHECK_FALSE(parse_day("2024-2-11"));
  CHECK_FALSE(parse_day("yesterday!"));
}

TEST_CASE("a bad post is reported and not counted at all", "[report][state]") {
  ReportState s(StateOptions{});
  PostSpec good;
  std::string bad = post_json(good);
  bad.replace(bad.find("\"labels\":[]"), 11,
              "\"labels\":[{\"label\":\"hoax\",\"score\":\"high\"}]");
  const auto errors = ingest_text(&s, bad + "\n{\"kind\":\"post\"}\n[1,2]\n{bad\n");
  REQUIRE(errors.size() == 4);
  CHECK(errors[0] == "1: labels[0]: \"score\" is not a number");
  CHECK(errors[1] == "2: post has no \"id\"");
  CHECK(errors[2] == "3: record is not a JSON object");
  CHECK(errors[3].rfind("4: invalid JSON: ", 0) == 0);
  CHECK(s.totals().posts == 0);
  CHECK(s.totals().records == 0);
  CHECK(s.accounts().empty());
}

TEST_CASE("registry entries win over the account info posts carry", "[report][state]") {
  ReportState s(StateOptions{});
  PostSpec p;
  p.owner = "Budi S.";
  const std::string registry =
      R"({"kind":"account","key":"acc-1","platform":"x","handle":"@acc-1","owner":"Budi Santoso",)"
      R"("owner_key":"budi","role":"candidate","party":"Partai Contoh","region":"52.01"})";
  // Either order gives the registry's owner name.
  for (const std::string& text :
       {post_json(p) + "\n" + registry + "\n", registry + "\n" + post_json(p) + "\n"}) {
    ReportState st(StateOptions{});
    REQUIRE(ingest_text(&st, text).empty());
    REQUIRE(st.accounts().count("acc-1") == 1);
    CHECK(st.accounts().at("acc-1").info.owner == "Budi Santoso");
    CHECK(st.accounts().at("acc-1").posts == 1);
    CHECK(st.totals().account_records == 1);
  }
}

TEST_CASE("error records become failed accounts; other kinds are counted", "[report][state]") {
  ReportState s(StateOptions{});
  const std::string err1 =
      R"({"kind":"error","tool":"pantau-fetch-accounts","stage":"fetch","time":"2024-02-14T01:00:03Z",)"
      R"("account":{"key":"acc-9","platform":"tiktok","handle":"@w"},"platform":"tiktok",)"
      R"("http_status":404,"message":"account not found","retryable":false,"attempts":1})";
  const std::string err2 =
      R"({"kind":"error","stage":"fetch","time":"2024-02-14T02:00:00Z",)"
      R"("account":{"key":"acc-9","platform":"tiktok","handle":"@w"},"http_status":429,)"
      R"("message":"rate limited","retryable":true,"attempts":3})";
  REQUIRE(ingest_text(&s, err1 + "\n" + err2 + "\n{\"kind\":\"probe\"}\n{\"x\":1}\n").empty());
  REQUIRE(s.failed().size() == 1);
  const FailedAccount& f = s.failed().at("acc-9");
  CHECK(f.count == 2);
  CHECK(f.http_status == 429);  // the latest error stands for the account
  CHECK(f.platform == "tiktok");
  CHECK(s.totals().error_records == 2);
  CHECK(s.totals().other_records == 2);
  CHECK(s.other_kinds().at("probe") == 1);
  CHECK(s.other_kinds().at("") == 1);
}

TEST_CASE("hostile input cannot grow the state without bound", "[report][state]") {
  ReportState s(StateOptions{});
  std::string text;
  for (int i = 0; i < 200; ++i) text += "{\"kind\":\"k" + std::to_string(i) + "\"}\n";
  PostSpec p;
  for (int i = 0; i < 40; ++i) p.labels.push_back({"label_" + std::to_string(i), 0.1, ""});
  text += post_json(p) + "\n";
  REQUIRE(ingest_text(&s, text).empty());
  CHECK(s.other_kinds().size() <= ReportState::kMaxOtherKinds + 1);
  CHECK(s.other_kinds().count("(other)") == 1);
  CHECK(s.totals().findings == 1);
}
