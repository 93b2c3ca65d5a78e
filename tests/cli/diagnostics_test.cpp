#include "cli/diagnostics.h"

#include <catch2/catch.hpp>

TEST_CASE("errors are counted, warnings are not") {
  pantau::cli::Diagnostics d("pantau-test");
  d.set_quiet(true);
  d.warning("not counted");
  d.error_at("in.ndjson", 3, "bad record");
  d.error("another");
  CHECK(d.error_count() == 2);
  CHECK(d.program() == "pantau-test");
}
