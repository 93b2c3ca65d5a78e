#include "pantau/normalize/dedup.h"

#include <catch2/catch.hpp>

#include <string>

namespace pantau::normalize {
namespace {

TEST_CASE("IdSet remembers ids across growth") {
  IdSet s;
  for (int i = 0; i < 100000; ++i) REQUIRE(s.insert("x:" + std::to_string(i)));
  for (int i = 0; i < 100000; i += 997) REQUIRE_FALSE(s.insert("x:" + std::to_string(i)));
  CHECK(s.size() == 100000);
  CHECK(s.insert("youtube:0"));
  // Between a quarter and half full: 16-32 bytes per id.
  CHECK(s.memory_bytes() <= 32 * (s.size() + 1));
  CHECK(s.memory_bytes() >= 16 * s.size());
}

TEST_CASE("hash_id spreads nearby ids and never returns 0") {
  CHECK(hash_id("x:1") != hash_id("x:2"));
  CHECK(hash_id("") != 0);
}

}  // namespace
}  // namespace pantau::normalize
