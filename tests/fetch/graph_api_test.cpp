// Graph API error classes and usage headers on the real (and pantau-written) error bodies of
// tests/fixtures/api/meta, and the redaction of access_token from URLs and echoed bodies.
#include "pantau/fetch/graph_api.h"

#include <catch2/catch.hpp>

#include "pantau/fetch/redact.h"
#include "test_support.h"

using namespace pantau::fetch;

namespace {

HttpResponse graph_error(int status, const std::string& fixture) {
  HttpResponse r;
  r.status = status;
  r.body = pantau::test::read_file(pantau::test::data_dir() + "/fixtures/api/meta/" + fixture);
  REQUIRE_FALSE(r.body.empty());
  return r;
}

HttpResponse inline_error(int status, const std::string& error_members) {
  HttpResponse r;
  r.status = status;
  r.body = R"({"error":{"message":"m","type":"OAuthException",)" + error_members +
           R"(,"fbtrace_id":"t"}})";
  return r;
}

HttpResponse with_header(const std::string& name, const std::string& value) {
  HttpResponse r;
  r.status = 200;
  r.headers.emplace_back(name, value);
  return r;
}

}  // namespace

TEST_CASE("graph: error classes of the fixture bodies", "[graph]") {
  CHECK(classify_graph_response(graph_error(403, "fb_error_4_rate_limit.json")) ==
        Failure::kRateLimited);
  CHECK(classify_graph_response(graph_error(400, "fb_error_190_token_expired.json")) ==
        Failure::kAuth);
  CHECK(classify_graph_response(graph_error(400, "fb_error_100_missing_permission.json")) ==
        Failure::kPermanent);
  CHECK(classify_graph_response(graph_error(400, "fb_error_100_ppca_app_secret_proof.json")) ==
        Failure::kPermanent);
  CHECK(classify_graph_response(graph_error(404, "fb_error_803_unknown_alias.json")) ==
        Failure::kNotFound);
  CHECK(classify_graph_response(graph_error(400, "ig_error_100_33_object_not_found.json")) ==
        Failure::kNotFound);
  CHECK(classify_graph_response(graph_error(400, "ig_error_110_2207013_user_not_found.json")) ==
        Failure::kNotFound);
  auto e = parse_graph_error(graph_error(400, "fb_error_190_token_expired.json").body);
  REQUIRE(e);
  CHECK(e->code == 190);
  CHECK(e->subcode == 463);
  CHECK(e->message.rfind("Error validating access token", 0) == 0);
  auto t = parse_graph_error(graph_error(403, "fb_error_4_rate_limit.json").body);
  REQUIRE(t);
  CHECK(t->transient);
}

TEST_CASE("graph: every throttling code, token codes and transient codes", "[graph]") {
  for (int code : {4, 17, 32, 613, 80001, 80004, 80014}) {
    INFO("code " << code);
    CHECK(classify_graph_response(inline_error(400, "\"code\":" + std::to_string(code))) ==
          Failure::kRateLimited);
  }
  CHECK(classify_graph_response(inline_error(400, R"("code":80015)")) == Failure::kPermanent);
  CHECK(classify_graph_response(inline_error(400, R"("code":102)")) == Failure::kAuth);
  CHECK(classify_graph_response(inline_error(400, R"("code":190,"error_subcode":460)")) ==
        Failure::kAuth);
  CHECK(classify_graph_response(inline_error(500, R"("code":1)")) == Failure::kRetry);
  CHECK(classify_graph_response(inline_error(400, R"("code":2)")) == Failure::kRetry);
  CHECK(classify_graph_response(inline_error(400, R"("code":368,"is_transient":true)")) ==
        Failure::kRetry);
  CHECK(classify_graph_response(inline_error(400, R"("code":100)")) == Failure::kPermanent);
  CHECK(classify_graph_response(inline_error(400, R"("code":100,"error_subcode":33)")) ==
        Failure::kNotFound);
  CHECK(classify_graph_response(inline_error(400, R"("code":110,"error_subcode":2207013)")) ==
        Failure::kNotFound);
  // Not a Graph body: the HTTP status decides.
  HttpResponse html;
  html.status = 503;
  html.body = "<html>Service Unavailable</html>";
  CHECK(classify_graph_response(html) == Failure::kRetry);
  html.status = 429;
  CHECK(classify_graph_response(html) == Failure::kRateLimited);
  CHECK_FALSE(parse_graph_error(R"({"error":"RateLimitExceeded"})"));
  CHECK_FALSE(parse_graph_error(R"({"data":[]})"));
}

TEST_CASE("graph: usage headers pause before the limit", "[graph]") {
  CHECK_FALSE(graph_usage_wait_ms(HttpResponse{}));
  CHECK_FALSE(graph_usage_wait_ms(
      with_header("x-app-usage", R"({"call_count":40,"total_cputime":3,"total_time":5})")));
  CHECK(graph_usage_wait_ms(with_header(
            "x-app-usage", R"({"call_count":12,"total_cputime":96,"total_time":20})")) ==
        kGraphUsagePauseMs);
  CHECK(graph_usage_wait_ms(with_header("x-page-usage", R"({"call_count":100})")) ==
        kGraphUsagePauseMs);
  // Business use case: Graph's own estimate (minutes) wins.
  CHECK(graph_usage_wait_ms(with_header(
            "x-business-use-case-usage",
            R"({"112233":[{"type":"pages","call_count":100,"total_cputime":10,"total_time":10,)"
            R"("estimated_time_to_regain_access":7}]})")) == 7 * 60 * 1000);
  CHECK_FALSE(graph_usage_wait_ms(
      with_header("x-business-use-case-usage",
                  R"({"112233":[{"type":"pages","call_count":3,"total_cputime":1,"total_time":1,)"
                  R"("estimated_time_to_regain_access":0}]})")));
  CHECK_FALSE(graph_usage_wait_ms(with_header("x-app-usage", "not json")));
}

TEST_CASE("graph: access_token is redacted from URLs and from bodies that echo it", "[graph]") {
  const std::string url =
      "https://graph.facebook.com/v19.0/19292868552/posts?access_token=123%7Cs3cretAppPart"
      "&fields=id&after=QVFI";
  CHECK(redact_url(url) ==
        "https://graph.facebook.com/v19.0/19292868552/posts?access_token=REDACTED&fields=id"
        "&after=QVFI");
  auto secrets = secrets_in_url(url);
  REQUIRE(secrets.size() == 2u);
  CHECK(secrets[0] == "123%7Cs3cretAppPart");
  CHECK(secrets[1] == "123|s3cretAppPart");
  const std::string body =
      R"({"paging":{"next":"https://graph.facebook.com/v19.0/1/posts?access_token=123%7Cs3cretAppPart&after=x"}})";
  CHECK(
      redact_known(body, secrets) ==
      R"({"paging":{"next":"https://graph.facebook.com/v19.0/1/posts?access_token=REDACTED&after=x"}})");
  CHECK(secrets_in_url("https://graph.facebook.com/v19.0/1/posts?fields=id").empty());
}
