// Raw and error records, replay files, credentials and the state database.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <fstream>

#include "pantau/fetch/credentials.h"
#include "pantau/fetch/exchange_store.h"
#include "pantau/fetch/raw_record.h"
#include "pantau/fetch/state_store.h"
#include "pantau/records/error_record.h"
#include "pantau/sha256.h"
#include "test_support.h"

using namespace pantau;
using namespace pantau::fetch;

namespace {
std::string temp_path(const std::string& name) { return pantau::test::scratch_path(name); }
}  // namespace

TEST_CASE("raw records carry the body verbatim with its hash", "[raw]") {
  HttpResponse r;
  r.status = 200;
  r.headers = {{"content-type", "application/json"},
               {"server", "x"},
               {"x-ratelimit-remaining", "9"},
               {"link", "<u>; rel=\"next\""}};
  r.body = "{\"a\": \"\xC3\xA9\\n\"}\n";
  Account a;
  a.key = "k";
  a.platform = "mastodon";
  a.role = "candidate";
  RawRecordInfo info;
  info.platform = "mastodon";
  info.adapter = "mastodon";
  info.endpoint = "statuses";
  info.request_url = "https://h/api?x=1";
  info.response = &r;
  info.fetched_at = 1707699600000;
  info.tool = "pantau-fetch-accounts 0.1.0";
  info.account = &a;
  info.page = 2;
  info.cursor = "123";
  std::string out;
  append_raw_record(info, &out);
  simdjson::dom::parser p;
  auto doc = p.parse(out);
  REQUIRE_FALSE(doc.error());
  CHECK(std::string_view(doc["kind"]) == "raw");
  CHECK(std::string_view(doc["body"]) == r.body);
  CHECK(std::string_view(doc["sha256"]) == sha256_hex(r.body));
  CHECK(std::string_view(doc["body_encoding"]) == "utf-8");
  CHECK(std::string_view(doc["fetched_at"]) == "2024-02-12T01:00:00Z");
  CHECK(std::string_view(doc["cursor"]) == "123");
  CHECK(int64_t(doc["page"]) == 2);
  CHECK(std::string_view(doc["account"]["key"]) == "k");
  CHECK(doc["headers"]["server"].error() == simdjson::NO_SUCH_FIELD);
  CHECK(std::string_view(doc["headers"]["x-ratelimit-remaining"]) == "9");
  // Bytes that are not UTF-8 go in as base64, never repaired.
  r.body = std::string("\xFF\x00\x01", 3);
  info.cursor = "";
  out.clear();
  append_raw_record(info, &out);
  auto doc2 = p.parse(out);
  CHECK(std::string_view(doc2["body_encoding"]) == "base64");
  CHECK(std::string_view(doc2["body"]) == "/wAB");
  CHECK(doc2["cursor"].is_null());
  CHECK(base64_encode("ab") == "YWI=");
  CHECK(base64_encode("abc") == "YWJj");
}

TEST_CASE("error records follow pantau-records(5)", "[raw]") {
  records::ErrorRecordOut e;
  e.tool = "pantau-fetch-accounts";
  e.stage = "fetch";
  e.time = 1707699603000;
  e.platform = "youtube";
  e.http_status = 404;
  e.message = "channel not found";
  e.attempts = 1;
  std::string out;
  records::append_error_record(e, &out);
  CHECK(out ==
        "{\"kind\":\"error\",\"tool\":\"pantau-fetch-accounts\",\"stage\":\"fetch\","
        "\"time\":\"2024-02-12T01:00:03Z\",\"account\":null,\"platform\":\"youtube\","
        "\"http_status\":404,\"message\":\"channel not found\",\"retryable\":false,"
        "\"attempts\":1,\"input\":null,\"line\":null}");
}

TEST_CASE("replay keys ignore secrets and parameter order", "[replay]") {
  const std::string a = canonical_request_line("GET", "https://h/p?part=x&key=ONE&id=2");
  const std::string b = canonical_request_line("GET", "https://h/p?id=2&key=TWO&part=x");
  CHECK(a == b);
  CHECK(a == "GET https://h/p?id=2&key=REDACTED&part=x");
  CHECK(exchange_file_name(a).size() == 37);
  HttpResponse r;
  r.status = 429;
  r.headers = {{"retry-after", "3"}, {"set-cookie", "session=secret"}};
  r.body = "{\"x\":1}\n\nmore";
  r.received_at = 1707699600000;
  const std::string file = format_exchange(a, r);
  CHECK(file.find("secret") == std::string::npos);
  auto ex = parse_exchange(file);
  REQUIRE(ex);
  CHECK(ex->request_line == a);
  CHECK(ex->response.status == 429);
  CHECK(ex->response.header("retry-after") == "3");
  CHECK(ex->response.body == r.body);
  CHECK(ex->response.received_at == r.received_at);
  CHECK_FALSE(parse_exchange("GET https://h/\n\nnot a status line\n\n"));
}

TEST_CASE("replay serves recorded exchanges and fails misses at once", "[replay]") {
  const std::string dir = temp_path("replay");
  ::mkdir(dir.c_str(), 0755);
  HttpResponse r;
  r.status = 200;
  r.body = "[]";
  std::ofstream(dir + "/anything.http")
      << format_exchange(canonical_request_line("GET", "https://h/a?b=1&key=OTHER&a=2"), r);
  auto t = ReplayTransport::open(dir);
  REQUIRE(t);
  (*t)->start(1, HttpRequest{"GET", "https://h/a?a=2&b=1&key=MINE", {}, 1000, 1000});
  (*t)->start(2, HttpRequest{"GET", "https://h/missing", {}, 1000, 1000});
  std::vector<Completion> done;
  (*t)->poll(0, &done);
  REQUIRE(done.size() == 2);
  CHECK(done[0].response.status == 200);
  CHECK(done[0].response.body == "[]");
  CHECK(done[1].response.permanent);
  CHECK(done[1].response.transport_error == "no recorded exchange for GET https://h/missing");
  std::remove((dir + "/anything.http").c_str());
  ::rmdir(dir.c_str());
}

TEST_CASE("credentials: env lists, files, and refusing a readable file", "[credentials]") {
  const std::string path = temp_path("creds");
  std::ofstream(path) << "# keys\nyoutube=k1111111, k2222222\nPANTAU_X_BEARER_TOKEN=\"tok\"\n";
  ::chmod(path.c_str(), 0644);
  CredentialPool loose;
  Status s = loose.load_file(path);
  REQUIRE_FALSE(s.ok());
  CHECK(s.message().find("readable by group or others") != std::string::npos);
  CHECK(s.message().find("k1111111") == std::string::npos);
  ::chmod(path.c_str(), 0600);
  CredentialPool pool;
  REQUIRE(pool.load_file(path).ok());
  CHECK(pool.count("youtube") == 2);
  CHECK(pool.count("x") == 1);
  CHECK(pool.current("youtube") == 0);
  pool.at("youtube", 0).dead = true;
  CHECK(pool.current("youtube") == 1);
  pool.at("youtube", 1).exhausted = true;
  CHECK(pool.current("youtube") == -1);
  CHECK(pool.at("youtube", 0).id.size() == 16);
  CHECK(pool.at("youtube", 0).id.find("k111") == std::string::npos);
  ::setenv("PANTAU_TEST_KEYS", "e1,e2,,e3", 1);
  CredentialPool env;
  env.load_env("youtube", "PANTAU_TEST_KEYS");
  CHECK(env.count("youtube") == 3);
  std::remove(path.c_str());
  CredentialPool missing;
  CHECK_FALSE(missing.load_file(path).ok());
}

TEST_CASE("the state database keeps account state and quota usage", "[state]") {
  const std::string path = temp_path("state.db");
  {
    auto st = StateStore::open(path);
    REQUIRE(st);
    auto none = (*st)->load("k");
    REQUIRE(none);
    CHECK(none->newest_time == 0);
    AccountState a;
    a.platform_id = "UC1";
    a.resolved_extra = "UU1";
    a.newest_id = "v9";
    a.newest_time = 99;
    a.cursor = "tok";
    a.cursor_page = 3;
    a.window = "0,0";
    a.failures = 2;
    REQUIRE((*st)->save("k", a).ok());
    a.cursor = "tok2";
    REQUIRE((*st)->save("k", a).ok());
    REQUIRE((*st)->add_units("cred", "2024-02-12", 5).ok());
    REQUIRE((*st)->add_units("cred", "2024-02-12", 7).ok());
  }
  auto st = StateStore::open(path);
  REQUIRE(st);
  auto a = (*st)->load("k");
  REQUIRE(a);
  CHECK(a->platform_id == "UC1");
  CHECK(a->cursor == "tok2");
  CHECK(a->cursor_page == 3);
  CHECK(a->failures == 2);
  CHECK(*(*st)->units_used("cred", "2024-02-12") == 12);
  CHECK(*(*st)->units_used("cred", "2024-02-13") == 0);
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
  CHECK_FALSE(StateStore::open("/nonexistent-dir/x.db"));
}
