#include <catch2/catch.hpp>

#include <string>

#include "pantau/records/error_record.h"

using namespace pantau;
using namespace pantau::records;

TEST_CASE("an error record as fetch-accounts writes it", "[error]") {
  Account a;
  a.key = "k";
  a.platform = "x";
  ErrorRecordOut e;
  e.tool = "pantau-fetch-accounts";
  e.stage = "fetch";
  e.time = 1707699603000;
  e.account = &a;
  e.platform = "x";
  e.http_status = 404;
  e.message = "gone";
  e.attempts = 2;
  std::string out;
  append_error_record(e, &out);
  CHECK(out == R"({"kind":"error","tool":"pantau-fetch-accounts","stage":"fetch",)"
               R"("time":"2024-02-12T01:00:03Z","account":)" +
                   account_record(a).replace(1, 17, "") +
                   R"(,"platform":"x","http_status":404,"message":"gone","retryable":false,)"
                   R"("attempts":2,"input":null,"line":null})");
}

TEST_CASE("an error record as normalize writes it, and read back", "[error]") {
  ErrorRecordOut e;
  e.tool = "pantau-normalize";
  e.stage = "normalize";
  e.account_json = R"({"key":"k","platform":"x","ballot_no":3})";
  e.message = "bad";
  e.retryable = true;
  e.input = "";
  e.line = 0;
  std::string out;
  append_error_record(e, &out);
  CHECK(out == R"({"kind":"error","tool":"pantau-normalize","stage":"normalize","time":null,)"
               R"("account":{"key":"k","platform":"x","ballot_no":3},"platform":null,)"
               R"("http_status":null,"message":"bad","retryable":true,"attempts":null,)"
               R"("input":"","line":0})");
  simdjson::dom::parser p;
  ErrorRecord r;
  REQUIRE(parse_error_record(p.parse(out).get_object().value(), &r).ok());
  CHECK(r.tool == "pantau-normalize");
  CHECK(r.time.empty());
  CHECK(r.has_account);
  CHECK(r.account.ballot_no == "3");
  CHECK(r.http_status == -1);
  CHECK(r.retryable == 1);
  CHECK(r.attempts == -1);
  CHECK(r.line == 0);
}

TEST_CASE("error record members of the wrong type are errors naming them", "[error]") {
  simdjson::dom::parser p;
  auto parse = [&](const char* json) {
    ErrorRecord r;
    return parse_error_record(p.parse(std::string(json)).get_object().value(), &r).message();
  };
  CHECK(parse(R"({"account":1})") == "\"account\" is not an object");
  CHECK(parse(R"({"account":{"row":"x"}})") == "account: \"row\" is not an integer");
  CHECK(parse(R"({"http_status":"404"})") == "\"http_status\" is not an integer");
  CHECK(parse(R"({"retryable":1})") == "\"retryable\" is not a boolean");
  CHECK(parse(R"({"tool":1})") == "\"tool\" is not a string");
}
