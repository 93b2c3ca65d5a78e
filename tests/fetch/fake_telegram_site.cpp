#include "fake_telegram_site.h"

#include <httplib.h>

#include <algorithm>

#include "pantau/time.h"

namespace pantau::fetch::test {
namespace {

constexpr int kPageSize = 20;             // what t.me/s shows
constexpr int64_t kBase = 1707523200000;  // 2024-02-10T00:00:00Z

std::string message_html(const std::string& channel, int64_t id) {
  const std::string post = channel + "/" + std::to_string(id);
  const std::string when = format_rfc3339(FakeTelegramSite::time_of(id));
  if (id % 10 == 0) {
    return R"(<div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message service_message js-widget_message" data-post=")" +
           post +
           R"("><div class="tgme_widget_message_bubble"><div class="tgme_widget_message_text js-message_text" dir="auto">Channel photo updated</div><div class="tgme_widget_message_footer js-message_footer"><div class="tgme_widget_message_info short js-message_info"><span class="tgme_widget_message_meta"><a class="tgme_widget_message_date" href="https://t.me/)" +
           post + R"("><time datetime=")" + when +
           R"(" class="time">00:00</time></a></span></div></div></div></div></div>)";
  }
  return R"(<div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message text_not_supported_wrap js-widget_message" data-post=")" +
         post +
         R"(" data-view="ZXhhbXBsZQ"><div class="tgme_widget_message_bubble"><div class="tgme_widget_message_author accent_color"><a class="tgme_widget_message_owner_name" href="https://t.me/)" +
         channel +
         R"("><span dir="auto">Relawan Contoh</span></a></div><div class="tgme_widget_message_text js-message_text" dir="auto">Kabar relawan nomor )" +
         std::to_string(id) +
         R"(</div><div class="tgme_widget_message_footer compact js-message_footer"><div class="tgme_widget_message_info short js-message_info"><span class="tgme_widget_message_views">1.2K</span><span class="copyonly"> views</span><span class="tgme_widget_message_meta"><a class="tgme_widget_message_date" href="https://t.me/)" +
         post + R"("><time datetime=")" + when +
         R"(" class="time">00:00</time></a></span></div></div></div></div></div>)";
}

}  // namespace

FakeTelegramSite::FakeTelegramSite(std::string fixture_page, std::string no_posts_page,
                                   int messages)
    : fixture_(std::move(fixture_page)), no_posts_(std::move(no_posts_page)), messages_(messages) {}

int64_t FakeTelegramSite::time_of(int64_t id) { return kBase + id * 60000; }

std::vector<std::string> FakeTelegramSite::user_agents() const {
  std::lock_guard<std::mutex> lock(mu_);
  return user_agents_;
}

std::string FakeTelegramSite::page(const std::string& name, int64_t before) const {
  const int64_t top = before > 0 ? std::min<int64_t>(before - 1, total()) : total();
  const int64_t first = std::max<int64_t>(1, top - kPageSize + 1);
  if (top < 1) return no_posts_;
  std::string html =
      "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>Relawan "
      "Contoh &#8211; Telegram</title>\n<link rel=\"canonical\" href=\"https://t.me/s/" +
      name + "\">\n";
  if (first > 1) {
    html += "<link rel=\"prev\" href=\"/s/" + name + "?before=" + std::to_string(first) + "\">\n";
  }
  html +=
      "</head>\n<body class=\"widget_frame_base tgme_widget body_widget_post\">\n<section "
      "class=\"tgme_channel_history js-message_history\">\n";
  for (int64_t id = first; id <= top; ++id) html += message_html(name, id) + "\n";
  html += "</section>\n</body>\n</html>\n";
  return html;
}

bool FakeTelegramSite::serve(const httplib::Request& req, httplib::Response& res) {
  if (req.path.rfind("/s/", 0) != 0) return false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    user_agents_.push_back(req.get_header_value("User-Agent"));
  }
  const std::string name = req.path.substr(3);
  const std::string before_text = req.get_param_value("before");
  const int64_t before = before_text.empty() ? 0 : std::stoll(before_text);
  res.status = 200;
  if (name.rfind("dead", 0) == 0) {
    res.status = 302;
    res.set_header("Location", "https://t.me/" + name);
    return true;
  }
  std::string body;
  if (name.rfind("empty", 0) == 0) {
    body = no_posts_;
  } else if (name == "pantau_contoh") {
    body = before == 0 ? fixture_ : no_posts_;
  } else {
    body = page(name, before);
  }
  res.set_content(body, "text/html; charset=utf-8");
  return true;
}

}  // namespace pantau::fetch::test
