#include <catch2/catch.hpp>
#include <chrono>
#include <string>

#include "normalize_test_support.h"

namespace pantau::test {
namespace {

TEST_CASE("telegram t.me/s page: text - views - reply - forward - media - preview title") {
  Run run =
      normalize_text(raw_line("telegram", "channel_page", fixture("telegram/tme_s_page.html")));
  REQUIRE(run.errors.empty());
  REQUIRE(run.records.size() == 5);  // the service message is not a post
  const std::string& p = run.records[0];
  CHECK(at(p, "/id") == "telegram:pantau_contoh/101");
  CHECK(at(p, "/url") == "https://t.me/pantau_contoh/101");
  CHECK(at(p, "/created_at") == "2024-02-10T02:15:00Z");
  CHECK(at(p, "/author/name") == "Relawan Contoh Dapil 2");
  CHECK(at(p, "/text") ==
        "Ayo datang ke TPS tgl 14 Februari, jangan golput! \xF0\x9F\x97\xB3\n\nInfo lengkap: "
        "example.org/jadwal-kampanye\n#Pemilu2024 #NomorUrut3 & salam dari @budi_contoh");
  CHECK(at(p, "/hashtags") == R"(["Pemilu2024","NomorUrut3"])");
  CHECK(at(p, "/mentions") == R"(["budi_contoh"])");
  CHECK(at(p, "/urls") == R"(["https://example.org/jadwal-kampanye"])");
  CHECK(at(p, "/metrics/views") == "1200");
  CHECK(at(run.records[1], "/media/0/url") ==
        "https://cdn4.telegram-cdn.org/file/contoh-foto-102.jpg");
  CHECK(at(run.records[2], "/type") == "repost");
  CHECK(at(run.records[2], "/parent") == "telegram:kabar_contoh/77");
  CHECK(at(run.records[2], "/metrics/views") == "2500000");
  CHECK(at(run.records[3], "/type") == "reply");
  CHECK(at(run.records[3], "/parent") == "telegram:pantau_contoh/101");
  CHECK(at(run.records[3], "/text") == "Video ajakan dr kami \xF0\x9F\x91\x87");  // not the quote
  CHECK(at(run.records[3], "/media/0/duration") == "65");
  CHECK(at(run.records[4], "/title") == "Visi & Misi Calon Nomor Urut 3");
}

TEST_CASE("telegram page without posts") {
  Run run =
      normalize_text(raw_line("telegram", "channel_page", fixture("telegram/tme_s_no_posts.html")));
  CHECK(run.errors.empty());
  CHECK(run.records.empty());
}

TEST_CASE("telegram desktop export as one document: unixtime - local dates - entities") {
  normalize::RecordNormalizer n({});
  std::string out;
  Status s = n.normalize_document(fixture("telegram/result.json"),
                                  normalize::InputFormat::kTelegramExport, "result.json", &out);
  REQUIRE(s.ok());
  Run run;
  for (size_t start = 0; start < out.size();) {
    size_t nl = out.find('\n', start);
    run.records.push_back(out.substr(start, nl - start));
    start = nl + 1;
  }
  REQUIRE(run.records.size() == 4);  // the service message is skipped
  const std::string& p = run.records[0];
  CHECK(at(p, "/id") == "telegram:1987654321/2");
  CHECK(at(p, "/created_at") == "2024-02-10T02:15:00Z");  // from date_unixtime
  CHECK(at(p, "/text") ==
        "Ayo coblos nomor 3 tgl 14! #Pemilu2024 info: https://example.org/jadwal cc @budi_contoh");
  CHECK(at(p, "/hashtags") == R"(["Pemilu2024"])");
  CHECK(at(p, "/mentions") == R"(["budi_contoh"])");
  CHECK(at(p, "/source/format") == "telegram.export");
  CHECK(at(run.records[1], "/media/0/url") == "null");  // "(File not included...)"
  CHECK(at(run.records[2], "/parent") == "telegram:1987654321/2");
  CHECK(at(run.records[2], "/media/0/duration") == "65");
  // No date_unixtime: the local time is read as UTC+07:00.
  CHECK(at(run.records[3], "/created_at") == "2024-02-12T03:00:00Z");
  CHECK(at(run.records[3], "/type") == "repost");
}

TEST_CASE("a pretty-printed export without --from is joined from its lines and read whole") {
  Run run = normalize_text(fixture("telegram/result.json"));
  CHECK(run.errors.empty());
  CHECK(count_kind(run, "post") == 4);
  CHECK(at(run.records.at(0), "/source/format") == "telegram.export");
  CHECK(at(run.records.at(0), "/source/line") == "1");
}

TEST_CASE("a pretty-printed export cut short is one error naming the line it began on") {
  const std::string text = fixture("telegram/result.json");
  Run run = normalize_text(text.substr(0, text.size() / 2));
  REQUIRE(run.errors.size() == 1);
  CHECK(run.errors[0].find("from line 1") != std::string::npos);
  CHECK(run.errors[0].find("ends early: the input ended") != std::string::npos);
  CHECK(count_kind(run, "post") == 0);
  CHECK(count_kind(run, "error") == 1);
}

TEST_CASE("a record after a document cut short is still read") {
  const std::string text = fixture("telegram/result.json");
  Run run = normalize_text(text.substr(0, text.size() / 2) + "\n{\"kind\":\"probe\"}\n");
  REQUIRE(run.errors.size() == 1);
  CHECK(run.errors[0].find("starts a new record") != std::string::npos);
  CHECK(count_kind(run, "probe") == 1);
}

// Hostile pages (found by fuzzing, issue #16): each is read in time linear in its size and
// never ends the run.

TEST_CASE("telegram page: data-post with no tag around it is skipped and the next line is read") {
  std::string text = raw_line("telegram", "channel_page", "data-post=\"") + "\n" +
                     raw_line("telegram", "channel_page", "x data-post=\"a/1\" <b>") + "\n" +
                     raw_line("telegram", "channel_page", fixture("telegram/tme_s_page.html"));
  Run run = normalize_text(text);
  // Neither hostile body holds a message: each is one "no items" error (never a silent zero,
  // issue #15), and the page after them is read whole.
  REQUIRE(run.errors.size() == 2);
  CHECK(run.errors[0].find("no items found") != std::string::npos);
  CHECK(count_kind(run, "error") == 2);
  CHECK(count_kind(run, "post") == 5);
}

TEST_CASE("telegram page: a tag with several data-post is one message, named by the first") {
  std::string body =
      "<div data-post=\"a/1\" data-post=\"a/2\"><div class=\"js-message_text\">hi"
      "</div></div>";
  Run run = normalize_text(raw_line("telegram", "channel_page", body));
  CHECK(run.errors.empty());
  REQUIRE(run.records.size() == 1);
  CHECK(at(run.records[0], "/id") == "telegram:a/1");
  CHECK(at(run.records[0], "/text") == "hi");
}

TEST_CASE("telegram page: a data-post in the text does not cut the message short") {
  std::string body =
      "<div data-post=\"a/1\"><div class=\"js-message_text\">see data-post=\"x/2\" here"
      "</div></div>";
  Run run = normalize_text(raw_line("telegram", "channel_page", body));
  REQUIRE(run.records.size() == 1);
  CHECK(at(run.records[0], "/text") == "see data-post=\"x/2\" here");
}

namespace {

std::string repeat(std::string_view s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out.append(s);
  return out;
}

// Seconds taken by normalizing one Telegram page.
double seconds_for_page(const std::string& body, Run* run) {
  const std::string line = raw_line("telegram", "channel_page", body);
  const auto start = std::chrono::steady_clock::now();
  *run = normalize_text(line);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("telegram page: 100,000 nested divs in a message are read in linear time") {
  // Took 47 s for 80,000 before element_inner kept its next start and end tags.
  const size_t n = 100'000;
  std::string body =
      "<div class=\"tgme_widget_message\" data-post=\"c/1\"><div "
      "class=\"tgme_widget_message_text js-message_text\">" +
      repeat("<div>", n) + "x" + repeat("</div>", n) + "</div></div>";
  Run run;
  const double secs = seconds_for_page(body, &run);
  REQUIRE(run.records.size() == 1);
  CHECK(at(run.records[0], "/text") == "x");
  CHECK(secs < 2.0);  // about 1 MB: linear is milliseconds, quadratic is minutes
}

TEST_CASE("telegram page: stray class names, '&' and unterminated tags stay linear") {
  Run run;
  // Photo classes outside any tag, or many in one unterminated tag: each tag_at() used to scan
  // to the page's end.
  double secs = seconds_for_page(
      "<div data-post=\"c/1\">" + repeat("tgme_widget_message_photo_wrap ", 60'000), &run);
  CHECK(secs < 2.0);
  secs = seconds_for_page(
      "<div data-post=\"c/1\"><a class=\"" + repeat("tgme_widget_message_photo_wrap ", 60'000),
      &run);
  CHECK(secs < 2.0);
  // data-post in text, outside any tag, many times.
  secs = seconds_for_page("<b>" + repeat("data-post=\"c/1\" ", 100'000), &run);
  CHECK(count_kind(run, "post") == 0);
  CHECK(run.errors.size() == 1);  // a page with no message in it is not a silent zero
  CHECK(secs < 2.0);
  // '&' without ';': decode_entities() looked for a ';' to the text's end at each one.
  secs = seconds_for_page("<div data-post=\"c/1\"><div class=\"js-message_text\">" +
                              repeat("&", 2'000'000) + "</div></div>",
                          &run);
  REQUIRE(run.records.size() == 1);
  CHECK(at(run.records[0], "/text").size() == 2'000'000);
  CHECK(secs < 2.0);
}

}  // namespace
}  // namespace pantau::test
