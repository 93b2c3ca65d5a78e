#include <catch2/catch.hpp>

#include <string>

#include "pantau/records/account.h"

using namespace pantau;
using namespace pantau::records;

namespace {

Account sample() {
  Account a;
  a.key = "k1";
  a.platform = "youtube";
  a.handle = "@budi";
  a.platform_id = "UC1";
  a.owner = "Budi";
  a.role = "candidate";
  a.ballot_no = "02";
  a.kpu_registered = true;
  a.notes = "n";
  a.row = 12;
  return a;
}

std::string written(const Account& a, AccountForm form) {
  std::string out;
  JsonWriter w(&out);
  write_account(w, a, form);
  return out;
}

}  // namespace

TEST_CASE("an account record is written whole, in the documented order", "[account]") {
  CHECK(account_record(sample()) ==
        R"({"kind":"account","key":"k1","platform":"youtube","handle":"@budi",)"
        R"("platform_id":"UC1","url":null,"owner":"Budi","owner_key":null,"role":"candidate",)"
        R"("party":null,"ballot_no":"02","election":null,"district":null,"region":null,)"
        R"("kpu_registered":true,"notes":"n","row":12})");
  // key and platform are strings in a record even when empty; a summary writes them null.
  CHECK(written(Account{}, AccountForm::kRecord).rfind(R"({"key":"","platform":"",)", 0) == 0);
}

TEST_CASE("a report's summary leaves out platform_id, notes and row", "[account]") {
  CHECK(written(sample(), AccountForm::kSummary) ==
        R"({"key":"k1","platform":"youtube","handle":"@budi","url":null,"owner":"Budi",)"
        R"("owner_key":null,"role":"candidate","party":null,"ballot_no":"02","election":null,)"
        R"("district":null,"region":null,"kpu_registered":true})");
  CHECK(written(Account{}, AccountForm::kSummary).rfind(R"({"key":null,"platform":null,)", 0) == 0);
}

TEST_CASE("an account reads back equal, as an object and as views", "[account]") {
  const Account a = sample();
  const std::string json = written(a, AccountForm::kRecord);
  simdjson::dom::parser p;
  simdjson::dom::object obj = p.parse(json).get_object().value();
  Account back;
  REQUIRE(parse_account(obj, &back).ok());
  CHECK(back == a);
  AccountView v;
  REQUIRE(parse_account_view(obj, &v).ok());
  CHECK(equals(a, v));
  Account from_view;
  assign(&from_view, v);
  CHECK(from_view == a);
  CHECK(equals(a, view_of(a)));
  from_view.notes = "other";
  CHECK_FALSE(equals(from_view, v));
}

TEST_CASE("account members of the wrong type are errors naming them", "[account]") {
  simdjson::dom::parser p;
  auto parse = [&](const char* json) {
    Account a;
    Status s = parse_account(p.parse(std::string(json)).get_object().value(), &a);
    return s.ok() ? std::string("ok ") + a.ballot_no + "|" + a.region : s.message();
  };
  CHECK(parse(R"({"row":"x"})") == "\"row\" is not an integer");
  CHECK(parse(R"({"kpu_registered":"ya"})") == "\"kpu_registered\" is not a boolean");
  CHECK(parse(R"({"owner":["a"]})") == "\"owner\" is not a string");
  CHECK(parse(R"({"handle":null,"unknown":[1]})") == "ok |");
  // Other tools write ballot numbers and region codes as numbers: their spelling is kept...
  CHECK(parse(R"({"ballot_no":3,"region":5201})") == "ok 3|5201");
  // ...but views cannot hold it.
  AccountView v;
  CHECK(parse_account_view(p.parse(std::string(R"({"ballot_no":3})")).get_object().value(), &v)
            .message() == "\"ballot_no\" is not a string");
}
