#include "pantau/classify/database_cache.h"

#include <hs/hs.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "pantau/classify/matcher.h"
#include "pantau/sha256.h"
#include "test_support.h"

using namespace pantau::classify;
namespace fs = std::filesystem;

namespace {

// Literals with affixes, a phrase, regexes with and without factors and an end-anchored one: a
// literal database and several regex databases.
std::vector<Pattern> patterns(std::string_view extra = "") {
  std::vector<Pattern> out;
  uint32_t tag = 0;
  for (std::string_view term : {"babi", "serangan fajar", "politik uang", "amplop"}) {
    for (auto& f : term_forms(term, Morphology::kVerb)) {
      Pattern p;
      p.expr = f.literal;
      p.affixes = f.affixes;
      p.tag = tag;
      out.push_back(p);
    }
    ++tag;
  }
  for (std::string_view re : {"bagi(-| )?bagi (uang|sembako)", "nomor urut [0-9]+", "[0-9]{3,}rb",
                              "coblos( nomor)? [0-9]+$"}) {
    Pattern p;
    p.expr = re;
    p.regex = true;
    p.tag = tag++;
    out.push_back(p);
  }
  if (!extra.empty()) {
    Pattern p;
    p.expr = extra;
    p.tag = tag;
    out.push_back(p);
  }
  return out;
}

const std::vector<std::string>& texts() {
  static const std::vector<std::string> t = {
      "dasar babi, ada serangan fajar tadi malam",
      "mereka bagi-bagi uang dan amplop di pasar, 100rb per orang",
      "pilih nomor urut 3 ya, jangan lupa coblos nomor 3",
      "politik uang itu haram; menyerang fajar bukan berita",
      "tidak ada apa-apa di sini",
  };
  return t;
}

std::vector<std::vector<Hit>> scan_all(Matcher& m) {
  std::vector<std::vector<Hit>> out;
  for (const auto& t : texts()) {
    std::vector<Hit> hits;
    REQUIRE(m.scan(t, &hits).ok());
    out.push_back(hits);
  }
  return out;
}

std::vector<std::string> cache_files(const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".hsdb") out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

}  // namespace

TEST_CASE("a second compile loads the cached databases, with the same hits", "[cache]") {
  const std::string dir = pantau::test::scratch_dir() + "/cache-reuse";
  auto plain = Matcher::compile(patterns());
  REQUIRE(plain.ok());
  CHECK_FALSE((*plain)->from_cache());
  const auto expected = scan_all(**plain);
  CHECK_FALSE(expected[1].empty());

  auto first = Matcher::compile(patterns(), nullptr, dir);
  REQUIRE(first.ok());
  CHECK_FALSE((*first)->from_cache());
  REQUIRE(cache_files(dir).size() == 1);
  CHECK(scan_all(**first) == expected);

  auto second = Matcher::compile(patterns(), nullptr, dir);
  REQUIRE(second.ok());
  CHECK((*second)->from_cache());
  CHECK(scan_all(**second) == expected);
  CHECK(cache_files(dir).size() == 1);
}

TEST_CASE("a damaged cache file is compiled again, with the same hits, and rewritten", "[cache]") {
  const std::string dir = pantau::test::scratch_dir() + "/cache-damaged";
  auto good = Matcher::compile(patterns(), nullptr, dir);
  REQUIRE(good.ok());
  const auto expected = scan_all(**good);
  REQUIRE(cache_files(dir).size() == 1);
  const std::string path = cache_files(dir)[0];
  const std::string bytes = pantau::test::read_file(path);
  REQUIRE(bytes.size() > 1000);

  auto flip = [&](size_t at) {
    std::string b = bytes;
    b[at] = static_cast<char>(b[at] ^ 0x5a);
    return b;
  };
  const std::vector<std::pair<const char*, std::string>> damage = {
      {"empty", ""},
      {"header only", bytes.substr(0, 12)},
      {"truncated", bytes.substr(0, bytes.size() / 2)},
      {"last byte missing", bytes.substr(0, bytes.size() - 1)},
      {"magic flipped", flip(0)},
      {"count flipped", flip(8)},
      {"bytecode flipped", flip(bytes.size() / 2)},
      {"checksum flipped", flip(bytes.size() - 3)},
      {"garbage appended", bytes + "garbage"},
  };
  for (const auto& [what, damaged] : damage) {
    SECTION(what) {
      write_bytes(path, damaged);
      auto m = Matcher::compile(patterns(), nullptr, dir);
      REQUIRE(m.ok());
      CHECK_FALSE((*m)->from_cache());
      CHECK(scan_all(**m) == expected);
      CHECK(pantau::test::read_file(path).size() == bytes.size());  // rewritten
      auto again = Matcher::compile(patterns(), nullptr, dir);
      REQUIRE(again.ok());
      CHECK((*again)->from_cache());
      CHECK(scan_all(**again) == expected);
    }
  }
}

TEST_CASE("a different pattern set gets a different cache file", "[cache]") {
  const std::string dir = pantau::test::scratch_dir() + "/cache-keys";
  REQUIRE(Matcher::compile(patterns(), nullptr, dir).ok());
  auto other = Matcher::compile(patterns("kampanye hitam"), nullptr, dir);
  REQUIRE(other.ok());
  CHECK_FALSE((*other)->from_cache());
  CHECK(cache_files(dir).size() == 2);
  // Only a flag differs: another file too.
  auto flags = patterns();
  flags.back().expr = "coblos( nomor)? [0-9]+";
  auto changed = Matcher::compile(flags, nullptr, dir);
  REQUIRE(changed.ok());
  CHECK_FALSE((*changed)->from_cache());
  CHECK(cache_files(dir).size() == 3);
  auto first = Matcher::compile(patterns(), nullptr, dir);
  REQUIRE(first.ok());
  CHECK((*first)->from_cache());
}

TEST_CASE("a cache directory that cannot be created means no cache", "[cache]") {
  const std::string file = pantau::test::scratch_dir() + "/cache-not-a-dir";
  write_bytes(file, "x");
  auto m = Matcher::compile(patterns(), nullptr, file + "/sub");
  REQUIRE(m.ok());
  CHECK_FALSE((*m)->from_cache());
  auto again = Matcher::compile(patterns(), nullptr, file + "/sub");
  REQUIRE(again.ok());
  CHECK_FALSE((*again)->from_cache());
}

TEST_CASE("well-framed bytes that are no database are not loaded", "[cache]") {
  const std::string path = pantau::test::scratch_dir() + "/cache-forged.hsdb";
  std::string body = "PNTHSDB1";
  const uint32_t count = 1, reserved = 0;
  const uint64_t size = 64;
  body.append(reinterpret_cast<const char*>(&count), sizeof count);
  body.append(reinterpret_cast<const char*>(&reserved), sizeof reserved);
  body.append(reinterpret_cast<const char*>(&size), sizeof size);
  body.append(size, 'x');
  write_bytes(path, body + pantau::sha256_hex(body));
  CHECK(load_databases(path, 1).empty());
  CHECK(load_databases(pantau::test::scratch_dir() + "/missing.hsdb", 1).empty());
}

TEST_CASE("the cache key names vectorscan and the platform", "[cache]") {
  const std::string base = database_key_base();
  CHECK(base.find(hs_version()) != std::string::npos);
  CHECK(database_cache_path("/c", base + "a") != database_cache_path("/c", base + "b"));
  CHECK(database_cache_path("/c/", "k").rfind("/c/vectorscan-", 0) == 0);
}
