#include "pantau/normalize/html_text.h"

#include <catch2/catch.hpp>

namespace pantau::normalize {
namespace {

TEST_CASE("html_to_text: paragraphs - breaks - entities - links") {
  std::string out;
  std::vector<std::string> links;
  html_to_text(
      R"(<p>Halo &amp; selamat<br>pagi &#39;semua&#x27; &#128077;</p><p><a href="https://x.org/a?b=1&amp;c=2" rel="nofollow"><span class="invisible">https://</span>x.org/a</a></p>)",
      &out, &links);
  CHECK(out == "Halo & selamat\npagi 'semua' \xF0\x9F\x91\x8D\n\nhttps://x.org/a");
  REQUIRE(links.size() == 1);
  CHECK(links[0] == "https://x.org/a?b=1&c=2");
}

TEST_CASE("html_to_text tolerates broken markup") {
  std::string out;
  html_to_text("a < b and &unknown; &#0; &#xZZ; <i", &out);
  CHECK(out == "a < b and &unknown; \xEF\xBF\xBD &#xZZ; <i");
}

TEST_CASE("attribute reads quoted and bare values") {
  CHECK(attribute(R"(<a href="x&amp;y" class=z>)", "href") == "x&y");
  CHECK(attribute(R"(<a href="x" class=z>)", "class") == "z");
  CHECK(attribute(R"(<a data-href="no">)", "href") == "");
}

}  // namespace
}  // namespace pantau::normalize
