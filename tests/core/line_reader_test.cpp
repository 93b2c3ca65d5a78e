#include "pantau/line_reader.h"
#include "test_support.h"

#include <zlib.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <vector>

using namespace pantau;

namespace {

struct Got {
  std::vector<std::string> lines;
  std::vector<uint64_t> numbers;
  std::vector<bool> continued;
  std::vector<std::string> errors;
};

Got read_all(LineReader& r) {
  Got g;
  Line line;
  for (int guard = 0; guard < 100000; ++guard) {
    auto res = r.next(&line);
    if (!res) {
      g.errors.push_back(r.input_name() + ":" + std::to_string(r.line_number()) + ": " +
                         res.error().message);
      continue;
    }
    if (!*res) break;
    // The padding promise: capacity covers the line plus simdjson's padding.
    REQUIRE(line.capacity >= line.text.size() + simdjson::SIMDJSON_PADDING);
    g.lines.emplace_back(line.text);
    g.numbers.push_back(line.number);
    g.continued.push_back(line.continued);
  }
  return g;
}

std::string temp_path(const std::string& name) { return pantau::test::scratch_path(name); }

}  // namespace

TEST_CASE("lines, CRLF, blank lines and a missing final newline") {
  LineReader r(memory_source("{\"a\":1}\r\n\n   \n{\"b\":2}\n{\"c\":3}", "mem"));
  Got g = read_all(r);
  CHECK(g.lines == std::vector<std::string>{"{\"a\":1}", "{\"b\":2}", "{\"c\":3}"});
  CHECK(g.numbers == std::vector<uint64_t>{1, 4, 5});
  CHECK(g.errors.empty());
}

TEST_CASE("a too-long line is an error and reading resumes at the next line") {
  std::string big(5000, 'x');
  LineReader r(memory_source("{\"a\":1}\n" + big + "\n{\"b\":2}\n", "mem"), 1000);
  Got g = read_all(r);
  CHECK(g.lines == std::vector<std::string>{"{\"a\":1}", "{\"b\":2}"});
  CHECK(g.numbers == std::vector<uint64_t>{1, 3});
  REQUIRE(g.errors.size() == 1);
  CHECK(g.errors[0] == "mem:2: line longer than the maximum of 1000 bytes");
}

TEST_CASE("a too-long line spanning many reads is skipped as one line") {
  std::string big(3 << 20, 'y');  // three read chunks
  LineReader r(memory_source(big + "\n{\"after\":1}\n", "mem"), 1 << 20);
  Got g = read_all(r);
  CHECK(g.lines == std::vector<std::string>{"{\"after\":1}"});
  CHECK(g.numbers == std::vector<uint64_t>{2});
  CHECK(g.errors.size() == 1);
}

TEST_CASE("lines longer than the read chunk are returned whole") {
  std::string big = "{\"t\":\"" + std::string(3 << 20, 'z') + "\"}";
  LineReader r(memory_source(big + "\n{}\n", "mem"));
  Got g = read_all(r);
  REQUIRE(g.lines.size() == 2);
  CHECK(g.lines[0] == big);
}

TEST_CASE("invalid UTF-8 is repaired and flagged") {
  LineReader r(memory_source("{\"t\":\"caf\xe9\"}\n{\"t\":\"ok\"}\n", "mem"));
  Line line;
  REQUIRE(*r.next(&line));
  CHECK(line.utf8_repaired);
  CHECK(line.text == "{\"t\":\"caf\xEF\xBF\xBD\"}");
  CHECK(line.capacity >= line.text.size() + simdjson::SIMDJSON_PADDING);
  REQUIRE(*r.next(&line));
  CHECK_FALSE(line.utf8_repaired);
}

TEST_CASE("several operands are one stream; a missing file is reported and skipped") {
  const std::string a = temp_path("a.ndjson");
  const std::string gz = temp_path("b.ndjson.gz");
  std::ofstream(a) << "{\"n\":1}\n{\"n\":2}\n";
  gzFile g = gzopen(gz.c_str(), "wb");
  REQUIRE(g != nullptr);
  const std::string body = "{\"n\":3}\n";
  gzwrite(g, body.data(), static_cast<unsigned>(body.size()));
  gzclose(g);
  // A second gzip member appended: concatenated .gz files are one stream.
  g = gzopen(gz.c_str(), "ab");
  gzwrite(g, "{\"n\":4}\n", 8);
  gzclose(g);

  LineReader r({a, temp_path("missing.ndjson"), gz});
  Got got = read_all(r);
  CHECK(got.lines == std::vector<std::string>{"{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}"});
  CHECK(got.numbers == std::vector<uint64_t>{1, 2, 1, 2});
  REQUIRE(got.errors.size() == 1);
  CHECK(got.errors[0].find("missing.ndjson: No such file or directory") != std::string::npos);
  std::remove(a.c_str());
  std::remove(gz.c_str());
}

namespace {

// The gzip bytes of `body`, one member.
std::string gzip_bytes(const std::string& body) {
  const std::string gz = temp_path("member.gz");
  gzFile g = gzopen(gz.c_str(), "wb");
  gzwrite(g, body.data(), static_cast<unsigned>(body.size()));
  gzclose(g);
  std::ifstream in(gz, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::remove(gz.c_str());
  return bytes;
}

std::string numbered_lines(int n) {
  std::string body;
  for (int i = 0; i < n; ++i) body += "{\"n\":" + std::to_string(i) + ",\"pad\":\"abcdefghij\"}\n";
  return body;
}

}  // namespace

TEST_CASE("gzip with trailing junk or a corrupt member: every inflated line, then one error") {
  // The lines inflated in the read that met the bad bytes were lost (issue #16).
  const std::string good = gzip_bytes(numbered_lines(151));
  std::string bad_member = gzip_bytes(numbered_lines(10));
  bad_member[bad_member.size() / 2] ^= 0x55;  // inside the deflate data
  for (const std::string& bytes : {good + "trailing junk, not gzip", good + bad_member}) {
    // open_input() sniffs gzip (memory_source() does not), so go through a file.
    const std::string gz = temp_path("bad.ndjson.gz");
    std::ofstream(gz, std::ios::binary) << bytes;
    LineReader from_file({gz});
    Got got = read_all(from_file);
    REQUIRE(got.lines.size() >= 151);
    CHECK(got.lines[150] == "{\"n\":150,\"pad\":\"abcdefghij\"}");
    REQUIRE(got.errors.size() == 1);
    CHECK(got.errors[0].find("corrupt gzip data") != std::string::npos);
    std::remove(gz.c_str());
  }
}

TEST_CASE("a truncated gzip file is an error after the good lines") {
  const std::string gz = temp_path("trunc.ndjson.gz");
  gzFile g = gzopen(gz.c_str(), "wb");
  std::string body;
  for (int i = 0; i < 2000; ++i)
    body += "{\"n\":" + std::to_string(i) + ",\"pad\":\"abcdefghij\"}\n";
  gzwrite(g, body.data(), static_cast<unsigned>(body.size()));
  gzclose(g);
  std::ifstream in(gz, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::ofstream(gz, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  LineReader r2({gz});
  Got got = read_all(r2);
  CHECK_FALSE(got.lines.empty());
  CHECK(got.lines.size() < 2000);
  REQUIRE_FALSE(got.errors.empty());
  CHECK(got.errors.back().find("unexpected end of gzip data") != std::string::npos);
  std::remove(gz.c_str());
}

// `cat *.info.json`: yt-dlp ends each file without a newline, so the glued files are one line.
namespace {
std::string info_json(int n, size_t bytes) {
  // A value with braces and brackets inside strings, which must not end it.
  std::string v = "{\"id\":\"v" + std::to_string(n) + "\",\"title\":\"a } ] { [ \\\" quote\",";
  v += "\"description\":\"" + std::string(bytes, 'd') + "\",\"tags\":[\"x\",{\"k\":[1,2]}]}";
  return v;
}
}  // namespace

TEST_CASE("glued JSON values past one read chunk are cut between values, keeping the number") {
  const std::string a = info_json(1, 700'000), b = info_json(2, 900'000), c = info_json(3, 300'000);
  const std::string input = "{\"first\":1}\n" + a + b + c + "\n{\"last\":1}\n";
  LineReader r(memory_source(input, "mem"), size_t{1} << 20);  // each value fits; the glue not
  r.cut_between_json_values(true);
  Got g = read_all(r);
  CHECK(g.errors.empty());
  CHECK(g.lines == std::vector<std::string>{"{\"first\":1}", a, b, c, "{\"last\":1}"});
  CHECK(g.numbers == std::vector<uint64_t>{1, 2, 2, 2, 3});
  CHECK(g.continued == std::vector<bool>{false, false, true, true, false});
}

TEST_CASE("without the cut, or on one long record, a line stays whole") {
  const std::string a = info_json(1, 1'500'000);
  SECTION("one long NDJSON record is one line even with the cut on") {
    LineReader r(memory_source(a + "\n" + a + "\n", "mem"), size_t{4} << 20);
    r.cut_between_json_values(true);
    Got g = read_all(r);
    CHECK(g.lines == std::vector<std::string>{a, a});
    CHECK(g.numbers == std::vector<uint64_t>{1, 2});
  }
  SECTION("glued values without the cut are one line, refused when too long") {
    LineReader r(memory_source(a + a + "\n{}\n", "mem"), size_t{2} << 20);
    Got g = read_all(r);
    CHECK(g.lines == std::vector<std::string>{"{}"});
    CHECK(g.numbers == std::vector<uint64_t>{2});
    REQUIRE(g.errors.size() == 1);
  }
  SECTION("a value longer than the maximum is still refused, and the next line read") {
    const std::string big = info_json(9, 3'000'000);
    LineReader r(memory_source(a + big + a + "\n{}\n", "mem"), size_t{2} << 20);
    r.cut_between_json_values(true);
    Got g = read_all(r);
    REQUIRE(g.errors.size() == 1);
    CHECK(g.errors[0] == "mem:1: line longer than the maximum of 2097152 bytes");
    CHECK(g.lines.front() == a);
    CHECK(g.lines.back() == "{}");
    CHECK(g.numbers.back() == 2);
  }
}
