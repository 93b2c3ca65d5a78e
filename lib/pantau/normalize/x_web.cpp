#include "pantau/normalize/x_web.h"

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace pantau::normalize {
namespace {

using simdjson::error_code;
using simdjson::SUCCESS;

// What one tweet object holds; a retweet's original is read into `retweeted`.
struct WebTweet {
  std::string id, created_at, text, note_text, lang;
  std::string author_id, screen_name, name;
  std::string reply_to, quoted_id;
  std::vector<std::string> hashtags, mentions, urls;
  std::vector<Media> media;
  std::optional<int64_t> likes, reposts, replies, quotes, bookmarks, views;
  std::unique_ptr<WebTweet> retweeted;
  size_t repairs = 0;
};

error_code read_tweet(od::value v, WebTweet& t, int depth);

// user_results.result: the author; screen_name and name sit in "legacy" (until 2025) or in
// "core" (since).
error_code read_user(od::value v, WebTweet& t) {
  return fields_of(v, [&](std::string_view k, od::value r) -> error_code {
    if (k != "result") return SUCCESS;
    return fields_of(r, [&](std::string_view uk, od::value uv) -> error_code {
      if (uk == "rest_id") {
        read_id(uv, &t.author_id);
      } else if (uk == "legacy" || uk == "core") {
        return fields_of(uv, [&](std::string_view lk, od::value lv) -> error_code {
          if (lk == "screen_name" && t.screen_name.empty()) read_string(lv, &t.screen_name);
          if (lk == "name" && t.name.empty()) read_string(lv, &t.name, &t.repairs);
          return SUCCESS;
        });
      }
      return SUCCESS;
    });
  });
}

// One entity list: the string `field` of each element.
error_code read_entity_list(od::value v, std::string_view field, std::vector<std::string>* out) {
  return elements_of(v, [&](od::value e) -> error_code {
    return fields_of(e, [&](std::string_view k, od::value f) -> error_code {
      if (k == field) {
        std::string s;
        if (read_string(f, &s) && !s.empty()) out->push_back(std::move(s));
      }
      return SUCCESS;
    });
  });
}

error_code read_entities(od::value v, WebTweet& t) {
  return fields_of(v, [&](std::string_view k, od::value f) -> error_code {
    if (k == "hashtags") return read_entity_list(f, "text", &t.hashtags);
    if (k == "user_mentions") return read_entity_list(f, "screen_name", &t.mentions);
    if (k == "urls") return read_entity_list(f, "expanded_url", &t.urls);
    return SUCCESS;
  });
}

error_code read_media(od::value v, WebTweet& t) {
  return fields_of(v, [&](std::string_view k, od::value f) -> error_code {
    if (k != "media") return SUCCESS;
    return elements_of(f, [&](od::value m) -> error_code {
      std::string type, url;
      error_code e = fields_of(m, [&](std::string_view mk, od::value mv) -> error_code {
        if (mk == "type") read_string(mv, &type);
        if (mk == "media_url_https") read_string(mv, &url);
        return SUCCESS;
      });
      if (e) return e;
      const std::string kind = type == "photo"          ? "photo"
                               : type == "video"        ? "video"
                               : type == "animated_gif" ? "gif"
                                                        : "other";
      t.media.push_back({kind, url, std::nullopt});
      return SUCCESS;
    });
  });
}

error_code read_legacy(od::value v, WebTweet& t, int depth) {
  return fields_of(v, [&](std::string_view k, od::value f) -> error_code {
    if (k == "full_text") {
      read_string(f, &t.text, &t.repairs);
    } else if (k == "created_at") {
      read_string(f, &t.created_at);
    } else if (k == "id_str" && t.id.empty()) {
      read_id(f, &t.id);
    } else if (k == "user_id_str" && t.author_id.empty()) {
      read_id(f, &t.author_id);
    } else if (k == "lang") {
      read_string(f, &t.lang);
    } else if (k == "favorite_count") {
      t.likes = read_count(f);
    } else if (k == "retweet_count") {
      t.reposts = read_count(f);
    } else if (k == "reply_count") {
      t.replies = read_count(f);
    } else if (k == "quote_count") {
      t.quotes = read_count(f);
    } else if (k == "bookmark_count") {
      t.bookmarks = read_count(f);
    } else if (k == "in_reply_to_status_id_str") {
      read_id(f, &t.reply_to);
    } else if (k == "quoted_status_id_str") {
      read_id(f, &t.quoted_id);
    } else if (k == "entities") {
      return read_entities(f, t);
    } else if (k == "extended_entities") {
      return read_media(f, t);
    } else if (k == "retweeted_status_result" && depth == 0) {
      return fields_of(f, [&](std::string_view rk, od::value rv) -> error_code {
        if (rk != "result") return SUCCESS;
        t.retweeted = std::make_unique<WebTweet>();
        return read_tweet(rv, *t.retweeted, depth + 1);
      });
    }
    return SUCCESS;
  });
}

error_code read_tweet(od::value v, WebTweet& t, int depth) {
  return fields_of(v, [&](std::string_view k, od::value f) -> error_code {
    if (k == "tweet") return read_tweet(f, t, depth);  // TweetWithVisibilityResults
    if (k == "rest_id") {
      read_id(f, &t.id);
    } else if (k == "core") {
      return fields_of(f, [&](std::string_view ck, od::value cv) -> error_code {
        return ck == "user_results" ? read_user(cv, t) : SUCCESS;
      });
    } else if (k == "legacy") {
      return read_legacy(f, t, depth);
    } else if (k == "note_tweet") {
      // A post longer than 280 characters: legacy.full_text is cut, the note holds all of it.
      return fields_of(f, [&](std::string_view nk, od::value nv) -> error_code {
        if (nk != "note_tweet_results") return SUCCESS;
        return fields_of(nv, [&](std::string_view rk, od::value rv) -> error_code {
          if (rk != "result") return SUCCESS;
          return fields_of(rv, [&](std::string_view tk, od::value tv) -> error_code {
            if (tk == "text") read_string(tv, &t.note_text, &t.repairs);
            return SUCCESS;
          });
        });
      });
    } else if (k == "views") {
      return fields_of(f, [&](std::string_view vk, od::value vv) -> error_code {
        if (vk == "count") t.views = read_count(vv);  // a string of digits
        return SUCCESS;
      });
    }
    return SUCCESS;
  });
}

std::string post_url(const WebTweet& t) {
  const std::string who = t.screen_name.empty() ? "i/web" : t.screen_name;
  return "https://x.com/" + who + "/status/" + t.id;
}

}  // namespace

std::optional<EpochMillis> parse_x_date(std::string_view s) {
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char wk[4] = {}, mon[4] = {}, zone[6] = {};
  int d = 0, hh = 0, mi = 0, ss = 0, y = 0;
  const std::string str(s.substr(0, 40));
  int used = 0;
  if (std::sscanf(str.c_str(), "%3s %3s %2d %2d:%2d:%2d %5s %4d%n", wk, mon, &d, &hh, &mi, &ss,
                  zone, &y, &used) != 8 ||
      static_cast<size_t>(used) != str.size()) {
    return std::nullopt;
  }
  int m = 0;
  for (int i = 0; i < 12; ++i) {
    if (std::string_view(mon) == kMonths[i]) m = i + 1;
  }
  auto offset = parse_utc_offset(zone);
  if (m == 0 || !offset || d < 1 || d > 31 || hh > 23 || mi > 59 || ss > 60) return std::nullopt;
  return (days_from_civil(y, m, d) * 86400 + hh * 3600 + mi * 60 + ss - *offset) * 1000;
}

error_code read_x_web_tweet(od::value v, Post& p) {
  WebTweet t;
  if (auto e = read_tweet(v, t, 0)) return e;
  p.platform = "x";
  p.native_id = t.id;
  p.author_id = t.author_id;
  p.author_handle = t.screen_name;
  p.author_name = t.name;
  p.created_at = parse_x_date(t.created_at);
  p.lang = t.lang;
  p.likes = t.likes;
  p.shares = t.reposts;
  p.comments = t.replies;
  p.quotes = t.quotes;
  p.bookmarks = t.bookmarks;
  p.views = t.views;
  p.url = t.id.empty() ? std::string() : post_url(t);
  // A retweet's own text is "RT @user: " and the original cut short; its entities are the cut
  // text's. The original carries the whole text and the right entities.
  const WebTweet& body = t.retweeted && !t.retweeted->id.empty() ? *t.retweeted : t;
  p.text = body.note_text.empty() ? body.text : body.note_text;
  p.utf8_repairs = t.repairs + (t.retweeted ? t.retweeted->repairs : 0);
  p.hashtags = body.hashtags;
  p.mentions = body.mentions;
  p.urls = body.urls;
  p.media = body.media;
  // Entity lists are given whenever the tweet had an "entities" object; a long post's note may
  // hold entities past the cut, so those are then taken from the text.
  p.given_hashtags = p.given_mentions = p.given_urls = body.note_text.empty();
  if (&body != &t) {
    p.type = "repost";
    p.parent = "x:" + body.id;
  } else if (!t.reply_to.empty()) {
    p.type = "reply";
    p.parent = "x:" + t.reply_to;
  } else if (!t.quoted_id.empty()) {
    p.type = "quote";
    p.parent = "x:" + t.quoted_id;
  }
  return SUCCESS;
}

}  // namespace pantau::normalize
