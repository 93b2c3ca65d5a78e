#include "pantau/classify/database_cache.h"

#include <fcntl.h>
#include <hs/hs.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
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
using Clock = std::chrono::system_clock;
using std::chrono::days;
using std::chrono::hours;

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

// The pruning tests' "now": mtimes are set relative to it, so they do not depend on the real clock.
const Clock::time_point kNow{std::chrono::seconds(1'700'000'000)};

// Sets the modification time of `path` itself (a symlink's own, not its target's).
void set_mtime(const std::string& path, Clock::time_point t) {
  const auto s = std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
  const timespec times[2] = {{s, 0}, {s, 0}};
  REQUIRE(::utimensat(AT_FDCWD, path.c_str(), times, AT_SYMLINK_NOFOLLOW) == 0);
}

Clock::time_point mtime(const std::string& path) {
  struct stat st {};
  REQUIRE(::lstat(path.c_str(), &st) == 0);
  return Clock::time_point(std::chrono::seconds(st.st_mtim.tv_sec));
}

// lstat, so that a dangling or kept symlink counts as there.
bool exists(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

void make_file(const std::string& path, Clock::time_point t) {
  write_bytes(path, "x");
  set_mtime(path, t);
}

// A name database_cache_path() could make.
std::string cache_name(std::string_view seed) {
  return "vectorscan-" + pantau::sha256_hex(seed) + ".hsdb";
}

std::string fresh_dir(const std::string& name) {
  std::string dir = pantau::test::scratch_path(name);
  fs::create_directories(dir);
  return dir;
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

TEST_CASE("pruning removes cache files unused for longer than max_age and keeps the rest",
          "[cache][prune]") {
  const std::string dir = fresh_dir("prune-age");
  const std::string old = dir + "/" + cache_name("old");
  const std::string recent = dir + "/" + cache_name("recent");
  const std::string future = dir + "/" + cache_name("future");  // a clock set back since
  make_file(old, kNow - days(31));
  make_file(recent, kNow - days(29));
  make_file(future, kNow + hours(1));
  prune_database_cache(dir, kNow, kDatabaseCacheMaxAge);
  CHECK_FALSE(exists(old));
  CHECK(exists(recent));
  CHECK(exists(future));
  // The age is the caller's.
  prune_database_cache(dir, kNow, days(7));
  CHECK_FALSE(exists(recent));
  CHECK(exists(future));
}

TEST_CASE("pruning removes a dead writer's temporaries after a day, whatever max_age is",
          "[cache][prune]") {
  const std::string dir = fresh_dir("prune-temporaries");
  // Named by mkstemp itself, as store_databases (an AtomicFile) names them.
  std::string dead = dir + "/." + cache_name("dead") + ".XXXXXX";
  const int fd = ::mkstemp(dead.data());
  REQUIRE(fd >= 0);
  ::close(fd);
  set_mtime(dead, kNow - days(2));
  // A temporary of a version before AtomicFile (no leading dot).
  const std::string dead_old = dir + "/" + cache_name("dead-old") + ".Zx81pQ";
  make_file(dead_old, kNow - days(2));
  const std::string writing = dir + "/." + cache_name("writing") + ".q9W2eR";
  make_file(writing, kNow - hours(1));  // another run may still be writing it
  prune_database_cache(dir, kNow, days(365));
  CHECK_FALSE(exists(dead));
  CHECK_FALSE(exists(dead_old));
  CHECK(exists(writing));
}

TEST_CASE("pruning leaves alone everything not named like its own regular files",
          "[cache][prune]") {
  const std::string dir = fresh_dir("prune-foreign");
  const Clock::time_point ancient = kNow - days(365);
  std::vector<std::string> foreign;
  for (const std::string& name :
       {std::string("notes.txt"), std::string("other.hsdb"), std::string("vectorscan-abc.hsdb"),
        "vectorscan-" + std::string(64, 'A') + ".hsdb", "x" + cache_name("prefixed"),
        "compiled-db" + pantau::sha256_hex("same length") + ".hsdb",
        cache_name("underscore") + "_backup", cache_name("backup") + "~",
        cache_name("partial") + ".partial", cache_name("hyphen") + ".ab-def"}) {
    foreign.push_back(dir + "/" + name);
    make_file(foreign.back(), ancient);
  }
  // Directories named like a cache file and like a temporary, with something inside.
  for (const std::string& name : {cache_name("dir"), cache_name("tmpdir") + ".Ab3xYz"}) {
    foreign.push_back(dir + "/" + name);
    fs::create_directories(foreign.back());
    make_file(foreign.back() + "/inside", ancient);
    set_mtime(foreign.back(), ancient);
  }
  // A symlink named like a cache file, to an old cache file elsewhere: neither is ours.
  const std::string target = fresh_dir("prune-foreign-target") + "/" + cache_name("target");
  make_file(target, ancient);
  foreign.push_back(dir + "/" + cache_name("link"));
  fs::create_symlink(target, foreign.back());
  set_mtime(foreign.back(), ancient);
  // One file of its own, so that a prune that did nothing at all would be noticed.
  const std::string own = dir + "/" + cache_name("own");
  make_file(own, ancient);

  prune_database_cache(dir, kNow, kDatabaseCacheMaxAge);
  CHECK_FALSE(exists(own));
  for (const std::string& path : foreign) {
    INFO(path);
    CHECK(exists(path));
  }
  CHECK(exists(target));
  CHECK(exists(dir + "/" + cache_name("dir") + "/inside"));
}

TEST_CASE("pruning a missing, unreadable or non-directory path is harmless", "[cache][prune]") {
  const std::string missing = pantau::test::scratch_path("prune-missing");
  prune_database_cache(missing, kNow, kDatabaseCacheMaxAge);
  CHECK_FALSE(exists(missing));  // not created either
  prune_database_cache("", kNow, kDatabaseCacheMaxAge);

  const std::string file = pantau::test::scratch_path(cache_name("not-a-dir"));
  make_file(file, kNow - days(365));
  prune_database_cache(file, kNow, kDatabaseCacheMaxAge);
  CHECK(exists(file));

  const std::string locked = fresh_dir("prune-unreadable");
  const std::string inside = locked + "/" + cache_name("inside");
  make_file(inside, kNow - days(365));
  REQUIRE(::chmod(locked.c_str(), 0) == 0);
  prune_database_cache(locked, kNow, kDatabaseCacheMaxAge);
  REQUIRE(::chmod(locked.c_str(), 0700) == 0);
  if (::geteuid() != 0) CHECK(exists(inside));  // root reads it regardless of the mode
}

TEST_CASE("storing a new cache file prunes its directory; a hit does not", "[cache][prune]") {
  const std::string dir = fresh_dir("prune-store");
  const Clock::time_point now = Clock::now();
  const std::string stale = dir + "/" + cache_name("stale");
  const std::string recent = dir + "/" + cache_name("recent");
  const std::string notes = dir + "/notes.txt";
  make_file(stale, now - days(31));
  make_file(recent, now - days(29));
  make_file(notes, now - days(365));

  auto miss = Matcher::compile(patterns(), nullptr, dir);
  REQUIRE(miss.ok());
  CHECK_FALSE((*miss)->from_cache());
  CHECK_FALSE(exists(stale));
  CHECK(exists(recent));
  CHECK(exists(notes));
  CHECK(cache_files(dir).size() == 2);  // `recent` and the new one

  make_file(stale, now - days(31));
  auto hit = Matcher::compile(patterns(), nullptr, dir);
  REQUIRE(hit.ok());
  CHECK((*hit)->from_cache());
  CHECK(exists(stale));
}

TEST_CASE("a cache hit refreshes the file's modification time", "[cache][prune]") {
  const std::string dir = fresh_dir("prune-refresh");
  REQUIRE(Matcher::compile(patterns(), nullptr, dir).ok());
  REQUIRE(cache_files(dir).size() == 1);
  const std::string path = cache_files(dir)[0];
  const Clock::time_point before = Clock::now();
  set_mtime(path, before - days(40));

  // A load that fails (here: another number of databases) did not use the file.
  CHECK(load_databases(path, 1000).empty());
  CHECK(mtime(path) < before - days(39));

  auto hit = Matcher::compile(patterns(), nullptr, dir);
  REQUIRE(hit.ok());
  REQUIRE((*hit)->from_cache());
  CHECK(mtime(path) >= before - std::chrono::seconds(1));  // file times are a little coarse
  prune_database_cache(dir, Clock::now(), kDatabaseCacheMaxAge);
  CHECK(exists(path));
}
