#include "fake_lookup_api.h"

#include <httplib.h>
#include <simdjson.h>

#include <vector>

namespace pantau::fetch::test {
namespace {

int64_t number_of(std::string_view id) {
  size_t end = id.size();
  while (end > 0 && (id[end - 1] < '0' || id[end - 1] > '9')) --end;
  size_t begin = end;
  while (begin > 0 && id[begin - 1] >= '0' && id[begin - 1] <= '9' && end - begin < 15) --begin;
  int64_t n = 0;
  for (size_t i = begin; i < end; ++i) n = n * 10 + (id[i] - '0');
  return n;
}

std::string text_now(std::string_view id) {
  return fate_of(id) == Fate::kEdited ? original_text(id) + " (diedit)" : original_text(id);
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at <= s.size()) {
    size_t e = s.find(sep, at);
    if (e == std::string::npos) e = s.size();
    if (e > at) out.push_back(s.substr(at, e - at));
    at = e + 1;
  }
  return out;
}

bool shown(Fate f) { return f == Fate::kPresent || f == Fate::kEdited; }

void json(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/json; charset=utf-8");
}

void x_lookup(const httplib::Request& req, httplib::Response& res) {
  std::string data, errors;
  for (const auto& id : split(req.get_param_value("ids"), ',')) {
    const Fate f = fate_of(id);
    if (shown(f)) {
      data +=
          std::string(data.empty() ? "" : ",") + R"({"id":")" + id + R"(","text":")" +
          text_now(id) +
          R"(","author_id":"42","created_at":"2024-01-10T01:00:00.000Z","edit_history_tweet_ids":[")" +
          id + R"("],"lang":"in"})";
      continue;
    }
    std::string problem;
    if (f == Fate::kDeleted) {
      problem =
          R"("detail":"Could not find tweet with ids: [)" + id +
          R"(].","title":"Not Found Error","type":"https://api.twitter.com/2/problems/resource-not-found")";
    } else if (f == Fate::kPrivate) {
      problem =
          R"("detail":"Sorry, you are not authorized to see the Tweet with ids: [)" + id +
          R"(].","title":"Authorization Error","type":"https://api.twitter.com/2/problems/not-authorized-for-resource")";
    } else {
      problem =
          R"("detail":"User has been suspended: [budi].","title":"Forbidden","type":"https://api.twitter.com/2/problems/not-authorized-for-resource")";
    }
    errors += std::string(errors.empty() ? "" : ",") + R"({"value":")" + id +
              R"(","resource_type":"tweet","parameter":"ids","resource_id":")" + id + R"(",)" +
              problem + "}";
  }
  std::string body = "{";
  if (!data.empty()) {
    body += R"("data":[)" + data +
            R"(],"includes":{"users":[{"id":"42","name":"Budi","username":"budi"}]})";
  }
  if (!errors.empty())
    body += std::string(data.empty() ? "" : ",") + R"("errors":[)" + errors + "]";
  body += "}";
  res.set_header("x-rate-limit-limit", "300");
  res.set_header("x-rate-limit-remaining", "299");
  json(res, 200, body);
}

void youtube_lookup(const httplib::Request& req, httplib::Response& res) {
  std::string items;
  for (const auto& id : split(req.get_param_value("id"), ',')) {
    const Fate f = fate_of(id);
    if (f == Fate::kDeleted || f == Fate::kPrivate) continue;
    const std::string status =
        f == Fate::kGone
            ? R"({"uploadStatus":"rejected","rejectionReason":"uploaderAccountSuspended","privacyStatus":"public"})"
            : R"({"uploadStatus":"processed","privacyStatus":"public"})";
    items +=
        std::string(items.empty() ? "" : ",") + R"({"kind":"youtube#video","id":")" + id +
        R"(","snippet":{"publishedAt":"2024-01-10T01:00:00Z","channelId":"UCbudi","title":"Video )" +
        id + R"(","description":")" + text_now(id) + R"(","channelTitle":"Budi"},"status":)" +
        status + "}";
  }
  json(res, 200,
       R"({"kind":"youtube#videoListResponse","items":[)" + items +
           R"(],"pageInfo":{"totalResults":1,"resultsPerPage":1}})");
}

void mastodon_lookup(const httplib::Request& req, httplib::Response& res) {
  const std::string id = req.path.substr(std::string("/api/v1/statuses/").size());
  const Fate f = fate_of(id);
  if (f == Fate::kDeleted || f == Fate::kPrivate)
    return json(res, 404, R"({"error":"Record not found"})");
  if (f == Fate::kGone) return json(res, 410, R"({"error":"Gone"})");
  json(
      res, 200,
      R"({"id":")" + id +
          R"(","created_at":"2024-01-10T01:00:00.000Z","url":"https://mastodon.social/@budi/)" +
          id + R"(","content":"<p>)" + text_now(id) +
          R"(</p>","account":{"id":"7","username":"budi","acct":"budi","url":"https://mastodon.social/@budi"}})");
}

void bluesky_lookup(const httplib::Request& req, httplib::Response& res) {
  std::string posts;
  const size_t n = req.get_param_value_count("uris");
  for (size_t i = 0; i < n; ++i) {
    const std::string uri = req.get_param_value("uris", i);
    if (!shown(fate_of(uri))) continue;
    const std::string did = uri.substr(5, uri.find('/', 5) - 5);
    posts += std::string(posts.empty() ? "" : ",") + R"({"uri":")" + uri +
             R"(","cid":"bafyreib","author":{"did":")" + did +
             R"(","handle":"budi.bsky.social"},"record":{"$type":"app.bsky.feed.post","text":")" +
             text_now(uri) +
             R"(","createdAt":"2024-01-10T01:00:00.000Z"},"indexedAt":"2024-01-10T01:00:00.000Z"})";
  }
  json(res, 200, R"({"posts":[)" + posts + "]}");
}

void telegram_lookup(const httplib::Request& req, httplib::Response& res) {
  const std::string channel = req.path.substr(3);
  if (channel.rfind("gone", 0) == 0) {
    res.status = 302;
    res.set_header("Location", "https://t.me/" + channel);
    return;
  }
  const int64_t before = std::stoll(req.get_param_value("before"));
  std::string page = R"(<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Kanal</title></head>
<body class="widget_frame_base tgme_widget body_widget_post"><section class="tgme_channel_history js-message_history">
)";
  for (int64_t id = std::max<int64_t>(1, before - 20); id < before; ++id) {
    const std::string num = std::to_string(id);
    if (!shown(fate_of(num))) continue;
    page +=
        R"(<div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message js-widget_message" data-post=")" +
        channel + "/" + num +
        R"("><div class="tgme_widget_message_bubble"><div class="tgme_widget_message_text js-message_text" dir="auto">)" +
        text_now(num) +
        R"(</div><div class="tgme_widget_message_footer compact js-message_footer"><div class="tgme_widget_message_info short js-message_info"><span class="tgme_widget_message_views">12</span><span class="tgme_widget_message_meta"><a class="tgme_widget_message_date" href="https://t.me/)" +
        channel + "/" + num +
        R"("><time datetime="2024-02-10T02:15:00+00:00" class="time">02:15</time></a></span></div></div></div></div></div>
)";
  }
  page += "</section></body></html>\n";
  res.status = 200;
  res.set_content(page, "text/html; charset=utf-8");
}

void tiktok_lookup(const httplib::Request& req, httplib::Response& res) {
  simdjson::dom::parser p;
  simdjson::dom::element body;
  simdjson::dom::array values;
  if (p.parse(req.body).get(body) ||
      body["query"]["and"].at(0)["field_values"].get_array().get(values)) {
    return json(res, 400, R"({"data":{},"error":{"code":"invalid_params","message":"bad query"}})");
  }
  std::string videos;
  for (simdjson::dom::element v : values) {
    std::string_view id;
    if (v.get_string().get(id) || !shown(fate_of(id))) continue;
    videos += std::string(videos.empty() ? "" : ",") + R"({"id":)" + std::string(id) +
              R"(,"video_description":")" + text_now(id) +
              R"(","create_time":1699745000,"username":"budi","like_count":3,"view_count":40})";
  }
  json(
      res, 200,
      R"({"data":{"videos":[)" + videos +
          R"(],"cursor":100,"has_more":false,"search_id":"7301"},"error":{"code":"ok","message":"","log_id":"1"}})");
}

void facebook_lookup(const httplib::Request& req, httplib::Response& res) {
  const std::string id = req.get_param_value("ids");
  const Fate f = fate_of(id);
  if (f == Fate::kDeleted) {
    return json(res, 400,
                R"({"error":{"message":"(#803) Some of the aliases you requested do not exist: )" +
                    id + R"(","type":"OAuthException","code":803,"fbtrace_id":"AbC"}})");
  }
  if (!shown(f)) {
    // Fate 9 echoes the request's token in the message, as careless APIs do.
    const std::string echo =
        f == Fate::kGone ? " (access_token=" + req.get_param_value("access_token") + ")" : "";
    return json(
        res, 400,
        R"({"error":{"message":"Unsupported get request. Object with ID ')" + id +
            R"(' does not exist, cannot be loaded due to missing permissions, or does not support this operation)" +
            echo +
            R"(","type":"GraphMethodException","code":100,"error_subcode":33,"fbtrace_id":"AbC"}})");
  }
  json(
      res, 200,
      R"({")" + id + R"(":{"id":")" + id + R"(","message":")" + text_now(id) +
          R"(","created_time":"2024-01-10T01:00:00+0000","permalink_url":"https://www.facebook.com/)" +
          id + R"("}})");
}

}  // namespace

Fate fate_of(std::string_view native_id) {
  switch (number_of(native_id) % 10) {
    case 6:
      return Fate::kEdited;
    case 7:
      return Fate::kDeleted;
    case 8:
      return Fate::kPrivate;
    case 9:
      return Fate::kGone;
    default:
      return Fate::kPresent;
  }
}

std::string original_text(std::string_view native_id) {
  return "post " + std::to_string(number_of(native_id));
}

bool serve_lookup(const httplib::Request& req, httplib::Response& res) {
  if (req.path == "/2/tweets") {
    x_lookup(req, res);
  } else if (req.path == "/videos") {
    youtube_lookup(req, res);
  } else if (req.path.rfind("/api/v1/statuses/", 0) == 0) {
    mastodon_lookup(req, res);
  } else if (req.path == "/xrpc/app.bsky.feed.getPosts") {
    bluesky_lookup(req, res);
  } else if (req.path.rfind("/s/", 0) == 0 && req.has_param("before")) {
    telegram_lookup(req, res);
  } else if (req.path == "/v2/oauth/token/") {
    json(res, 200,
         R"({"access_token":"clt.lookup-token-991","expires_in":7200,"token_type":"Bearer"})");
  } else if (req.path == "/v2/research/video/query/") {
    tiktok_lookup(req, res);
  } else if (req.path == "/" && req.has_param("ids")) {
    facebook_lookup(req, res);
  } else {
    return false;
  }
  return true;
}

}  // namespace pantau::fetch::test
