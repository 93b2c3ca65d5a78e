// The run manifest: written and read back, each kind of difference between a raw file and its
// manifest named at the right line, credentials out of the recorded arguments, and a timestamp
// request that OpenSSL reads back over the digest asked for (the authority's side is
// tests/fetch/trusted_time.sh, with a real `openssl ts -reply`).
#include "pantau/fetch/run_manifest.h"

#include <catch2/catch.hpp>

#include "pantau/fetch/run_verify.h"
#include "pantau/fetch/trusted_time.h"
#include "pantau/sha256.h"
#include "test_support.h"

using namespace pantau::fetch;

namespace {

std::vector<std::string> digests(std::initializer_list<const char*> lines) {
  std::vector<std::string> out;
  for (const char* l : lines) out.push_back(pantau::sha256_hex(l));
  return out;
}

}  // namespace

TEST_CASE("a manifest reads back as written and rejects a tampered digest list",
          "[fetch][manifest]") {
  RunManifest m;
  m.tool = "pantau-fetch-accounts 0.1.0";
  m.started_at = "2024-02-20T02:00:00Z";
  m.ended_at = "2024-02-20T02:01:00Z";
  m.argv = {"pantau-fetch-accounts", "--manifest", "m.json", "accounts.csv"};
  m.registry = {{"accounts.csv", std::string(64, 'a')}, {"-", ""}};
  m.shard = "2/4";
  m.add_line(R"({"kind":"raw","n":1})");
  m.add_line(R"({"kind":"raw","n":2})");
  const std::string text = manifest_json(m);
  REQUIRE(text.back() == '\n');
  auto back = parse_manifest(text);
  REQUIRE(back);
  CHECK(back->lines == m.lines);
  CHECK(back->registry == m.registry);
  CHECK(back->shard == "2/4");
  CHECK(manifest_json(*back) == text);

  std::string tampered = text;
  tampered.replace(tampered.find(m.lines[1]), 64, pantau::sha256_hex("other"));
  auto bad = parse_manifest(tampered);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message == "manifest: \"lines_sha256\" does not match its \"lines\"");
  CHECK_FALSE(parse_manifest(R"({"kind":"raw"})"));
}

TEST_CASE("differences between a file and its manifest are named by line", "[fetch][manifest]") {
  const auto manifest = digests({"a", "b", "c", "d"});
  CHECK(compare_lines(digests({"a", "b", "c", "d"}), manifest).empty());

  auto p = compare_lines(digests({"a", "B", "c", "d"}), manifest);
  REQUIRE(p.size() == 1);
  CHECK(p[0].line == 2);
  CHECK(p[0].message == "SHA-256 differs from line 2 of the manifest (the line was changed)");

  p = compare_lines(digests({"a", "c", "d"}), manifest);
  REQUIRE(p.size() == 1);
  CHECK(p[0].line == 2);
  CHECK(p[0].message == "line 2 of the manifest is missing before this line");

  p = compare_lines(digests({"a", "b", "c"}), manifest);
  REQUIRE(p.size() == 1);
  CHECK(p[0].line == 0);
  CHECK(p[0].message == "line 4 of the manifest is missing: the file ends after line 3");

  p = compare_lines(digests({"a", "x", "b", "c", "d"}), manifest);
  REQUIRE(p.size() == 1);
  CHECK(p[0].line == 2);

  p = compare_lines(digests({"a", "b", "c", "d", "e"}), manifest);
  REQUIRE(p.size() == 1);
  CHECK(p[0].line == 5);
  CHECK(p[0].message == "not in the manifest (a line added after the run)");

  p = compare_lines(digests({"b", "a", "c", "d"}), manifest);  // swapped: both named
  CHECK(p.size() == 2);
}

TEST_CASE("a raw file is hashed line by line, exactly", "[fetch][manifest]") {
  const std::string path = pantau::test::scratch_dir() + "/manifest-raw.ndjson";
  pantau::test::write_file(path, "one\ntwo \r\nthree");
  auto lines = hash_file_lines(path);
  REQUIRE(lines);
  CHECK(*lines == digests({"one", "two \r", "three"}));
  CHECK(timestamp_token_path("run/raw.manifest.json") == "run/raw.manifest.tsr");
  CHECK(timestamp_token_path("m") == "m.tsr");
}

TEST_CASE("credentials never reach the recorded arguments", "[fetch][manifest][secrets]") {
  CHECK(redact_argument("https://stamp:p4ss@tsa.example/tsr") ==
        "https://REDACTED@tsa.example/tsr");
  CHECK(redact_argument("--tsa=http://u:p@127.0.0.1:8080/") ==
        "--tsa=http://REDACTED@127.0.0.1:8080/");
  CHECK(redact_argument("youtube=https://api.example/v3?key=abc&part=x") ==
        "youtube=https://api.example/v3?key=REDACTED&part=x");
  CHECK(redact_argument("https://host/path@not-userinfo") == "https://host/path@not-userinfo");
  CHECK(redact_argument("accounts.csv") == "accounts.csv");
}

TEST_CASE("a timestamp request is over the digest asked for", "[fetch][tsa]") {
  const std::string digest = pantau::sha256_hex("manifest bytes");
  auto req = make_timestamp_request(digest);
  REQUIRE(req);
  // DER: the 32 digest bytes are in the request, and two requests differ by their nonce.
  std::string raw;
  for (size_t i = 0; i < 64; i += 2) {
    raw.push_back(static_cast<char>(std::stoi(digest.substr(i, 2), nullptr, 16)));
  }
  CHECK(req->find(raw) != std::string::npos);
  auto again = make_timestamp_request(digest);
  REQUIRE(again);
  CHECK(*again != *req);
  CHECK_FALSE(make_timestamp_request("not hex"));
  // A reply that is not one is an error, not a crash.
  auto bad = check_timestamp_reply("garbage", *req);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message.rfind("not an RFC 3161 timestamp reply", 0) == 0);
  CHECK_FALSE(verify_timestamp("", digest, ""));
}
