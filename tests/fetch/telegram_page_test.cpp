// parse_telegram_page on the t.me/s fixture pages and on hostile HTML: unclosed tags, stray end
// tags, huge attributes, deep nesting, malformed data-post and datetime values, a login wall.
#include <catch2/catch.hpp>

#include <string>

#include "pantau/fetch/telegram_page.h"
#include "test_support.h"

using namespace pantau;
using namespace pantau::fetch;

namespace {

std::string fixture(const std::string& name) {
  return pantau::test::read_file(pantau::test::data_dir() + "/fixtures/api/telegram/" + name);
}

std::string wrap(const std::string& body) {
  return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" + body +
         "</body></html>";
}

std::string message(const std::string& post, const std::string& datetime,
                    const std::string& extra_class = "") {
  return "<div class=\"tgme_widget_message_wrap\"><div class=\"tgme_widget_message " + extra_class +
         " js-widget_message\" data-post=\"" + post +
         "\"><div class=\"tgme_widget_message_text\">hi</div><a class=\"tgme_widget_message_date\" "
         "href=\"https://t.me/" +
         post + "\"><time datetime=\"" + datetime +
         "\" class=\"time\">12:00</time></a></div></div>";
}

}  // namespace

TEST_CASE("the fixture page lists its messages with ids and times and the older-page link",
          "[telegram_page]") {
  const std::string html = fixture("tme_s_page.html");
  REQUIRE_FALSE(html.empty());
  auto page = parse_telegram_page(html);
  REQUIRE(page);
  REQUIRE(page->messages.size() == 6);
  for (size_t i = 0; i < 6; ++i) {
    CHECK(page->messages[i].channel == "pantau_contoh");
    CHECK(page->messages[i].id == 101 + static_cast<int64_t>(i));
    CHECK(page->messages[i].time > 0);
    CHECK(page->messages[i].service == (page->messages[i].id == 105));
  }
  CHECK(page->messages[0].time == *parse_datetime("2024-02-10T02:15:00Z"));
  CHECK(page->messages[5].time == *parse_datetime("2024-02-13T01:00:00Z"));
  CHECK(page->prev_before == 101);
  CHECK(page->channel_history);
  CHECK_FALSE(page->no_messages_found);
  CHECK(page->complete);
}

TEST_CASE("the no-posts page has no messages and says so", "[telegram_page]") {
  const std::string html = fixture("tme_s_no_posts.html");
  REQUIRE_FALSE(html.empty());
  auto page = parse_telegram_page(html);
  REQUIRE(page);
  CHECK(page->messages.empty());
  CHECK(page->no_messages_found);
  CHECK(page->channel_history);
  CHECK_FALSE(page->prev_before);
}

TEST_CASE("a page cut short is read as far as it goes and marked incomplete", "[telegram_page]") {
  const std::string html = fixture("tme_s_page.html");
  // Cut inside the fourth message: every tag after it is left open.
  const size_t cut = html.find("data-post=\"pantau_contoh/104\"") + 60;
  auto page = parse_telegram_page(std::string_view(html).substr(0, cut));
  REQUIRE(page);
  REQUIRE(page->messages.size() == 4);
  CHECK(page->messages[3].id == 104);
  CHECK(page->messages[3].time == 0);  // its date was cut off
  CHECK_FALSE(page->complete);
}

TEST_CASE("unclosed and stray tags do not hide messages", "[telegram_page]") {
  std::string body = "<div><span><b>" + message("chan/7", "2024-02-10T02:15:00+07:00") +
                     "</i></p></table>" + message("chan/8", "2024-02-10T03:00:00Z") +
                     "<div class=tgme_widget_message data-post=chan/9><a class='x "
                     "tgme_widget_message_date'><TIME DATETIME='2024-02-11T00:00:00Z'>";
  auto page = parse_telegram_page(wrap(body));
  REQUIRE(page);
  REQUIRE(page->messages.size() == 3);
  CHECK(page->messages[0].id == 7);
  CHECK(page->messages[0].time == *parse_datetime("2024-02-09T19:15:00Z"));
  CHECK(page->messages[1].id == 8);
  CHECK(page->messages[2].id == 9);  // unquoted and single-quoted attributes, upper case tags
  CHECK(page->messages[2].time == *parse_datetime("2024-02-11T00:00:00Z"));
}

TEST_CASE("malformed ids and times are skipped, not guessed", "[telegram_page]") {
  std::string body;
  for (const char* post : {"chan/abc", "/5", "chan/", "chan/-3", "chan/0", "chan/5x",
                           "chan/99999999999999999999", "nochannel"}) {
    body += message(post, "2024-02-10T02:15:00Z");
  }
  body += message("chan/12", "yesterday");
  // Only the class token itself marks a message, not a longer class that starts with it.
  body += "<div class=\"tgme_widget_message_wrap\" data-post=\"chan/13\"></div>";
  auto page = parse_telegram_page(wrap(body));
  REQUIRE(page);
  REQUIRE(page->messages.size() == 1);
  CHECK(page->messages[0].id == 12);
  CHECK(page->messages[0].time == 0);
}

TEST_CASE("huge attributes and huge text are read without trouble", "[telegram_page]") {
  const std::string big(1 << 20, 'A');
  std::string body = "<div class=\"tgme_widget_message\" data-post=\"chan/" + big + "\"></div>" +
                     "<div title=\"" + big + "\">" + big + "</div>" +
                     message("chan/5", "2024-02-10T02:15:00Z");
  auto page = parse_telegram_page(wrap(body));
  REQUIRE(page);
  REQUIRE(page->messages.size() == 1);
  CHECK(page->messages[0].id == 5);
}

TEST_CASE("deep nesting and oversized pages are refused before parsing", "[telegram_page]") {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<div>";
  auto page = parse_telegram_page(wrap(deep));
  REQUIRE_FALSE(page);
  CHECK(page.error().message.find("nested") != std::string::npos);

  std::string bold;  // formatting elements are as costly to an HTML5 parser
  for (int i = 0; i < 5000; ++i) bold += "<b/>";
  CHECK_FALSE(parse_telegram_page(wrap(bold)));

  const std::string huge(kMaxTelegramPageBytes + 1, ' ');
  CHECK_FALSE(parse_telegram_page(huge));

  // Unmatched end tags do not unnest: gumbo ignores them. This page took gumbo 41 s when the
  // estimate counted each </b> as closing a div (issue #16).
  std::string unmatched;
  for (int i = 0; i < 100000; ++i) unmatched += "<div></b>";
  auto bypass = parse_telegram_page(wrap(unmatched));
  REQUIRE_FALSE(bypass);
  CHECK(bypass.error().message.find("nested") != std::string::npos);
}

TEST_CASE("the depth estimate follows HTML void and raw-text and foreign elements",
          "[telegram_page]") {
  CHECK(estimate_html_depth("<div><p>a</p><br><img src=x><meta x></div>") == 2);
  CHECK(estimate_html_depth("<div><!-- <div><div><div> --></div>") == 1);
  CHECK(estimate_html_depth("<script>if (a<b) { x = '<div><div>'; }</script>") == 1);
  CHECK(estimate_html_depth("<svg><path d='M0 0'/><path/><path/></svg>") == 1);
  CHECK(estimate_html_depth("<div/><div/><div/>") == 3);  // HTML ignores the slash
  CHECK(estimate_html_depth("<a title='>'><b>") == 2);
  CHECK(estimate_html_depth("1 < 2 and 3 <4") == 0);
  CHECK(estimate_html_depth("<div></b><div></b><div></b>") == 3);  // no <b> open: ignored
  CHECK(estimate_html_depth("<div><span><i></div><p></p>") == 3);  // </div> closes span and i
  CHECK(estimate_html_depth("<svg><g></svg><div/><div/>") == 2);   // foreign content ended
  // Quotes open a value only where a value begins, as the tokenizer reads a tag: here the
  // second '"' ends the value and the third is part of a name, so each <div> opens.
  CHECK(estimate_html_depth("<div class=\"a=\"b/1\"><div class=\"c\"><div><div>") == 4);
  CHECK(estimate_html_depth("<a b=c=\" d><i><i>") == 3);  // '"' inside an unquoted value
  CHECK(estimate_html_depth("<a x\"y=\"1\"><i>") == 2);   // '"' inside a name
  CHECK(estimate_html_depth("<a href=x/><i>") == 2);      // "x/" is the value: not self-closing
  CHECK(estimate_html_depth("<!DOCTYPE html \"x>\"><i>") == 1);  // a doctype ends at '>'
}

TEST_CASE("a broken attribute quote cannot hide deep nesting from the bound", "[telegram_page]") {
  // A fuzzing finding (issue #16): after `class="a="c/1"` a looser reading of quotes took the
  // rest of the page for one string, so 16,000 unclosed <div>s passed the bound and gumbo,
  // quadratic in the nesting, took 0.6 s (a 4 MiB page: many minutes).
  std::string page =
      "<div class=\"tgme_widget_message_datea-post=\"c/1\"><div class=\"js-message_text\">";
  for (int i = 0; i < 16000; ++i) page += "<div>";
  CHECK(estimate_html_depth(page) > kMaxTelegramPageDepth);
  auto parsed = parse_telegram_page(page);
  REQUIRE_FALSE(parsed);
  CHECK(parsed.error().message.find("nested") != std::string::npos);
}

TEST_CASE("a login wall or a redirect target page has no messages", "[telegram_page]") {
  const std::string wall = wrap(
      "<div class=\"tgme_page\"><div class=\"tgme_page_title\">Relawan</div>"
      "<div class=\"tgme_page_extra\">1 234 subscribers</div><a class=\"tgme_action_button_new\" "
      "href=\"tg://resolve?domain=relawan\">View in Telegram</a></div>");
  auto page = parse_telegram_page(wall);
  REQUIRE(page);
  CHECK(page->messages.empty());
  CHECK_FALSE(page->no_messages_found);
  CHECK_FALSE(page->channel_history);
  CHECK(page->complete);

  auto empty = parse_telegram_page("");
  REQUIRE(empty);
  CHECK(empty->messages.empty());
  CHECK_FALSE(empty->complete);
}
