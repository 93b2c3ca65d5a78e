#include "pantau/csv.h"

#include <catch2/catch.hpp>

using pantau::CsvParser;

TEST_CASE("csv rows count once; lines count every line break, also inside quotes") {
  CsvParser p("a;b\r\n\"x\ny\";2\rlast;3\n", 0);
  std::vector<std::string> f;
  int64_t row = 0;
  REQUIRE(p.next(&f, &row));
  CHECK(p.delimiter() == ';');
  CHECK((row == 1 && p.line() == 1));
  REQUIRE(p.next(&f, &row));
  CHECK(f == std::vector<std::string>{"x\ny", "2"});
  CHECK((row == 2 && p.line() == 2));
  REQUIRE(p.next(&f, &row));
  CHECK(f == std::vector<std::string>{"last", "3"});
  CHECK((row == 3 && p.line() == 4));  // the quoted cell spanned lines 2 and 3
  CHECK_FALSE(p.next(&f, &row));
  CHECK_FALSE(p.unterminated_quote());
}

TEST_CASE("an open quote at the end of input names the line it opened on") {
  CsvParser p("a\nb\n\"open\nmore\n", ',');
  std::vector<std::string> f;
  int64_t row = 0;
  while (p.next(&f, &row)) {
  }
  CHECK(p.unterminated_quote());
  CHECK(p.unterminated_quote_line() == 3);
}
