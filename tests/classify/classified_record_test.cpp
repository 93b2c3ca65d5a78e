// The classified-record reader and writer on records written in the test and a Classification
// built by hand: no rule pack is loaded.
#include "pantau/classify/classified_record.h"

#include <catch2/catch.hpp>
#include <iterator>
#include <string>
#include <vector>

#include "pantau/classify/labels.h"
#include "pantau/records/labels.h"

using namespace pantau::classify;

namespace {

struct Parsed {
  explicit Parsed(std::string json) : text(std::move(json)) {
    REQUIRE_FALSE(parser.parse(text).get(obj));
    collect_post_fields(obj, &fields);
  }
  std::string text;
  simdjson::dom::parser parser;
  simdjson::dom::object obj;
  PostFields fields;
};

RulePack labels_pack() {
  RulePack p;
  p.name = "tiny";
  p.version = "1";
  for (auto id : kLabelIds) {
    LabelInfo l;
    l.id = std::string(id);
    l.name_id = "nama " + l.id;
    l.name_en = "name \"" + l.id + "\"";
    p.labels.push_back(l);
  }
  p.labels[*label_index("money_politics")].basis = "UU 7/2017 Pasal 280";
  return p;
}

}  // namespace

TEST_CASE("record: a post's fields are read, the first of each", "[record]") {
  Parsed p(R"({"kind":"post","text":"halo","text":"second","title":"Judul",)"
           R"("created_at":"2024-02-11T01:02:03Z","labels":[],)"
           R"("account":{"role":"candidate","owner":"Budi","region":"52","extra":1}})");
  CHECK(p.fields.has_old);
  PostContext ctx;
  PostRead r = read_post_fields(p.fields, &ctx);
  CHECK(r.problem == PostProblem::kNone);
  CHECK(r.status.ok());
  CHECK(ctx.text == "halo");
  CHECK(ctx.title == "Judul");
  CHECK(ctx.has_time);
  CHECK(ctx.created_at == *pantau::parse_datetime("2024-02-11T01:02:03Z"));
  CHECK(ctx.has_account);
  CHECK(ctx.role == "candidate");
  CHECK(ctx.owner == "Budi");
  CHECK(ctx.region == "52");
  CHECK(ctx.party.empty());
}

TEST_CASE("record: a bad field is a typed problem", "[record]") {
  PostContext ctx;
  auto problem = [&](const char* json) {
    Parsed p(json);
    return read_post_fields(p.fields, &ctx);
  };
  PostRead r = problem(R"({"kind":"post","text":5,"created_at":"nope"})");
  CHECK(r.problem == PostProblem::kText);  // nothing to classify: reported first and alone
  CHECK(r.status.message() == "\"text\" is not a string");

  r = problem(R"({"kind":"post","text":"x","title":3})");
  CHECK(r.problem == PostProblem::kTitle);
  CHECK(ctx.text == "x");  // the rest is still read

  r = problem(R"({"kind":"post","text":"x","title":3,"created_at":"yesterday"})");
  CHECK(r.problem == PostProblem::kCreatedAt);
  CHECK(r.status.message().rfind("\"created_at\": ", 0) == 0);
  CHECK_FALSE(ctx.has_time);

  r = problem(R"({"kind":"post","text":"x","account":{"role":1,"owner":2}})");
  CHECK(r.problem == PostProblem::kAccount);
  CHECK(r.status.message() == "\"account.role\" is not a string");

  r = problem(R"({"kind":"post","text":null,"title":null,"created_at":null})");
  CHECK(r.problem == PostProblem::kNone);
  CHECK(ctx.text.empty());
}

TEST_CASE("record: labels and classifier members are written", "[record]") {
  RulePack pack = labels_pack();
  ClassifiedWriter w(pack);
  Classification c;
  c.election = "pemilu-2024";
  LabelOut lo;
  lo.label = *label_index("money_politics");
  lo.score = 0.65;
  lo.rules = {"context.quiet_period", "money.amplop"};
  EvidenceOut note;
  note.rule = "context.quiet_period";
  note.note = "posted \"late\"";
  EvidenceOut span;
  span.rule = "money.amplop";
  span.field = kTitleField;
  span.start = 3;
  span.end = 9;
  span.text = "amplop";
  lo.evidence = {note, span};
  lo.targets.push_back({"ticket", "Budi", "2", ""});
  c.labels.push_back(lo);
  std::string out;
  w.append_members(c, false, &out);
  CHECK(out ==
        R"("labels":[{"label":"money_politics","score":0.65,"name_id":"nama money_politics",)"
        R"("name_en":"name \"money_politics\"","basis":"UU 7/2017 Pasal 280",)"
        R"("rules":["context.quiet_period","money.amplop"],"evidence":[)"
        R"({"rule":"context.quiet_period","note":"posted \"late\""},)"
        R"({"rule":"money.amplop","field":"title","start":3,"end":9,"text":"amplop"}],)"
        R"("targets":[{"type":"ticket","name":"Budi","ballot_no":"2","party":null}]}],)"
        R"("classifier":{"pack":"tiny","version":"1","model":null,"election":"pemilu-2024"})");

  const std::string model = "m1";
  w.set_model_name(&model);
  out.clear();
  w.append_members(Classification{}, true, &out);
  CHECK(out ==
        R"("labels":[],"classifier":{"pack":"tiny","version":"1","model":"m1","election":null})");
}

namespace {

// The member names of `o`, in order.
std::vector<std::string_view> keys(simdjson::dom::object o) {
  std::vector<std::string_view> out;
  for (const auto m : o) out.push_back(m.key);
  return out;
}

template <typename Table>
std::vector<std::string_view> names(const Table& table) {
  return std::vector<std::string_view>(std::begin(table), std::end(table));
}

}  // namespace

TEST_CASE("record: the members classify writes are records/labels.h's, in its order", "[record]") {
  // classify writes its members by hand (it runs for every post); records/labels.h has the
  // tables the man page test checks and report's reader and writer use.
  RulePack pack = labels_pack();
  ClassifiedWriter w(pack);
  Classification c;
  c.election = "e";
  LabelOut lo;
  lo.label = *label_index("hoax");
  lo.rules = {"r"};
  EvidenceOut e;  // every member set
  e.rule = "r";
  e.field = kTitleField;
  e.start = 0;
  e.end = 1;
  e.text = "t";
  e.note = "n";
  e.claim_id = "c";
  e.claim_url = "u";
  e.similarity = 0.5;
  lo.evidence = {e};
  lo.targets.push_back({"a", "b", "c", "d"});
  c.labels.push_back(lo);
  std::string out = "{";
  w.append_members(c, false, &out);
  out += "}";
  simdjson::dom::parser p;
  simdjson::dom::object o = p.parse(out).get_object().value();
  CHECK(keys(o) == names(pantau::records::kClassifiedFields));
  simdjson::dom::object label = o["labels"].at(0).get_object().value();
  CHECK(keys(label) == names(pantau::records::kLabelFields));
  CHECK(keys(label["evidence"].at(0).get_object().value()) ==
        names(pantau::records::kEvidenceFields));
  CHECK(keys(label["targets"].at(0).get_object().value()) == names(pantau::records::kTargetFields));
  CHECK(keys(o["classifier"].get_object().value()) == names(pantau::records::kClassifierFields));
}

TEST_CASE("record: reclassifying drops the old members and keeps the rest in place", "[record]") {
  Parsed p(
      R"({"kind":"post", "labels":[1],"id":"7","classifier":{},"utf8_repaired":true,"x":[1, 2]})");
  std::string scratch, out;
  append_reclassified(p.obj, true, R"("labels":[])", &scratch, &out);
  CHECK(out == R"({"kind":"post","id":"7","x":[1,2],"labels":[]})");
  out.clear();
  append_reclassified(p.obj, false, R"("labels":[])", &scratch, &out);
  CHECK(out == R"({"kind":"post","id":"7","utf8_repaired":true,"x":[1,2],"labels":[]})");
}

TEST_CASE("record: created_at_precision \"day\" marks a time known only to the day", "[record]") {
  PostContext ctx;
  Parsed day(R"({"kind":"post","text":"x","created_at":"2024-02-14T00:00:00Z",)"
             R"("created_at_precision":"day"})");
  CHECK(read_post_fields(day.fields, &ctx).problem == PostProblem::kNone);
  CHECK(ctx.has_time);
  CHECK(ctx.day_only);
  Parsed full(R"({"kind":"post","text":"x","created_at":"2024-02-14T00:00:00Z"})");
  read_post_fields(full.fields, &ctx);
  CHECK_FALSE(ctx.day_only);
  // Values records(5) does not define are a full time, and no time makes no precision.
  Parsed other(R"({"kind":"post","created_at":"2024-02-14T00:00:00Z",)"
               R"("created_at_precision":"month"})");
  read_post_fields(other.fields, &ctx);
  CHECK_FALSE(ctx.day_only);
  Parsed none(R"({"kind":"post","created_at":null,"created_at_precision":"day"})");
  read_post_fields(none.fields, &ctx);
  CHECK_FALSE(ctx.has_time);
  CHECK_FALSE(ctx.day_only);
}
