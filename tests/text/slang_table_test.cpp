#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <string>

#include "pantau/text/text_normalizer.h"
#include "test_support.h"

namespace pantau::text {
namespace {

std::string write_temp(const std::string& name, const std::string& bytes) {
  std::string path = pantau::test::scratch_path("slang-" + name);
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

TEST_CASE("the builtin table has the common forms") {
  const SlangTable& t = SlangTable::builtin();
  CHECK(t.size() > 300);
  CHECK(t.lookup("yg") == "yang");
  CHECK(t.lookup("gak") == "tidak");
  CHECK(t.lookup("nggak") == "tidak");
  CHECK(t.lookup("udh") == "sudah");
  CHECK(t.lookup("gpp") == "tidak apa-apa");
  CHECK(t.lookup("nyoblos") == "mencoblos");
  CHECK_FALSE(t.lookup("kaya"));    // rich, not "like"
  CHECK_FALSE(t.lookup("cebong"));  // names are kept as written
  CHECK_FALSE(t.lookup("yang"));
}

TEST_CASE("add folds keys and values and ignores multi-word keys") {
  SlangTable t;
  t.add("YG", "Yang");
  t.add("\xEF\xBD\x87\xEF\xBD\x8B", "tidak");  // fullwidth "gk"
  t.add("tgg jwb", "tanggung jawab");
  t.add("same", "same");
  CHECK(t.lookup("yg") == "yang");
  CHECK(t.lookup("gk") == "tidak");
  CHECK(t.size() == 2);
}

TEST_CASE("load_csv reads utf-8 - latin-1 - bom - crlf - quotes and a header") {
  std::string path = write_temp("a.csv",
                                "\xEF\xBB\xBFslang,formal\r\n"
                                "anakjakartaasikasik,anak jakarta asyik asyik\r\n"
                                "\r\n"
                                "caf\xE9,kafe\r\n"           // Latin-1
                                "mu\xE2,make up artist\r\n"  // a broken emoji byte
                                "\"tdk\",\"tidak\"\r\n"
                                "a,b,extra column\n");
  SlangTable t;
  Status s = t.load_csv(path);
  REQUIRE(s.ok());
  CHECK(t.lookup("anakjakartaasikasik") == "anak jakarta asyik asyik");
  CHECK(t.lookup("caf\xC3\xA9") == "kafe");
  CHECK(t.lookup("mu\xC3\xA2") == "make up artist");
  CHECK(t.lookup("tdk") == "tidak");
  CHECK(t.lookup("a") == "b");
  CHECK_FALSE(t.lookup("slang"));
  std::remove(path.c_str());
}

TEST_CASE("load_csv errors name the file and line") {
  std::string path = write_temp("bad.csv", "yg,yang\nno comma here\n");
  SlangTable t;
  Status s = t.load_csv(path);
  REQUIRE_FALSE(s.ok());
  CHECK(s.message() == path + ":2: expected \"slang,formal\", found no comma");
  std::remove(path.c_str());
  Status missing = t.load_csv("/nonexistent/slang.csv");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.message().find("/nonexistent/slang.csv") != std::string::npos);
}

TEST_CASE("merge lets later tables win") {
  SlangTable a, b;
  a.add("gw", "saya");
  b.add("gw", "aku");
  b.add("lu", "kamu");
  a.merge(b);
  CHECK(a.lookup("gw") == "aku");
  CHECK(a.lookup("lu") == "kamu");
}

}  // namespace
}  // namespace pantau::text
